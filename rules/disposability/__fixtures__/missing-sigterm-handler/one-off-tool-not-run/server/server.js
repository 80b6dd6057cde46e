const http = require('node:http');

const server = http.createServer((_req, res) => res.end('up'));
server.listen(Number(process.env.PORT));
process.on('SIGTERM', () => server.close(() => process.exit(0)));
