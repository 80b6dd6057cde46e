import { createClient } from 'redis';
import { rebuildSearchIndex } from './search';

const subscriber = createClient({ url: process.env.REDIS_URL });
await subscriber.connect();
await subscriber.subscribe('documents.updated', async (id) => {
  await rebuildSearchIndex(id);
});
