const http = require('node:http');
http.createServer((_req, res) => res.end('ok')).listen(3000);
