import rule from './lockfile-out-of-sync.js';
import { ruleTester } from '../../src/testing/rule-tester.js';

ruleTester(rule, {
  // stale-member-lockfile: a yarn.lock left beside a workspace member is not what yarn reads; the root's records it all.
  valid: ['npm-in-sync', 'yarn-classic-workspaces', 'stale-member-lockfile'],
  invalid: [
    {
      fixture: 'npm-missing',
      errors: [
        { file: 'package.json', line: 6, column: 16, message: 'ioredis (dependencies) is declared in package.json but package-lock.json does not record it' },
        { file: 'package.json', line: 10, message: 'vitest (devDependencies)' },
      ],
    },
    { fixture: 'pnpm-workspace-missing', errors: [{ file: 'services/api/package.json', line: 6, message: 'zod' }] },
    { fixture: 'yarn-berry-missing', errors: [{ file: 'package.json', line: 6, message: 'pino' }] },
    { fixture: 'npm-workspace-unknown', errors: [{ file: 'apps/admin/package.json', line: 3, message: 'has no entry for the package in apps/admin' }] },
  ],
});
