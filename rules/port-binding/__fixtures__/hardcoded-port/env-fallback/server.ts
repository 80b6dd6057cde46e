import http from 'node:http';

const config = { port: Number(process.env.API_PORT) };
const port = Number(process.env.PORT) || 3000;

const a = http.createServer((_req, res) => res.end('a'));
a.listen(process.env.PORT ?? 3000);
const b = http.createServer((_req, res) => res.end('b'));
b.listen(port);
const c = http.createServer((_req, res) => res.end('c'));
c.listen({ port: Number(process.env.ADMIN_PORT ?? 9000) });
// Port 0: the OS picks a free port.
const d = http.createServer((_req, res) => res.end('d'));
d.listen(0);
const e = http.createServer((_req, res) => res.end('e'));
e.listen(config.port);

process.on('SIGTERM', () => {
  for (const s of [a, b, c, d, e]) s.close();
});
