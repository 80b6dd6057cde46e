const http = require('node:http');
const { handle } = require('./orders');

const port = Number(process.env.PORT ?? 3000);
const server = http.createServer(handle);
server.listen(port, () => {
  console.log(`shop-api listening on ${port}`);
});

process.on('SIGTERM', () => {
  server.close(() => process.exit(0));
});
