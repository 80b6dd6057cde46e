const http = require('node:http');

const level = process.env.LOG_LEVEL ?? 'info';
const port = Number(process.env.PORT ?? 3000);
const server = http.createServer((req, res) => res.end('ok'));
server.listen(port, () => {
  if (level !== 'silent') console.log(`listening on ${port}`);
});

process.on('SIGTERM', () => {
  server.close(() => process.exit(0));
});
