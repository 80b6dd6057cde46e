import rule from './undeclared-import.js';
import { ruleTester } from '../../src/testing/rule-tester.js';

ruleTester(rule, {
  valid: ['workspace-and-aliases'],
  invalid: [
    {
      // A source file only a dev script or an example imports never loads in production: its
      // devDependencies are fine (sample-events.js, cli-printer.js), and so are those of a file the
      // server loads only when NODE_ENV is not production (api-docs.js). banner.js, which the server
      // imports too, and metrics.js, loaded only in production, are reported.
      fixture: 'helper-only-dev-code-imports',
      errors: [
        { file: 'src/banner.js', line: 2, severity: 'warning', message: 'yargs is imported by production source' },
        { file: 'src/metrics.js', line: 1, severity: 'warning', message: 'prom-client is imported by production source' },
      ],
    },
    {
      // Where the governing package.json may not be what installs the package: info, with why.
      fixture: 'unsure-governing-package',
      errors: [
        // A project folder (own tsconfig) that no workspace includes: the root manifest is not its own.
        { file: 'dev-app/app/router.tsx', line: 1, severity: 'info', message: 'dev-app is a project of its own that no workspace of package.json includes' },
        // An app's on-demand import of a package nothing installs: still an error.
        { file: 'packages/api/src/server.ts', line: 6, severity: 'error', message: 'marked is imported but not declared in packages/api/package.json' },
        // A template app with its own Dockerfile and no package.json inside a package.
        { file: 'packages/generator/src/admin/app/src/main.tsx', line: 1, severity: 'info', message: 'packages/generator/src/admin/app has its own Dockerfile' },
        // The generator's own source: plainly undeclared.
        { file: 'packages/generator/src/generate.ts', line: 2, severity: 'error', message: 'change-case' },
        // A Dockerfile that copies a monorepo build output installs nothing of its own: still an error.
        { file: 'packages/generator/src/web/today.ts', line: 1, severity: 'error', message: 'date-fns' },
        { file: 'packages/storage/bundle.mjs', line: 1, severity: 'info', message: "the file is the package's build script" },
        // A published library: its top-level import is plainly undeclared, its on-demand one an optional peer.
        { file: 'packages/storage/src/s3.ts', line: 2, severity: 'error', message: 'p-limit' },
        { file: 'packages/storage/src/s3.ts', line: 7, severity: 'info', message: 'the optional-peer pattern' },
        // The root's own source, without a project folder of its own: plainly undeclared.
        { file: 'src/banner.ts', line: 1, severity: 'error', message: 'chalk is imported but not declared in package.json' },
      ],
    },
    {
      // test-kit is private and every package that declares it does so in devDependencies: no
      // production install holds it, so its own devDependencies are installed wherever it runs.
      fixture: 'dev-only-workspace-package',
      errors: [
        // api runs on its own (a start script): its devDependency is missing in production.
        { file: 'packages/api/src/server.ts', line: 2, severity: 'warning', message: 'supertest is imported by production source but packages/api/package.json declares it only in devDependencies' },
        // Not private: published, so its users install it without its devDependencies.
        { file: 'packages/published-kit/src/index.ts', line: 1, severity: 'warning', message: 'msw is imported by production source' },
        // api declares shared-kit in dependencies: a production install holds it.
        { file: 'packages/shared-kit/src/index.ts', line: 1, severity: 'warning', message: 'chalk is imported by production source' },
        // Undeclared everywhere still breaks its tests on a clean install: info, with why.
        { file: 'packages/test-kit/src/containers.ts', line: 3, severity: 'info', message: 'nock is imported but not declared in packages/test-kit/package.json: it is a private workspace package that other packages declare only in devDependencies' },
      ],
    },
    {
      // lint-staged.common.js is loaded only by the lint-staged configuration: a commit-hook helper.
      fixture: 'tool-config-helper',
      errors: [{ file: 'src/server.js', line: 2, severity: 'warning', message: 'shell-quote is imported by production source but package.json declares it only in devDependencies' }],
    },
    {
      // The image runs server.js; client.js is a side script nothing runs or imports.
      fixture: 'side-script',
      errors: [
        { file: 'client.js', line: 2, severity: 'info', message: 'client.js is not what the package\'s image runs (Dockerfile runs server.js)' },
        // Run by a package.json script: plainly undeclared.
        { file: 'rates.js', line: 1, severity: 'error', message: 'yargs' },
        { file: 'server.js', line: 2, severity: 'error', message: 'pino' },
      ],
    },
    {
      // Next.js provides `server-only` to the apps that depend on it; a package without Next gets nothing.
      fixture: 'framework-provided',
      errors: [{ file: 'apps/worker/src/db.ts', line: 2, severity: 'error', message: 'server-only is imported but not declared in apps/worker/package.json' }],
    },
    {
      fixture: 'undeclared',
      errors: [
        { file: 'src/mailer.ts', line: 1, column: 1, severity: 'warning', message: 'dotenv is imported by production source but package.json declares it only in devDependencies' },
        { file: 'src/mailer.ts', line: 3, severity: 'error', message: 'nodemailer is imported but not declared in package.json' },
        { file: 'src/mailer.ts', line: 4, message: '@aws-sdk/credential-providers is imported' },
        { file: 'src/mailer.ts', line: 6, message: 'axios' },
        { file: 'src/mailer.ts', line: 9, message: 'marked' },
        // estree's names are used as types only (a visitor's methods and a field share them): erased.
        { file: 'src/rewrite.ts', line: 4, severity: 'error', message: 'estree-walker is imported but not declared' },
        { file: 'test/mailer.test.ts', line: 2, severity: 'info', message: 'supertest' },
      ],
    },
    {
      // npm hoists every workspace's dependencies to the root node_modules: a sibling's declaration
      // makes the import work (info), and a sibling's production dependency survives --omit=dev.
      fixture: 'npm-workspaces-hoisted',
      errors: [
        // Not a member of the workspace, but inside its folder: Node still finds the root node_modules.
        { file: 'packages/api/plugins/reviews/index.ts', line: 1, severity: 'info', message: 'remeda is imported but not declared in packages/api/plugins/reviews/package.json: it resolves only because packages/lib/package.json' },
        {
          file: 'packages/api/src/handlers.ts',
          line: 1,
          severity: 'warning',
          message: 'msw is imported by production source but not declared in packages/api/package.json: it resolves only because packages/lib/package.json lists it in devDependencies',
        },
        {
          file: 'packages/api/src/jobs/archive.ts',
          line: 1,
          severity: 'error',
          message: '@paralleldrive/cuid2 is imported here and in 2 other files but not declared in packages/api/package.json',
        },
        {
          file: 'packages/api/src/jobs/seal.ts',
          line: 1,
          severity: 'info',
          message: 'p-map is imported here and in 1 other file but not declared in packages/api/package.json: it resolves only because packages/lib/package.json declares it and npm workspaces hoist it',
        },
        { file: 'packages/api/src/jobs/seal.ts', line: 3, severity: 'info', message: 'remeda is imported but not declared in packages/api/package.json: it resolves only because packages/lib/package.json' },
        { file: 'packages/api/test/server.test.ts', line: 2, severity: 'info', message: 'msw is imported but not declared' },
      ],
    },
    {
      // The project's own pnpm configuration hoists h3 by name from the framework's dependencies; a
      // name only a glob matches, or none, is not the project's choice.
      fixture: 'pnpm-public-hoist-by-name',
      errors: [
        { file: 'server/api/status.get.ts', line: 2, message: 'ofetch is imported but not declared in package.json' },
        { file: 'server/api/status.get.ts', line: 3, message: 'eslint-plugin-vue is imported but not declared in package.json' },
      ],
    },
    {
      // pnpm links only what a package declares; a public-hoist-pattern puts matching names at the root.
      fixture: 'pnpm-isolated',
      errors: [
        { file: 'apps/worker/src/main.ts', line: 1, severity: 'info', message: 'pnpm public-hoist-pattern' },
        { file: 'apps/worker/src/main.ts', line: 2, severity: 'error', message: 'ioredis is imported but not declared in apps/worker/package.json: it only resolves' },
      ],
    },
    {
      fixture: 'pnpm-shamefully-hoist',
      errors: [
        { file: 'packages/server/src/index.ts', line: 1, severity: 'info', message: '@langchain/core is imported but not declared in packages/server/package.json: it resolves only because packages/components/package.json declares it and pnpm shamefully-hoist' },
        { file: 'packages/server/src/index.ts', line: 3, severity: 'error', message: 'keyv is imported but not declared' },
      ],
    },
    {
      // Yarn Plug'n'Play refuses a dependency the importing workspace does not declare.
      fixture: 'yarn-pnp',
      errors: [{ file: 'services/billing/src/index.ts', line: 2, severity: 'error', message: 'decimal.js is imported but not declared in services/billing/package.json' }],
    },
    {
      // yarn merges the .yarnrc.yml files above a project: the root's nodeLinker hoists for www/ too.
      fixture: 'yarn-rc-inherited',
      errors: [{ file: 'portal/apps/book/src/content.ts', line: 1, severity: 'info', message: 'next-mdx-remote is imported but not declared in portal/apps/book/package.json: it resolves only because portal/apps/reference/package.json declares it and yarn workspaces hoist' }],
    },
    {
      // `paths` of an extended config (a workspace package, or a list of relative configs) are aliases.
      fixture: 'tsconfig-extends',
      errors: [{ file: 'apps/api/src/server.ts', line: 3, severity: 'error', message: '@ui/button is imported but not declared in apps/api/package.json' }],
    },
    {
      // A bundler config's `alias` keys (object or `{ find }` array) are aliases for the sources under it, not elsewhere.
      fixture: 'bundler-alias',
      errors: [
        { file: 'apps/admin/src/index.ts', line: 2, severity: 'error', message: '@helpers/backend is imported but not declared in apps/admin/package.json' },
        { file: 'apps/web/src/api.ts', line: 3, severity: 'error', message: 'vue is imported but not declared in apps/web/package.json' },
        { file: 'apps/web/src/api.ts', line: 4, severity: 'error', message: '@workers/sync is imported but not declared in apps/web/package.json' },
      ],
    },
  ],
});
