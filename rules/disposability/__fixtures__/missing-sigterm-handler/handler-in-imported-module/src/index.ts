import http from 'node:http';
import { onShutdown } from './shutdown.js';

const server = http.createServer((_req, res) => res.end('ok'));
server.listen(process.env.PORT ?? 8080);
onShutdown(() => server.close());
