// Near miss: "contest" is no test package.
const http = require('node:http');
http.createServer((_req, res) => res.end('{}')).listen(Number(process.env.PORT));
