import { createClient } from 'redis';

export const cache = createClient({ url: process.env.REDIS_URL ?? 'redis://localhost:6379' });
