import rule from './missing-lockfile.js';
import { ruleTester } from '../../src/testing/rule-tester.js';

ruleTester(rule, {
  // nested-workspaces: a product's own workspace has no lockfile; the repository's, which lists it too, has the shared one.
  valid: ['lockfile-beside', 'workspace-root-lockfile', 'pnpm-workspace', 'no-dependencies', 'nx-root-install', 'installed-from-root', 'nested-workspaces'],
  invalid: [
    { fixture: 'no-lockfile', errors: [{ file: 'package.json', line: 4, column: 3 }] },
    {
      fixture: 'workspace-without-lockfile',
      errors: [{ file: 'apps/api/package.json', line: 3, message: 'or at its workspace root (the repository root)' }],
    },
    {
      // Rush installs the projects rush.json lists from common/config/rush/pnpm-lock.yaml; a package
      // it does not list has no lockfile.
      fixture: 'rush-monorepo',
      errors: [{ file: 'packages/loose/package.json', line: 4 }],
    },
    {
      // tools/seed is not one of the workspace's packages: the root lockfile does not cover it.
      fixture: 'nested-outside-workspace',
      errors: [{ file: 'services/mailer/package.json', line: 3 }],
    },
  ],
});
