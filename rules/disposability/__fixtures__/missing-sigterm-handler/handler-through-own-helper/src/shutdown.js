// The app's own shutdown helper: it handles whichever signals its caller names.
const cleanups = [];

function addCleanup(fn) {
  cleanups.push(fn);
}

function cleanupOnSignals(...signals) {
  for (const signal of signals) {
    process.once(signal, async () => {
      for (const fn of cleanups) await fn();
      process.exit(0);
    });
  }
}

module.exports = { addCleanup, cleanupOnSignals };
