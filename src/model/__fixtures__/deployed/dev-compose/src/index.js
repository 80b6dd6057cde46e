const http = require('node:http');

http.createServer((_req, res) => res.end('shop')).listen(Number(process.env.PORT));
