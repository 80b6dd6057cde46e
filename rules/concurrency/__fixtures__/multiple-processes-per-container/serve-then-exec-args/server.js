require('node:http').createServer((_q, r) => r.end('ok')).listen(Number(process.env.PORT));
