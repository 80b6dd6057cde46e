import rule from './undeclared-system-tool.js';
import { ruleTester } from '../../src/testing/rule-tester.js';

ruleTester(rule, {
  valid: ['installed-or-no-image', 'other-child-process-modules-installed'],
  invalid: [
    {
      fixture: 'missing-in-image',
      errors: [
        { file: 'src/thumbs.ts', line: 5, column: 3, message: '`ffmpeg` is run through child_process.spawn, but Dockerfile never installs it' },
        { file: 'src/thumbs.ts', line: 6, message: '`convert`' },
        { file: 'src/thumbs.ts', line: 9, message: '`pdftotext`' },
      ],
    },
    {
      fixture: 'other-child-process-modules',
      errors: [
        { file: 'src/video.ts', line: 6, message: '`ffmpeg` is run through promisify-child-process.exec' },
        { file: 'src/video.ts', line: 7, message: '`convert` is run through execa.execa' },
        { file: 'src/video.ts', line: 8, message: '`pdftotext` is run through cross-spawn.spawnSync' },
      ],
    },
  ],
});
