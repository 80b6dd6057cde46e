// Started by the integration workflow, and by the Procfile: deployed as well.
const http = require('node:http');

http.createServer((_req, res) => res.end('ok')).listen(3000);
