// Started by hand against a local checkout to replay captured requests; the image never runs it.
const http = require('node:http');
const echo = http.createServer((req, res) => req.pipe(res));
echo.listen(Number(process.env.ECHO_PORT));
