import http from 'node:http';

const PORT = 8080;
const api = http.createServer((_req, res) => res.end('api'));
api.listen(PORT);

const admin = http.createServer((_req, res) => res.end('admin'));
admin.listen({ port: 9000, host: '0.0.0.0' });

async function bootstrap(app: { listen(port: number): Promise<void> }) {
  await app.listen(3001);
}
void bootstrap;

process.on('SIGTERM', () => {
  api.close();
  admin.close();
});
