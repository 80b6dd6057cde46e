import rule from './abrupt-exit-on-signal.js';
import { ruleTester } from '../../src/testing/rule-tester.js';

ruleTester(rule, {
  valid: ['graceful'],
  invalid: [{ fixture: 'exit-at-once', errors: [{ file: 'server.ts', line: 8, column: 3, message: 'exits at once' }] }],
});
