// `shop login` waits for the browser's redirect on an ephemeral loopback port, then closes.
import http from 'node:http';

export async function login(): Promise<string> {
  return new Promise((resolve) => {
    const server = http.createServer((req, res) => {
      res.end('You can close this tab.');
      server.close();
      resolve(new URL(req.url ?? '/', 'http://127.0.0.1').searchParams.get('code') ?? '');
    });
    server.listen(0, '127.0.0.1');
  });
}
