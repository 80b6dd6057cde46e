const http = require('node:http');
const path = require('node:path');
const { fork } = require('node:child_process');

// Migrations run in a short-lived child before the server listens.
const child = fork(path.join(__dirname, 'scripts', 'migrate.js'));

child.once('exit', () => {
  const server = http.createServer((req, res) => res.end('ok'));
  server.listen(Number(process.env.PORT ?? 3000));
  process.on('SIGTERM', () => server.close(() => process.exit(0)));
});
