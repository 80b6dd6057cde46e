// process.on() returns process: the SIGTERM handler is registered by the second link of the chain.
const http = require('node:http');
const server = http.createServer((_req, res) => res.end('ok'));
server.listen(Number(process.env.PORT));
process
  .on('unhandledRejection', (err) => console.error(err))
  .once('SIGTERM', () => server.close(() => process.exit(0)));
