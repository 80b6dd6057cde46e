import http from 'node:http';
import { settings } from './settings.js';

const server = http.createServer((_req, res) => res.end('ok'));
server.listen(settings.port);

process.on('SIGTERM', () => server.close());
