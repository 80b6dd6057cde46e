import rule from './cross-app-source-import.js';
import { ruleTester } from '../../src/testing/rule-tester.js';

ruleTester(rule, {
  // plugin-folder-in-app: an integration under the server's folder, with a package.json of its own, imports the server's logger.
  valid: ['shared-by-name', 'plugin-folder-in-app'],
  invalid: [
    {
      fixture: 'workspace-reach-in',
      errors: [
        // One finding per pair of packages: orders.ts's import of the same package is a related place.
        { file: 'apps/web/src/client.ts', line: 2, column: 1, message: '../../api/src/db reaches into the source of @shop/api (apps/api) from @shop/web: the two packages no longer build, version or deploy on their own. 1 more import of this package crosses', related: ['apps/web/src/orders.ts:1'] },
        { file: 'apps/web/src/client.ts', line: 4, message: '@shop/shared (packages/shared)' },
      ],
    },
    {
      // The weather integration is part of the server: both imports reach into one app, one finding.
      fixture: 'reach-into-app-part',
      errors: [{ file: 'web/src/settings.js', line: 2, message: 'reaches into the source of home-server (server) from home-web', related: ['web/src/settings.js:3'] }],
    },
    {
      fixture: 'workspace-root-source',
      errors: [{ file: 'packages/web/src/app.ts', line: 2, message: '../../../src/config reaches into the source of shop (the root package) from @shop/web' }],
    },
  ],
});
