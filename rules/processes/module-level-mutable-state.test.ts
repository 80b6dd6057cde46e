import rule from './module-level-mutable-state.js';
import { ruleTester } from '../../src/testing/rule-tester.js';

ruleTester(rule, {
  valid: ['constants-and-locals'],
  invalid: [
    {
      fixture: 'handler-mutates',
      errors: [
        { file: 'src/routes.ts', line: 3, severity: 'info', message: 'Module-level Map carts is changed by a request handler (line 13)' },
        { file: 'src/routes.ts', line: 4, message: 'Module-level variable requestCount is changed by a request handler (line 11)' },
        { file: 'src/routes.ts', line: 5, message: 'Module-level object rateLimits' },
      ],
    },
  ],
});
