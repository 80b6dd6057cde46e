import { captureException } from './telemetry.js';

process.on('uncaughtException', (err) => {
  console.error('uncaught', err);
  captureException(err);
});

process.on('unhandledRejection', console.error);

// Near miss: an event of its own that is no signal hands nothing over.
process.on('uncaughtException', (err) => process.emit('warning', err));
