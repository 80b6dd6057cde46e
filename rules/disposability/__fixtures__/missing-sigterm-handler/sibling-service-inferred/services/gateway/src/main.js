const http = require('node:http');

http.createServer((_req, res) => res.end('gateway')).listen(Number(process.env.PORT));
