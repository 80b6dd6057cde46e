// A one-off script, not a long-running service: console output is its interface.
const rows = [1, 2, 3];
console.log(`exported ${rows.length} rows`);
