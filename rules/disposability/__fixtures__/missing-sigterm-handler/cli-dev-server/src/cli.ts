// `shop dev` serves a preview until the developer presses Ctrl-C.
import http from 'node:http';

const server = http.createServer((_req, res) => res.end('preview'));
process.on('SIGINT', () => server.close());
server.listen(Number(process.env.PORT ?? 4000));
