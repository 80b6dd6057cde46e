const http = require('node:http');
const pino = require('pino');

const log = pino({ level: process.env.LOG_LEVEL ?? 'info' });
const port = Number(process.env.PORT ?? 3000);
const server = http.createServer((req, res) => res.end('ok'));
server.listen(port, () => {
  // A leftover console line does not make the service console-only.
  console.log(`listening on ${port}`);
  log.info({ port }, 'listening');
});

process.on('SIGTERM', () => {
  server.close(() => process.exit(0));
});
