// Receives test webhooks while a developer tries notifications; no script or image runs it.
const http = require('node:http');

process.on('unhandledRejection', (reason) => {
  console.error('unhandled', reason);
});
http.createServer((_req, res) => res.end('ok')).listen(Number(process.env.WEBHOOK_PORT));
