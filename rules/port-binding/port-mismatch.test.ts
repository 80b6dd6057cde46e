import rule from './port-mismatch.js';
import { ruleTester } from '../../src/testing/rule-tester.js';

ruleTester(rule, {
  // workspace-command-same-port: the workspace's server listens on the published port.
  valid: ['env-sets-port', 'opaque-port', 'unlinked-image', 'workspace-command-same-port'],
  invalid: [
    { fixture: 'dockerfile-expose', errors: [{ file: 'Dockerfile', line: 4, message: 'declares port 8080 (EXPOSE), but the code it runs listens on 3000 (server.ts:4' }] },
    {
      // `yarn workspace @acme/api start` runs packages/api's start script: the chain is listed.
      fixture: 'workspace-command',
      errors: [{ file: 'compose.yaml', line: 6, message: 'compose service api declares port 8080 (compose ports), but the code it runs listens on 3000', related: ['compose.yaml:4', 'compose.yaml:4', 'packages/api/package.json:1', 'packages/api/src/server.js:1', 'packages/api/src/server.js:3'] }],
    },
    { fixture: 'compose-target', errors: [{ file: 'compose.yaml', line: 5, message: 'compose service web declares port 8080 (compose ports)' }] },
    // The Deployment's image is named after the folder of shop/Dockerfile, whose CMD runs shop/server.ts.
    { fixture: 'k8s-by-folder', errors: [{ file: 'deploy/shop.yaml', line: 16, message: 'declares port 8080/9229 (containerPort), but the code it runs listens on 3000 (shop/server.ts:4' }] },
  ],
});
