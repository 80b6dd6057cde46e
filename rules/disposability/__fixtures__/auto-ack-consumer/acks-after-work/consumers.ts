import amqp from 'amqplib';
import { Kafka } from 'kafkajs';
import Queue from 'bull';
import { Worker } from 'bullmq';
import { work } from './work.js';

async function main(): Promise<void> {
  const conn = await amqp.connect(process.env.AMQP_URL ?? '');
  const channel = await conn.createChannel();
  await channel.consume('orders', async (msg) => {
    if (!msg) return;
    await work(msg.content);
    channel.ack(msg);
  }, { noAck: false });

  const consumer = new Kafka({ brokers: [process.env.KAFKA_BROKER ?? ''] }).consumer({ groupId: 'g' });
  await consumer.run({
    eachMessage: async ({ message }) => {
      await work(message.value);
    },
    eachBatch: async ({ batch, resolveOffset }) => {
      for (const message of batch.messages) {
        await work(message.value);
        resolveOffset(message.offset);
      }
    },
  });

  const emails = new Queue('emails', process.env.REDIS_URL ?? '');
  emails.process((job, done) => {
    work(job.data).then(() => done(), done);
  });

  const worker = new Worker('reports', async (job) => work(job.data), { connection: { host: process.env.REDIS_HOST } });

  process.on('SIGTERM', async () => {
    await channel.close();
    await consumer.disconnect();
    await emails.close();
    await worker.close();
  });
}
main();
