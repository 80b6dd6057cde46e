import rule from './in-memory-session-store.js';
import { ruleTester } from '../../src/testing/rule-tester.js';

ruleTester(rule, {
  valid: ['stores-and-cookies'],
  invalid: [
    {
      fixture: 'express-no-store',
      errors: [
        { file: 'src/app.ts', line: 7, message: 'express-session is set up without a store' },
        { file: 'src/app.ts', line: 16 },
      ],
    },
    { fixture: 'fastify-no-store', errors: [{ file: 'src/server.js', line: 7, message: '@fastify/session is set up without a store' }] },
  ],
});
