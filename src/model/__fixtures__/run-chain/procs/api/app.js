module.exports = async function app(fastify) { fastify.get('/', async () => 'ok'); };
