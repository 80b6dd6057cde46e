// pm2 runs this process and stops it with SIGINT (its default kill_signal): the handler below is
// its graceful shutdown, though it never names SIGTERM.
const http = require('node:http');
const server = http.createServer((_req, res) => res.end('ok'));
server.listen(Number(process.env.PORT));
process.on('SIGINT', () => server.close(() => process.exit(0)));
