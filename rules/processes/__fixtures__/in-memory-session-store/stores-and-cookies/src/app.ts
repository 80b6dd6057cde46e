import express from 'express';
import session from 'express-session';
import RedisStore from 'connect-redis';
import cookieSession from 'cookie-session';
import Koa from 'koa';
import koaSession from 'koa-session';
import { createClient } from 'redis';
import { sessionOptions } from './session-options.js';

const redis = createClient({ url: process.env.REDIS_URL });
export const app = express();
app.use(session({ store: new RedisStore({ client: redis }), secret: process.env.SESSION_SECRET!, resave: false, saveUninitialized: false }));

// Options built in another module may carry a store: not judged.
export const other = express();
other.use(session(sessionOptions));
other.use(session({ ...sessionOptions, name: 'other.sid' }));

// Client-side sessions: the data travels in the signed cookie, not in this process.
export const legacy = express();
legacy.use(cookieSession({ name: 'session', keys: [process.env.COOKIE_KEY!] }));
export const koa = new Koa();
koa.use(koaSession({ key: 'koa.sess' }, koa));

// A function of this file that happens to be called session is not express-session.
function sessionOf(id: string) {
  return { id };
}
export const s = sessionOf('x');
