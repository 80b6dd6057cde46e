import rule from './remote-script-pipe.js';
import { ruleTester } from '../../src/testing/rule-tester.js';

ruleTester(rule, {
  valid: ['download-and-verify'],
  invalid: [
    {
      fixture: 'curl-pipe-sh',
      errors: [
        { file: 'Dockerfile', line: 4, message: 'curl … | bash' },
        { file: 'Dockerfile', line: 6, message: 'wget … | sh' },
        { file: 'Dockerfile', line: 7, message: 'sh -c "$(curl …)"' },
      ],
    },
    {
      // A lint stage that the released image neither builds on nor copies from runs nothing it ships;
      // the builder stage it copies from does.
      fixture: 'lint-stage',
      errors: [{ file: 'Dockerfile', line: 12, message: 'curl … | sh' }],
    },
  ],
});
