import http from 'node:http';
http.createServer().listen(Number(process.env.PORT ?? 3000));
