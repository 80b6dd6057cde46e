import rule from './env-file-in-image.js';
import { ruleTester } from '../../src/testing/rule-tester.js';

ruleTester(rule, {
  valid: ['copy-all-ignored', 'copy-all-ignored-per-dockerfile'],
  invalid: [
    {
      fixture: 'copy-env',
      errors: [
        { file: 'Dockerfile', line: 4, column: 1, severity: 'error', message: 'COPY puts .env.production into the image' },
        { file: 'Dockerfile', line: 5, severity: 'error', message: 'config/.env' },
        { file: 'Dockerfile.template-as-live', line: 4, severity: 'error', message: 'COPY copies the template .env.example to ./.env in the image' },
      ],
    },
    { fixture: 'copy-all-unignored', errors: [{ file: 'Dockerfile', line: 3, severity: 'warning', message: 'which holds .env, and no .dockerignore excludes it' }] },
    // A Dockerfile built from its own folder: the file is named by its repository path.
    { fixture: 'folder-context', errors: [{ file: 'services/api/Dockerfile', line: 5, message: 'which holds services/api/.env, and no .dockerignore excludes it' }] },
    // compose builds deploy/Dockerfile with the folder above as its context (`context: ../`).
    { fixture: 'compose-parent-context', errors: [{ file: 'deploy/Dockerfile', line: 3, severity: 'warning', message: 'which holds .env, and no .dockerignore excludes it' }] },
  ],
});
