// What the code base knows about graceful-shutdown helpers: packages that install a SIGTERM handler
// that closes the server for you, and the options that set their deadline. The TS fact collector
// reads these (disposability rules); adding a helper is one entry here and one example in
// shutdown-helpers.test.ts.

export const SHUTDOWN_HELPERS = new Set([
  '@godaddy/terminus',
  'http-terminator',
  'stoppable',
  'lightship',
  'close-with-grace',
  'http-graceful-shutdown',
  '@moebius/http-graceful-shutdown',
  'fastify-graceful-shutdown',
  'async-exit-hook',
  'exit-hook',
  'death',
  'node-graceful-shutdown',
  'graceful-shutdown-manager',
]);

/**
 * Runners that start a program and interrupt it on SIGTERM and SIGINT, releasing what it holds:
 * Effect's `NodeRuntime.runMain(program)` / `BunRuntime.runMain(program)`, Temporal's
 * `Worker.create(...)`. A call of the method (on `receiver`, when one is named) counts where the file
 * imports one of the modules and its text does not hold `unlessText`.
 */
export const SHUTDOWN_RUNNERS: ReadonlyArray<{ method: string; modules: RegExp; name: string; receiver?: string; unlessText?: RegExp }> = [
  { method: 'runMain', modules: /^@effect\/platform-(node|bun)(\/|$)/, name: 'Effect runMain' },
  // `Worker.create(...)`: Temporal's runtime then handles SIGINT, SIGTERM, SIGQUIT and SIGUSR2 and
  // drains its workers (RuntimeOptions.shutdownSignals), unless the file turns that off with
  // `Runtime.install({ shutdownSignals: [] })` (postiz's backend imports the runtime only to do so).
  { method: 'create', receiver: 'Worker', modules: /^@temporalio\/worker$/, name: 'Temporal Worker', unlessText: /shutdownSignals\s*:\s*\[\s*\]/ },
];

/** Options that name a graceful-shutdown deadline, by the helper function that reads them. */
export const SHUTDOWN_TIMEOUT_OPTIONS = new Map<string, string[]>(
  Object.entries({
    createTerminus: ['timeout'],
    createHttpTerminator: ['gracefulTerminationTimeout'],
    createLightship: ['shutdownHandlerTimeout', 'gracefulShutdownTimeout'],
    closeWithGrace: ['delay'],
  }),
);
