import rule from './swallowed-fatal-error.js';
import { ruleTester } from '../../src/testing/rule-tester.js';

ruleTester(rule, {
  valid: [
    'crash',
    // A listener added while a pool closes and removed again: scoped to that operation.
    'listener-removed-again',
    // A dev server beside the service that the start script runs: nothing deploys it.
    'one-off-tool-swallows',
    // An Electron app's utility process: it runs on a user's desktop, not on a platform (the near miss
    // is command-loaded-by-folder, judged on its own for want of an entrypoint).
    'desktop-utility-process',
  ],
  invalid: [
    {
      fixture: 'log-and-continue',
      errors: [
        // captureException is imported: not followed, but its name says it only reports.
        { file: 'main.ts', line: 3, severity: 'warning', message: 'The uncaughtException handler keeps the process running' },
        // A rejection handler that logs and goes on is often deliberate: info.
        { file: 'main.ts', line: 8, severity: 'info', message: 'The unhandledRejection handler keeps the process running after a promise nobody awaited failed' },
        // Emitting an event that is no signal: nothing takes over the end (crash emits SIGTERM and passes).
        { file: 'main.ts', line: 11, severity: 'warning', message: 'The uncaughtException handler keeps the process running' },
      ],
    },
    {
      // The handler is in a module the image's entrypoint imports: the chain from CMD is related.
      fixture: 'deployed-unit-swallows',
      errors: [{ file: 'src/errors.js', line: 3, message: '(in entrypoint src/server.js, run by Dockerfile)', related: ['Dockerfile:4', 'Dockerfile:4', 'src/server.js:1'] }],
    },
    {
      // The bin requires ./dist/index.js: it runs src/index.ts, the package's main.
      fixture: 'bin-requires-built-output',
      errors: [{ file: 'src/index.ts', line: 1, message: '(package.json bin shop, through cli.js)' }],
    },
    {
      // No entrypoint reaches a command class that a CLI framework loads by folder: judged on its own.
      fixture: 'command-loaded-by-folder',
      errors: [{ file: 'src/commands/base.ts', line: 4, message: /^The uncaughtException handler keeps the process running after a fatal error:/ }],
    },
  ],
});
