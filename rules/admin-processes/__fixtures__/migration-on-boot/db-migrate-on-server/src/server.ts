import express from 'express';
import { migrateDb } from './migrator';

async function main() {
  await migrateDb();
  const server = express().listen(Number(process.env.PORT ?? 4242));
  process.on('SIGTERM', () => server.close());
}

main();
