// Near miss: under pm2, and no handler of any signal.
const http = require('node:http');
const server = http.createServer((_req, res) => res.end('ok'));
server.listen(Number(process.env.PORT));
