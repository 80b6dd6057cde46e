import rule from './environment-branching.js';
import { ruleTester } from '../../src/testing/rule-tester.js';

ruleTester(rule, {
  valid: ['debug-aids-and-tests'],
  invalid: [
    {
      fixture: 'prod-only-behaviour',
      errors: [
        { file: 'src/app.js', line: 6, column: 5, severity: 'info', message: "Behaviour branches on NODE_ENV === 'production'" },
        { file: 'src/app.js', line: 10, message: 'Behaviour branches on isProd' },
        { file: 'src/app.js', line: 16, message: 'switch' },
      ],
    },
  ],
});
