const http = require('node:http');

const server = http.createServer((req, res) => res.end('ok')).listen(process.env.PORT);
process.on('SIGTERM', () => server.close(() => process.exit(0)));
