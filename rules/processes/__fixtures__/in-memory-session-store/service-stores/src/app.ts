import express from 'express';
import session from 'express-session';
import { RedisStore } from 'connect-redis';
import MongoStore from 'connect-mongo';
import { createClient } from 'redis';
import { cacheStore } from './cache';

const redis = createClient({ url: process.env.REDIS_URL });
const app = express();

// connect-redis v8 (named export) and connect-mongo's factory: sessions in a service.
app.use(session({ secret: process.env.SESSION_SECRET!, store: new RedisStore({ client: redis }), resave: false }));
app.use('/shop', session({ secret: process.env.SESSION_SECRET!, store: MongoStore.create({ mongoUrl: process.env.MONGO_URL }), resave: false }));

// The store is added to the options after the literal.
const adminOptions: session.SessionOptions = { secret: process.env.SESSION_SECRET!, resave: false };
adminOptions.store = new RedisStore({ client: redis, prefix: 'admin:' });
app.use('/admin', session(adminOptions));

// A store of the app's own, passed by shorthand: not known, so not judged.
const store = cacheStore();
app.use('/api', session({ secret: process.env.SESSION_SECRET!, store, resave: false }));

export default app;
