import http from 'node:http';
const server = http.createServer((_req, res) => res.end('ok')).listen(Number(process.env.PORT));
process.on('SIGTERM', () => server.close());
