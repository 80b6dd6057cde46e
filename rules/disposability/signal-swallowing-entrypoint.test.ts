import rule from './signal-swallowing-entrypoint.js';
import { ruleTester } from '../../src/testing/rule-tester.js';

ruleTester(rule, {
  // forwarded: exec "$@" after a migration; tini in front of npm start; `exec` in a shell-form CMD;
  // compose init: true; a dev Dockerfile.
  valid: ['forwarded'],
  invalid: [
    { fixture: 'shell-form-cmd', errors: [{ file: 'Dockerfile', line: 4, message: 'Dockerfile CMD is in shell form' }] },
    { fixture: 'npm-start', errors: [{ file: 'Dockerfile', line: 4, message: '`npm start` runs in front of the server' }] },
    { fixture: 'entry-script-no-exec', errors: [{ file: 'docker-entrypoint.sh', line: 4, message: 'started by a shell' }] },
    {
      fixture: 'sh-c-in-compose-and-k8s',
      errors: [
        { file: 'compose.yaml', line: 4, message: 'compose service web command' },
        // The script runs from args (command is only sh -c): the finding points at the script.
        { file: 'k8s/web.yaml', line: 16, message: 'Deployment web container web' },
      ],
    },
  ],
});
