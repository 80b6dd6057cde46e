import rule from './missing-port-binding.js';
import { ruleTester } from '../../src/testing/rule-tester.js';

ruleTester(rule, {
  valid: ['listens', 'unknown-command'],
  invalid: [
    { fixture: 'compose-worker', errors: [{ file: 'compose.yaml', line: 5, message: 'compose service worker exposes port 9090 (compose ports), but the code it runs (worker.ts) never listens' }] },
    { fixture: 'k8s-service', errors: [{ file: 'k8s.yaml', line: 27, message: 'Deployment worker container worker exposes port 8080 (Service worker targetPort)' }] },
  ],
});
