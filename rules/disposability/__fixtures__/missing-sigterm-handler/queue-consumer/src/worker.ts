import amqp from 'amqplib';

async function main() {
  const connection = await amqp.connect(process.env.AMQP_URL ?? '');
  const channel = await connection.createChannel();
  await channel.consume('orders', async (msg) => {
    if (msg) channel.ack(msg);
  }, { noAck: false });
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
