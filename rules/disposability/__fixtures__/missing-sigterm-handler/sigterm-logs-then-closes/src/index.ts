import express from 'express';
import { logger } from './logger';

const app = express();
app.get('/health', (_req, res) => res.send('ok'));
const server = app.listen(Number(process.env.PORT ?? 3000));

process.on('SIGTERM', () => {
  logger.info('SIGTERM received, shutting down');
  server.close(() => logger.info('closed'));
});
