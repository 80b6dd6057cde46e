import http from 'node:http';

const server = http.createServer((_req, res) => res.end('ok'));
server.listen(Number(process.env.PORT));

export function stop(): Promise<void> {
  return new Promise((resolve) => server.close(() => resolve()));
}
