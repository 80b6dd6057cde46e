import http from 'node:http';

const server = http.createServer((_req, res) => res.end('ok'));
server.listen(3000, () => console.log('listening'));

process.on('SIGTERM', () => server.close());
