// A library: it exports a factory and starts nothing when imported.
import http from 'node:http';

export function createServer(port: number) {
  const server = http.createServer((_req, res) => res.end('ok'));
  server.listen(port);
  return server;
}
