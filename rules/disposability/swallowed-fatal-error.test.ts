import rule from './swallowed-fatal-error.js';
import { ruleTester } from '../../src/testing/rule-tester.js';

ruleTester(rule, {
  valid: ['crash'],
  invalid: [
    {
      fixture: 'log-and-continue',
      errors: [
        // captureException is imported: not followed, but its name says it only reports.
        { file: 'main.ts', line: 3, message: 'The uncaughtException handler keeps the process running' },
        { file: 'main.ts', line: 8, message: 'The unhandledRejection handler keeps the process running' },
      ],
    },
  ],
});
