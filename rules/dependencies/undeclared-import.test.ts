import rule from './undeclared-import.js';
import { ruleTester } from '../../src/rule-api/rule-tester.js';

ruleTester(rule, {
  valid: ['workspace-and-aliases'],
  invalid: [
    {
      fixture: 'undeclared',
      errors: [
        { file: 'src/mailer.ts', line: 1, column: 1, severity: 'warning', message: 'dotenv is imported by production source but package.json declares it only in devDependencies' },
        { file: 'src/mailer.ts', line: 3, severity: 'error', message: 'nodemailer is imported but not declared in package.json' },
        { file: 'src/mailer.ts', line: 4, message: '@aws-sdk/credential-providers is imported' },
        { file: 'src/mailer.ts', line: 6, message: 'axios' },
        { file: 'src/mailer.ts', line: 9, message: 'marked' },
        { file: 'test/mailer.test.ts', line: 2, severity: 'info', message: 'supertest' },
      ],
    },
  ],
});
