import rule from './default-secret-fallback.js';
import { ruleTester } from '../../src/testing/rule-tester.js';

ruleTester(rule, {
  // dummy-client-keys: made-up keys for clients (a local model server's, an SDK's) grant nothing.
  valid: ['no-fallback', 'dummy-client-keys'],
  invalid: [
    {
      fixture: 'fallbacks',
      errors: [
        { file: 'src/config.ts', line: 2, column: 40, message: 'JWT_SECRET falls back to a 8-character literal' },
        { file: 'src/config.ts', line: 3, message: 'SESSION_SECRET falls back to a 12-character literal' },
        { file: 'src/config.ts', line: 7, message: 'STRIPE_API_KEY' },
        { file: 'src/config.ts', line: 13, message: 'OPENAI_API_KEY falls back to a 28-character literal' },
        { file: 'src/config.ts', line: 14, message: 'ADMIN_KEY falls back to a 8-character literal' },
      ],
    },
  ],
});
