import http from 'node:http';
http.createServer().listen(8080);
