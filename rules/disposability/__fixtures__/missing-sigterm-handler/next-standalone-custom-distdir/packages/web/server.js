// The developers' server: Next in dev mode behind a proxy for the local API.
const http = require('http');
const next = require('next');
const app = next({ dev: true });
const handle = app.getRequestHandler();
app.prepare().then(() => {
  http.createServer((req, res) => handle(req, res)).listen(Number(process.env.PORT));
});
