import rule from './literal-secret-env.js';
import { ruleTester } from '../../src/testing/rule-tester.js';

ruleTester(rule, {
  valid: ['references'],
  invalid: [
    {
      fixture: 'compose-literals',
      errors: [
        { file: 'compose.yaml', line: 6, severity: 'error', message: 'JWT_SECRET in service api is set to a literal (Zx8#… (16 chars))' },
        { file: 'compose.yaml', line: 7, severity: 'warning', message: 'a default-looking value' },
        { file: 'compose.yaml', line: 11, severity: 'error', message: 'REDIS_PASSWORD in service worker' },
        { file: 'compose.yaml', line: 19, severity: 'error', message: 'SIGNING_KEY in service ui' },
      ],
    },
    { fixture: 'k8s-literals', errors: [{ file: 'deployment.yaml', line: 19, column: 22, severity: 'error', message: 'API_KEY in Deployment api container api' }] },
  ],
});
