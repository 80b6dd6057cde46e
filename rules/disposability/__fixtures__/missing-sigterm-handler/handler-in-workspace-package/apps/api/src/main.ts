import http from 'node:http';
import { onShutdown } from '@shop/telemetry';

const server = http.createServer((_req, res) => res.end('ok'));
server.listen(Number(process.env.PORT));
onShutdown(() => server.close());
