// Near misses: objects with one environment key, flags keyed by environment with no settings in them.
export const banner = { production: 'Live', development: 'Dev build' };
export const cache = { test: { ttl: 0 } };
