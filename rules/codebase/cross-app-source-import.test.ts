import rule from './cross-app-source-import.js';
import { ruleTester } from '../../src/testing/rule-tester.js';

ruleTester(rule, {
  valid: ['shared-by-name'],
  invalid: [
    {
      fixture: 'workspace-reach-in',
      errors: [
        { file: 'apps/web/src/client.ts', line: 2, column: 1, message: '../../api/src/db reaches into the source of @shop/api (apps/api) from @shop/web' },
        { file: 'apps/web/src/client.ts', line: 4, message: '@shop/shared (packages/shared)' },
      ],
    },
  ],
});
