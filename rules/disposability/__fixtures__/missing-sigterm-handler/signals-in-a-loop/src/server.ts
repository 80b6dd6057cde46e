import Fastify from 'fastify';

const app = Fastify();
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, async () => {
    await app.close();
    process.exit(0);
  });
}
await app.listen({ port: Number(process.env.PORT ?? 3000), host: '0.0.0.0' });
