const server = require('node:http').createServer((_q, r) => r.end('ok')).listen(Number(process.env.PORT));
process.on('SIGTERM', () => server.close());
