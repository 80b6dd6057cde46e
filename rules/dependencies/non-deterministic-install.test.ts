import rule from './non-deterministic-install.js';
import { ruleTester } from '../../src/rule-api/rule-tester.js';

ruleTester(rule, {
  valid: ['frozen-installs'],
  invalid: [
    {
      fixture: 'npm-install',
      errors: [
        { file: 'Dockerfile', line: 4, column: 1, message: 'use `npm ci`' },
        { file: 'Dockerfile', line: 13, message: '`npm i --omit=dev`' },
      ],
    },
    {
      fixture: 'yarn-pnpm-unfrozen',
      errors: [
        { file: 'Dockerfile', line: 4, message: '`yarn install --production`' },
        { file: 'Dockerfile', line: 10, message: 'pnpm install --frozen-lockfile' },
      ],
    },
    { fixture: 'dev-dockerfile', errors: [{ file: 'Dockerfile.dev', line: 4, severity: 'info' }] },
  ],
});
