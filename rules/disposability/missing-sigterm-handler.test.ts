import rule from './missing-sigterm-handler.js';
import { ruleTester } from '../../src/testing/rule-tester.js';

ruleTester(rule, {
  valid: ['handler-in-imported-module', 'graceful-helper', 'nest-shutdown-hooks', 'signals-in-a-loop', 'library-factory', 'test-server-only', 'cli-dev-server'],
  invalid: [
    {
      // The server starts in an imported module; the finding names the entrypoint that runs it.
      fixture: 'entry-imports-server',
      errors: [{ file: 'src/server.ts', line: 6, column: 3, message: 'for entrypoint src/index.ts' }],
    },
    {
      // CMD runs dist/main.js, mapped back to src/main.ts through tsconfig outDir/rootDir.
      fixture: 'nest-dockerfile-dist',
      errors: [{ file: 'src/main.ts', line: 7, message: 'It handles SIGINT only' }],
    },
    {
      fixture: 'queue-consumer',
      errors: [{ file: 'src/worker.ts', line: 6, message: 'a queue consumer (amqplib consume)' }],
    },
  ],
});
