const http = require('node:http');

const server = http.createServer((_req, res) => res.end('forum'));
server.listen(Number(process.env.PORT));

module.exports = { server, listen: () => server };
