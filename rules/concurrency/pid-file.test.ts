import rule from './pid-file.js';
import { ruleTester } from '../../src/testing/rule-tester.js';

ruleTester(rule, {
  valid: ['no-pid-file'],
  invalid: [
    {
      fixture: 'ts-writes-pid',
      errors: [
        { file: 'src/server.ts', line: 4, column: 1, message: '/var/run/shop-api.pid' },
        { file: 'src/server.ts', line: 7, message: 'api.pid' },
        { file: 'src/server.ts', line: 11 },
      ],
    },
    {
      fixture: 'run-command-flags',
      errors: [
        { file: 'Dockerfile', line: 3, message: '--pidFile' },
        { file: 'Procfile', line: 1, message: 'process "web"' },
        { file: 'package.json', line: 5, message: 'script "start"' },
        // Quotes inside a word: the shell joins them, and so does the check before the parse.
        { file: 'package.json', line: 7, message: 'script "worker"' },
      ],
    },
  ],
});
