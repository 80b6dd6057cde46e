// No SIGTERM handler, and the shell-form CMD would not pass SIGTERM on anyway: both are said.
require('node:http').createServer((_req, res) => res.end('ok')).listen(Number(process.env.PORT));
