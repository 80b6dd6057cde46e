// A pool object with a fork() method is not node:cluster.
const pool = { fork: () => 1 };
pool.fork();
