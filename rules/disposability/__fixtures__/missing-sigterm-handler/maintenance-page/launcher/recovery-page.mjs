// A "please wait" page a launcher starts while the data is restored, and kills: every request gets 503.
import http from 'node:http';

http.createServer((_req, res) => {
  res.writeHead(503, { 'Retry-After': '60', 'Content-Type': 'text/html' });
  res.end('<h1>Restoring your data</h1>');
}).listen(Number(process.env.PORT));
