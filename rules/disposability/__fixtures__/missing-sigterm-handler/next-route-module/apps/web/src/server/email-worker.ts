import { Worker } from 'bullmq';

export const emailWorker = new Worker('email', async (job) => {
  console.log('sending', job.id);
}, { connection: { host: process.env.REDIS_HOST, port: 6379 } });
