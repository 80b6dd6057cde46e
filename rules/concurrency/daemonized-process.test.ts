import rule from './daemonized-process.js';
import { ruleTester } from '../../src/testing/rule-tester.js';

ruleTester(rule, {
  valid: ['foreground'],
  invalid: [
    { fixture: 'dockerfile-pm2', errors: [{ file: 'Dockerfile', line: 4, message: '`pm2 start` daemonizes' }] },
    // Reported at the script line that does it, with the chain from the ENTRYPOINT.
    { fixture: 'entry-script-nohup', errors: [{ file: 'start.sh', line: 3, message: 'Dockerfile ENTRYPOINT → start.sh' }] },
    {
      fixture: 'ts-detached-unref',
      errors: [
        { file: 'launcher.ts', line: 3, column: 15, message: 'detached and unref()-ed' },
        { file: 'launcher.ts', line: 6, message: 'detached and unref()-ed' },
        { file: 'launcher.ts', line: 8, message: 'daemon package' },
      ],
    },
    { fixture: 'procfile-forever', errors: [{ file: 'Procfile', line: 1, message: '`forever start` daemonizes' }] },
  ],
});
