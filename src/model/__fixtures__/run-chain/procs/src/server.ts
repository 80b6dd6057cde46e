import http from 'node:http';
http.createServer().listen(3000);
