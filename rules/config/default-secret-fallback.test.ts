import rule from './default-secret-fallback.js';
import { ruleTester } from '../../src/testing/rule-tester.js';

ruleTester(rule, {
  valid: ['no-fallback'],
  invalid: [
    {
      fixture: 'fallbacks',
      errors: [
        { file: 'src/config.ts', line: 2, column: 40, message: 'JWT_SECRET falls back to a 8-character literal' },
        { file: 'src/config.ts', line: 3, message: 'SESSION_SECRET falls back to a 12-character literal' },
        { file: 'src/config.ts', line: 7, message: 'STRIPE_API_KEY' },
      ],
    },
  ],
});
