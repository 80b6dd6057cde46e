import express from 'express';

export function start() {
  const app = express();
  app.get('/health', (_req, res) => res.send('ok'));
  app.listen(Number(process.env.PORT ?? 3000));
}
