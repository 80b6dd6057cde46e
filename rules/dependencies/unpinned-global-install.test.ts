import rule from './unpinned-global-install.js';
import { ruleTester } from '../../src/testing/rule-tester.js';

ruleTester(rule, {
  valid: ['pinned'],
  invalid: [
    {
      fixture: 'unpinned',
      errors: [
        { file: 'Dockerfile', line: 2, message: 'Global install of @nestjs/cli@latest' },
        { file: 'Dockerfile', line: 2, message: 'Global install of pm2 has no version' },
        { file: 'Dockerfile', line: 3, message: 'ts-node' },
        { file: 'Dockerfile', line: 6, message: 'npm-check-updates' },
      ],
    },
  ],
});
