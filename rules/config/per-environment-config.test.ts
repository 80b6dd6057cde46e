import rule from './per-environment-config.js';
import { ruleTester } from '../../src/testing/rule-tester.js';

ruleTester(rule, {
  valid: ['env-driven'],
  invalid: [
    {
      fixture: 'environment-files',
      errors: [
        { file: 'config/production.json', line: 1, message: 'development.json, production.json' },
        { file: 'src/environments/environment.prod.ts', line: 1, message: 'environment.prod.ts' },
      ],
    },
    {
      fixture: 'keyed-config',
      errors: [
        { file: 'config/config.json', line: 4, column: 3, message: 'development, test, production' },
        { file: 'knexfile.ts', line: 3, column: 3, message: 'development, staging' },
        { file: 'src/urls.ts', line: 1, column: 24, message: 'https://api.example.com' },
      ],
    },
  ],
});
