// Near miss: the app itself, which answers 200 and 503, and handles no SIGTERM: reported.
import http from 'node:http';

http.createServer((req, res) => {
  if (req.url === '/health') {
    res.statusCode = 200;
    return res.end('ok');
  }
  res.writeHead(503);
  res.end();
}).listen(Number(process.env.PORT));
