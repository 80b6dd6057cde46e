import rule from './unstructured-logging.js';
import { ruleTester } from '../../src/testing/rule-tester.js';

ruleTester(rule, {
  valid: ['pino-service', 'level-from-env-and-cli-script'],
  invalid: [
    {
      fixture: 'console-only-service',
      errors: [{ file: 'src/server.js', line: 7, column: 3, severity: 'info', message: 'src/server.js runs a long-lived service that logs only through console (2 calls' }],
    },
  ],
});
