import RedisStore from 'connect-redis';
import { createClient } from 'redis';

export const sessionOptions = {
  store: new RedisStore({ client: createClient({ url: process.env.REDIS_URL }) }),
  secret: process.env.SESSION_SECRET!,
  resave: false,
  saveUninitialized: false,
};
