// The wrapper the image starts: it runs the build of src/main.ts and stops it on SIGTERM.
const bridge = require('./lib/main');

process.on('SIGTERM', () => {
  bridge.stop().then(() => process.exit(0));
});
