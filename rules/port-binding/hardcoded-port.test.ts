import rule from './hardcoded-port.js';
import { ruleTester } from '../../src/testing/rule-tester.js';

ruleTester(rule, {
  valid: ['env-fallback', 'test-and-dev-files'],
  invalid: [
    { fixture: 'literal-listen', errors: [{ file: 'server.ts', line: 4, column: 1, message: 'literal port 3000' }] },
    {
      fixture: 'const-fastify-nest',
      errors: [
        { file: 'server.ts', line: 5, message: 'literal port 8080' },
        { file: 'server.ts', line: 8, message: 'literal port 9000' },
        { file: 'server.ts', line: 11, message: 'literal port 3001' },
      ],
    },
  ],
});
