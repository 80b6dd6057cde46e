import { createClient } from 'redis';
import { interval } from 'rxjs';

const cache = createClient({ url: process.env.REDIS_URL });

// An observable's subscribe takes a callback: this is a timer, not a Redis subscription.
interval(60_000).subscribe(() => {
  void cache.set('warm', String(Date.now()));
});
