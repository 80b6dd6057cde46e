import amqp from 'amqplib';
import { handleOrder } from './orders.js';

async function main(): Promise<void> {
  const conn = await amqp.connect(process.env.AMQP_URL ?? '');
  const channel = await conn.createChannel();
  await channel.consume('orders', (msg) => {
    if (msg) handleOrder(msg.content);
  }, { noAck: true });
  process.on('SIGTERM', async () => {
    await channel.close();
    await conn.close();
  });
}
main();
