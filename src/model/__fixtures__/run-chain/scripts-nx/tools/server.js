require('node:http').createServer((_q, s) => s.end('ok')).listen(process.env.PORT || 3001);
