// Near miss of stopsignal-sigint: the image is stopped with SIGINT, and nothing handles it.
const http = require('node:http');
const server = http.createServer((_req, res) => res.end('ok'));
server.listen(Number(process.env.PORT));
