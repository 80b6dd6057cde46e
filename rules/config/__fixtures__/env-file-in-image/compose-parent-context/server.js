const server = require('http').createServer((_req, res) => res.end('ok')).listen(Number(process.env.PORT));
process.on('SIGTERM', () => server.close());
