const http = require('node:http');

http.createServer((_req, res) => res.end('api')).listen(Number(process.env.PORT));
