const http = require('node:http');
const { handler } = require('./app');

const server = http.createServer(handler);
server.listen(Number(process.env.PORT ?? 3000));

process.on('SIGTERM', () => {
  server.close(() => process.exit(0));
});
