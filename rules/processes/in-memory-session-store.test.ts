import rule from './in-memory-session-store.js';
import { ruleTester } from '../../src/testing/rule-tester.js';

ruleTester(rule, {
  valid: ['stores-and-cookies', 'service-stores'],
  invalid: [
    {
      fixture: 'express-no-store',
      errors: [
        { file: 'src/app.ts', line: 7, message: 'express-session is set up without a store' },
        { file: 'src/app.ts', line: 16 },
      ],
    },
    {
      fixture: 'process-local-stores',
      errors: [
        { file: 'src/app.js', line: 8, message: "memorystore as its store, which keeps sessions in this process's memory" },
        { file: 'src/app.js', line: 9, message: 'session-file-store as its store, which keeps sessions in files on the local disk' },
        { file: 'src/app.js', line: 10, message: 'express-session MemoryStore as its store' },
      ],
    },
    { fixture: 'fastify-no-store', errors: [{ file: 'src/server.js', line: 7, message: '@fastify/session is set up without a store' }] },
  ],
});
