const http = require('node:http');

// Near miss: a service of a demo application is deployed as one; "demo" is no example to copy.
http.createServer((req, res) => res.end('paid')).listen(process.env.PAYMENTS_PORT ?? 7777);
