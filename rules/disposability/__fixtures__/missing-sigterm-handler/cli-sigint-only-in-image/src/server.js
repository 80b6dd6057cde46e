// The package ships a command and the image runs it: the container is stopped with SIGTERM, which
// ends node at once, and the database is closed only on Ctrl-C.
const http = require('node:http');
const server = http.createServer((_req, res) => res.end('ok'));
server.listen(Number(process.env.PORT ?? 8080));
process.on('SIGINT', () => server.close(() => process.exit(0)));
