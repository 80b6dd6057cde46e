import { captureException } from './telemetry.js';

process.on('uncaughtException', (err) => {
  console.error('uncaught', err);
  captureException(err);
});

process.on('unhandledRejection', console.error);
