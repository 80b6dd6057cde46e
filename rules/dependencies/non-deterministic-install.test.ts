import rule from './non-deterministic-install.js';
import { ruleTester } from '../../src/testing/rule-tester.js';

ruleTester(rule, {
  // A developer's Dockerfile.dev is not a release: the engine's role filter keeps it silent.
  valid: ['frozen-installs', 'dev-dockerfile'],
  invalid: [
    {
      fixture: 'npm-install',
      errors: [
        { file: 'Dockerfile', line: 4, column: 1, message: 'use `npm ci`' },
        { file: 'Dockerfile', line: 13, message: '`npm i --omit=dev`' },
      ],
    },
    {
      fixture: 'yarn-pnpm-unfrozen',
      errors: [
        // Nothing shows Yarn's version: the fix names both flags.
        { file: 'Dockerfile', line: 4, message: 'yarn install --frozen-lockfile (classic) or yarn install --immutable (berry)' },
        { file: 'Dockerfile', line: 10, message: 'pnpm install --frozen-lockfile' },
      ],
    },
    {
      // A Dockerfile named with a dash (`docker build -f Dockerfile-jobs`) is read like Dockerfile.jobs;
      // its underscore dev variant is a dev set-up (silent), and a file named like one without a FROM
      // line, or with a text extension, is no Dockerfile.
      fixture: 'dash-named-variants',
      errors: [{ file: 'Dockerfile-jobs', line: 5, message: '`npm install --production` may install other versions than the lockfile records' }],
    },
    {
      // `yarn --version` and `yarn -v` after unpacking yarn only print its version (line 4's RUN):
      // bare `yarn` with install options (line 12) is an install.
      fixture: 'yarn-version-check',
      errors: [{ file: 'Dockerfile', line: 12, message: '`yarn --production` may install other versions than the lockfile records' }],
    },
    {
      // The image copies .yarnrc.yml and the Yarn release: Yarn 2+, whose flag is --immutable.
      fixture: 'yarn-berry-unfrozen',
      errors: [{ file: 'Dockerfile', line: 6, message: 'use `yarn install --immutable`' }],
    },
    {
      // A repository with no lockfile at all: the message says what is missing, not "other versions than the lockfile".
      fixture: 'no-lockfile',
      errors: [{ file: 'Dockerfile', line: 5, message: '`npm install --omit=dev` resolves the dependency ranges again at every build, and the repository commits no lockfile' }],
    },
    {
      // Only package.json is copied in (the lockfile stays at the workspace root): the message names
      // what is missing. The second stage copies the lockfile too: the usual message. The third copies
      // a tsconfig.json beside the manifest: still no lockfile.
      fixture: 'manifest-only-copy',
      errors: [
        { file: 'Dockerfile', line: 6, message: '`npm install --legacy-peer-deps` installs from packages/server/package.json alone: no lockfile is copied into the image before it' },
        { file: 'Dockerfile', line: 13, message: '`npm install --omit=dev` may install other versions than the lockfile records; use `npm ci`.' },
        // Build configuration copied beside the manifest brings no lockfile either.
        { file: 'Dockerfile', line: 21, message: '`npm install` installs from packages/server/package.json alone: no lockfile is copied into the image before it' },
      ],
    },
    {
      // Test and development stages the released (last) stage neither builds on nor copies from are
      // built only by a --target naming them: silent. A test-named stage the release copies from,
      // and an unreached stage not named for development or tests, are reported.
      fixture: 'target-stages',
      errors: [
        { file: 'Dockerfile', line: 16, message: '`npm install`' },
        { file: 'Dockerfile', line: 21, message: '`npm install`' },
      ],
    },
    {
      // A project template a published library ships (its own package.json, in no workspace, inside
      // the library's folder, or in a folder a published CLI's `files` lists) is what the package's
      // users start from: not judged. A project nested in an app's package is the app's own, and is.
      fixture: 'shipped-template',
      errors: [{ file: 'packages/server/deploy/worker/Dockerfile', line: 4, message: '`npm install`' }],
    },
    {
      // `npm ci || npm install`: the fallback is the problem, not a missing `npm ci`.
      fixture: 'ci-fallback',
      errors: [{ file: 'Dockerfile', line: 5, message: '`npm install --no-audit` runs when `npm ci --no-audit` fails' }],
    },
    {
      // A prune after a frozen install of the same package.json is excused; another folder's is not.
      fixture: 'prune-after-frozen',
      errors: [
        { file: 'Dockerfile', line: 13, message: '`yarn install --production`' },
        { file: 'Dockerfile', line: 16, message: '`yarn install`' },
      ],
    },
  ],
});
