import rule from './build-at-runtime.js';
import { ruleTester } from '../../src/testing/rule-tester.js';

ruleTester(rule, {
  // npx-after-cd: the entry script cds into the package that declares next before `npx next start`.
  valid: ['built-in-image', 'dev-compose-only', 'procfile-nx-target-named-build', 'npx-after-cd'],
  invalid: [
    {
      fixture: 'entry-script-install',
      errors: [{ file: 'docker-entrypoint.sh', line: 3, message: '`npm ci` installs dependencies when the release starts (Dockerfile ENTRYPOINT → docker-entrypoint.sh)' }],
    },
    {
      // npm runs prestart before start; the finding is the build script call, not the tsc it runs.
      fixture: 'prestart-build',
      errors: [{ file: 'package.json', line: 5, message: '`npm run build` builds the code when the release starts (Dockerfile CMD → npm start (prestart))' }],
    },
    {
      fixture: 'k8s-npx-undeclared',
      errors: [
        { file: 'deployment.yaml', line: 18, message: '`npx http-server ./public` downloads http-server, which no package.json declares' },
        { file: 'deployment.yaml', line: 18, message: '`prisma generate` builds the code' },
      ],
    },
    {
      // No deployment file: scripts.start is the run command (Heroku-style platforms run `npm start`).
      fixture: 'package-start-sass',
      errors: [{ file: 'package.json', line: 5, message: '`sass --no-source-map` builds the code when the release starts (package.json scripts.start → npm run styles)' }],
    },
    {
      fixture: 'procfile-nx-build',
      errors: [
        { file: 'Procfile', line: 1, message: '`nx run` builds the code when the release starts (Procfile web)' },
        { file: 'Procfile', line: 2, message: '`nx run-many` builds the code when the release starts (Procfile worker)' },
      ],
    },
    {
      fixture: 'procfile-build',
      errors: [{ file: 'Procfile', line: 2, column: 6, message: '`yarn install` installs dependencies when the release starts (Procfile web)' }],
    },
  ],
});
