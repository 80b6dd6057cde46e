import http from 'node:http';

const server = http.createServer((_req, res) => res.end('ok'));
server.listen(5173);
process.on('SIGTERM', () => server.close());
