import { flushAndExit } from './shutdown.js';

process.on('uncaughtException', (err) => {
  console.error(err);
  process.exit(1);
});

process.on('unhandledRejection', (reason) => {
  throw reason;
});

function onFatal(err: unknown): void {
  console.error(err);
  process.exitCode = 1;
}
process.on('uncaughtException', onFatal);

// Defined elsewhere: it may well exit; the rule cannot see it, so it stays silent.
process.on('uncaughtException', flushAndExit);
process.on('unhandledRejection', (err) => report(err));

function report(err: unknown): void {
  console.error(err);
  process.kill(process.pid, 'SIGTERM');
}

// Emitting SIGTERM hands the end to the process's own signal handlers (a graceful shutdown).
process.on('uncaughtException', (err) => {
  console.error(err);
  process.emit('SIGTERM');
});
