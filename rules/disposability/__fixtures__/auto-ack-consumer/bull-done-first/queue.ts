import Queue from 'bull';
import { sendEmail } from './mail.js';

const emails = new Queue('emails', process.env.REDIS_URL ?? '');
emails.process((job, done) => {
  done();
  sendEmail(job.data);
});
process.on('SIGTERM', async () => {
  await emails.close();
});
