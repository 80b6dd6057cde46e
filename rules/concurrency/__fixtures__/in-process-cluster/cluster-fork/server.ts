import cluster from 'node:cluster';
import http from 'node:http';
import os from 'node:os';

if (cluster.isPrimary) {
  for (let i = 0; i < os.cpus().length; i++) cluster.fork();
} else {
  const server = http.createServer((_req, res) => res.end('ok'));
  server.listen(Number(process.env.PORT ?? 3000));
  process.on('SIGTERM', () => server.close());
}
