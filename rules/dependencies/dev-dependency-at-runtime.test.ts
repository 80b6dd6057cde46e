import rule from './dev-dependency-at-runtime.js';
import { ruleTester } from '../../src/rule-api/rule-tester.js';

ruleTester(rule, {
  valid: ['dev-installed'],
  invalid: [
    {
      fixture: 'omit-dev-multistage',
      errors: [{ file: 'src/worker.ts', line: 3, column: 1, message: 'dayjs is declared only in devDependencies of package.json, but Dockerfile:4 installs without devDependencies (npm ci --omit=dev)' }],
    },
  ],
});
