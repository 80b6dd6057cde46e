import express from 'express';
import { dataSource } from './data-source';

async function bootstrap() {
  await dataSource.initialize();
  const app = express();
  const server = app.listen(Number(process.env.PORT ?? 3000));
  process.on('SIGTERM', () => server.close());
}

bootstrap();
