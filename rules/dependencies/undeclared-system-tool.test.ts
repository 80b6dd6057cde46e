import rule from './undeclared-system-tool.js';
import { ruleTester } from '../../src/testing/rule-tester.js';

ruleTester(rule, {
  valid: ['installed-or-no-image'],
  invalid: [
    {
      fixture: 'missing-in-image',
      errors: [
        { file: 'src/thumbs.ts', line: 5, column: 3, message: '`ffmpeg` is run through child_process.spawn, but Dockerfile never installs it' },
        { file: 'src/thumbs.ts', line: 6, message: '`convert`' },
        { file: 'src/thumbs.ts', line: 9, message: '`pdftotext`' },
      ],
    },
  ],
});
