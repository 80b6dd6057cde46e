import rule from './in-memory-session-store.js';
import { ruleTester } from '../../src/rule-api/rule-tester.js';

ruleTester(rule, {
  valid: ['stores-and-cookies'],
  invalid: [
    {
      fixture: 'express-no-store',
      errors: [
        // Two set-ups without a store in one file: one finding, the second place related to it.
        { file: 'src/app.ts', line: 7, message: 'express-session is set up without a store', related: ['src/app.ts:16'] },
      ],
    },
    { fixture: 'fastify-no-store', errors: [{ file: 'src/server.js', line: 7, message: '@fastify/session is set up without a store' }] },
  ],
});
