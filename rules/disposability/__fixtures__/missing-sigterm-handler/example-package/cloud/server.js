const http = require('node:http');

// Near miss: a helper server users run; its package calls it no example.
http.createServer((req, res) => res.end('stored')).listen(process.env.CLOUD_PORT ?? 9999);
