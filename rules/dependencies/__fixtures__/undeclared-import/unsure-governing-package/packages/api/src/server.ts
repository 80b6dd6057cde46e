import express from 'express';

export async function start() {
  const app = express();
  // The app loads it on demand, but nothing installs it: the first request that needs it fails.
  const { marked } = await import('marked');
  app.get('/', (_req, res) => res.send(marked('# shop')));
  return app;
}
