import rule from './log-rotation.js';
import { ruleTester } from '../../src/testing/rule-tester.js';

ruleTester(rule, {
  valid: ['stdout-only'],
  invalid: [
    {
      fixture: 'rotating-in-app',
      errors: [
        { file: 'Dockerfile', line: 2, message: 'logrotate installed in the image' },
        { file: 'Dockerfile', line: 3, message: 'logrotate configuration is copied' },
        { file: 'src/access-log.js', line: 1, column: 26, message: 'rotating-file-stream rotates log files' },
        { file: 'src/logger.ts', line: 2, column: 1, message: 'winston-daily-rotate-file' },
      ],
    },
  ],
});
