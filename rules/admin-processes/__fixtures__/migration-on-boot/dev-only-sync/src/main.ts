import express from 'express';
import { DataSource } from 'typeorm';

const dataSource = new DataSource({
  type: 'postgres',
  url: process.env.DATABASE_URL,
  entities: ['dist/entities/*.js'],
  // Schema sync only outside production; migrations run as a separate job.
  synchronize: process.env.NODE_ENV !== 'production',
});

async function bootstrap() {
  await dataSource.initialize();
  const server = express().listen(Number(process.env.PORT ?? 3000));
  process.on('SIGTERM', () => server.close());
}

bootstrap();
