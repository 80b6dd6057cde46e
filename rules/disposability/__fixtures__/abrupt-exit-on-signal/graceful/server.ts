import http from 'node:http';

const server = http.createServer((_req, res) => res.end('ok'));
server.listen(Number(process.env.PORT ?? 3000));

process.on('SIGTERM', () => {
  console.log('draining');
  server.close(() => process.exit(0));
});

// Ctrl-C in a terminal: exiting at once is what the developer asked for.
process.on('SIGINT', () => process.exit(130));

async function shutdown(): Promise<void> {
  await new Promise((resolve) => server.close(resolve));
}
process.once('SIGTERM', async () => {
  await shutdown();
  process.exit(0);
});
