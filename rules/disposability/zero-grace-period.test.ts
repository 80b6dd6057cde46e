import rule from './zero-grace-period.js';
import { ruleTester } from '../../src/testing/rule-tester.js';

ruleTester(rule, {
  valid: ['long-enough'],
  invalid: [
    { fixture: 'zero', errors: [{ file: 'deployment.yaml', line: 12, column: 38, message: 'terminationGracePeriodSeconds: 0' }] },
    // ghcr.io/acme/api is named after the api/ folder, whose Dockerfile runs api/server.ts.
    { fixture: 'shorter-than-code', errors: [{ file: 'k8s/api.yaml', line: 12, message: 'shorter than the 60 s the code allows for shutdown (forced-exit timer, api/server.ts:8)' }] },
  ],
});
