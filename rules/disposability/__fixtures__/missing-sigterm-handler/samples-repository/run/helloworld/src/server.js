// The service the image runs; nothing handles SIGTERM.
const http = require('node:http');
const server = http.createServer((_req, res) => res.end('ok'));
server.listen(Number(process.env.PORT));
