const http = require('node:http');
const { init } = require('./db');

const server = http.createServer((req, res) => res.end('ok'));

init().then(() => {
  server.listen(Number(process.env.PORT ?? 3000));
});

process.on('SIGTERM', () => {
  server.close(() => process.exit(0));
});
