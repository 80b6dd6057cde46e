const Queue = require('bull');

// One process serves HTTP and works the mail queue: one missing SIGTERM handler for both.
function startMailer() {
  const queue = new Queue('mail', process.env.REDIS_URL);
  queue.process(async (job) => job.data);
}

module.exports = { startMailer };
