import { Kafka } from 'kafkajs';
import { processEvent, saveBatch } from './events.js';

const kafka = new Kafka({ clientId: 'billing', brokers: [process.env.KAFKA_BROKER ?? ''] });
const consumer = kafka.consumer({ groupId: 'billing' });
const batches = kafka.consumer({ groupId: 'billing-batch' });

async function main(): Promise<void> {
  await consumer.run({
    eachMessage: async ({ message }) => {
      processEvent(message.value);
    },
  });
  await batches.run({
    eachBatch: async ({ batch, resolveOffset }) => {
      for (const message of batch.messages) {
        resolveOffset(message.offset);
        await saveBatch(message.value);
      }
    },
  });
}
main();
process.on('SIGTERM', async () => {
  await consumer.disconnect();
  await batches.disconnect();
});
