// The package ships a `shop-server` command, and the image runs it: a deployed process after all.
const http = require('node:http');

http.createServer((_req, res) => res.end('ok')).listen(Number(process.env.PORT ?? 8080));
