const http = require('node:http');
const server = http.createServer((_req, res) => res.end('resized'));
server.listen(Number(process.env.PORT));
