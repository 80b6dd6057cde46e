import http from 'node:http';

http.createServer((_req, res) => res.end('up')).listen(Number(process.env.PORT ?? 3000));
