import express from 'express';
import { requiresMigration } from './migrator';

async function main() {
  if (await requiresMigration()) throw new Error('run the migration job first');
  const server = express().listen(Number(process.env.PORT ?? 4242));
  process.on('SIGTERM', () => server.close());
}

main();
