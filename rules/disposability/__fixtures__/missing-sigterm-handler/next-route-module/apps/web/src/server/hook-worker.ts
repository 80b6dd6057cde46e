import { Worker } from 'bullmq';

export const hookWorker = new Worker('hooks', async (job) => {
  console.log('hook', job.id);
}, { connection: { host: process.env.REDIS_HOST, port: 6379 } });
