import rule from './dev-dependency-at-runtime.js';
import { ruleTester } from '../../src/testing/rule-tester.js';

ruleTester(rule, {
  valid: ['dev-installed'],
  invalid: [
    {
      fixture: 'omit-dev-multistage',
      errors: [{ file: 'src/worker.ts', line: 3, column: 1, message: 'dayjs is declared only in devDependencies of package.json, but Dockerfile:4 installs without devDependencies (npm ci --omit=dev)' }],
    },
    {
      // The root's devDependency @prisma/client is also a production dependency of the db workspace:
      // npm ci --omit=dev installs it and hoists it, so only zod fails, reported once for its three imports.
      fixture: 'workspace-omit-dev',
      errors: [
        {
          file: 'packages/api/src/routes/documents.ts',
          line: 2,
          message: 'zod is declared only in devDependencies of package.json, but Dockerfile:4 installs without devDependencies (npm ci --omit=dev): the import here and in 2 other files fails',
        },
      ],
    },
  ],
});
