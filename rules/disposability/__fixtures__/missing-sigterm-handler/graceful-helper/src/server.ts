import http from 'node:http';
import { createTerminus } from '@godaddy/terminus';

const server = http.createServer((_req, res) => res.end('ok'));
createTerminus(server, { signals: ['SIGTERM'], timeout: 10_000 });
server.listen(process.env.PORT ?? 8080);
