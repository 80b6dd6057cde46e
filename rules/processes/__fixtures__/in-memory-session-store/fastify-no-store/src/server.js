const Fastify = require('fastify');
const fastifyCookie = require('@fastify/cookie');
const fastifySession = require('@fastify/session');

const app = Fastify();
app.register(fastifyCookie);
app.register(fastifySession, { secret: process.env.SESSION_SECRET, cookieName: 'sid' });

module.exports = app;
