// Started by hand while the OpenID login is tested: no platform runs or stops it.
const http = require('node:http');
http.createServer((_req, res) => res.end('{}')).listen(Number(process.env.AUTH_PORT));
