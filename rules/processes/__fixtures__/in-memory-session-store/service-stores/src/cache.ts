import { RedisStore } from 'connect-redis';
import { createClient } from 'redis';

export function cacheStore(): RedisStore {
  return new RedisStore({ client: createClient({ url: process.env.REDIS_URL }) });
}
