import http from 'node:http';
import { SHUTDOWN_SIGNALS } from './constants';

const server = http.createServer((_req, res) => res.end('ok')).listen(Number(process.env.PORT));

for (const signal of SHUTDOWN_SIGNALS) {
  process.on(signal, () => server.close(() => process.exit(0)));
}
