import rule from './undeclared-env-var.js';
import { ruleTester } from '../../src/rule-api/rule-tester.js';

ruleTester(rule, {
  valid: ['no-deployment-config', 'k8s-envfrom-missing'],
  invalid: [
    {
      fixture: 'compose-and-example',
      errors: [
        { file: 'src/config.ts', line: 5, column: 13, severity: 'warning', message: 'SMTP_HOST is needed here (the value is used as it is) (also read at src/config.ts:13) but no deployment config provides it (read: .env.example, compose.yaml)' },
        { file: 'src/config.ts', line: 13, message: 'SMTP_FROM' },
      ],
    },
    { fixture: 'k8s-configmap-present', errors: [{ file: 'src/config.ts', line: 2, message: 'API_TIMEOUT_MS' }] },
  ],
});
