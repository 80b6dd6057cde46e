import { Worker } from 'bullmq';
import { handleJob } from './jobs.js';

const worker = new Worker('reports', async (job) => {
  handleJob(job.data);
}, { connection: { host: process.env.REDIS_HOST } });
process.on('SIGTERM', async () => {
  await worker.close();
});
