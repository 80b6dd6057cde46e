const http = require('node:http');

exports.start = function start() {
  const server = http.createServer((_req, res) => res.end('forum'));
  server.listen(Number(process.env.PORT));
  return server;
};
