// The image is stopped with SIGINT (STOPSIGNAL of the stage it is built FROM): this is its shutdown.
const http = require('node:http');
const server = http.createServer((_req, res) => res.end('ok'));
server.listen(Number(process.env.PORT));
process.on('SIGINT', () => server.close(() => process.exit(0)));
