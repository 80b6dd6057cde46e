import { describe, expect, it } from 'vitest';
import { decideRole, dockerfilesBuiltOnlyInNonProductionProfiles, environmentOf, isNonProductionProfile, roleByPath, scriptRunMode, type FileRole } from './file-role.js';
import type { ComposeFacts, ComposeService, DockerfileFacts } from '../parsing/facts.js';
import { ProjectModel } from './project-model.js';
import { parseStructured } from '../parsing/structured.js';
import { parseDockerfile } from '../parsing/dockerfile.js';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { audit } from '../engine/audit.js';

describe('role of a file by its path', () => {
  it.each<[string, FileRole]>([
    ['src/server.ts', 'runtime'],
    ['packages/api/src/devices/server.ts', 'runtime'],
    ['apps/api/src/config/database.config.ts', 'runtime'],
    ['ecosystem.config.js', 'runtime'],
    ['knexfile.js', 'runtime'],
    ['Dockerfile', 'runtime'],
    ['docker-compose.yml', 'runtime'],
    ['src/user.service.spec.ts', 'test'],
    ['src/__mocks__/redis.ts', 'test'],
    ['apps/web/cypress/e2e/login.cy.ts', 'test'],
    ['packages/api/src/mocks/handlers.ts', 'test'],
    ['src/user.e2e-ee.ts', 'test'],
    ['jest.setup.ts', 'test'],
    ['vitest.config.ts', 'test'],
    ['.env.test', 'test'],
    ['docker-compose.test.yml', 'test'],
    ['docker-compose.e2e.yaml', 'test'],
    ['.github/workflows/ci.yml', 'ci'],
    ['.github/docker-compose.yml', 'ci'],
    ['.gitlab-ci.yml', 'ci'],
    ['.circleci/config.yml', 'ci'],
    ['docs/getting-started/app.ts', 'docs'],
    ['examples/express/server.js', 'docs'],
    ['packages/sdk/example/index.ts', 'docs'],
    // a source file named for development in camelCase; near misses: `device`, `developer`
    ['app/server/devServerMain.ts', 'dev'],
    ['src/device.ts', 'runtime'],
    ['src/developerPortal.ts', 'runtime'],
    // a folder named as examples, not only one named exactly so
    ['docker-compose-examples/grist-local-testing/docker-compose.yml', 'docs'],
    ['deploy/k8s.examples/api.yaml', 'docs'],
    ['samples-node/server.js', 'docs'],
    // near misses: a word that only contains one (`counterexamples`), and a file named so
    ['src/counterexamples/check.ts', 'runtime'],
    ['src/examples-loader.ts', 'runtime'],
    ['src/__generated__/graphql.ts', 'generated'],
    ['src/api.generated.ts', 'generated'],
    ['public/vendor.min.js', 'generated'],
    ['src/button.stories.tsx', 'dev'],
    ['.storybook/main.ts', 'dev'],
    ['.devcontainer/docker-compose.yml', 'dev'],
    ['.cursor/Dockerfile', 'dev'],
    ['packages/dev-env/src/network.ts', 'dev'],
    ['devenv/docker-compose.yml', 'dev'],
    ['docker-compose.devenv.yaml', 'dev'],
    ['docker-compose.devices.yml', 'runtime'],
    ['Dockerfile-tilt', 'dev'],
    ['docker/Dockerfile-tiles', 'runtime'],
    ['_dev/docker-compose.yml', 'dev'],
    ['bin/plugins/lib/eslintrc.cjs', 'build'],
    ['packages/server/auth/testhelp.js', 'test'],
    ['packages/server/auth/testimonials.js', 'runtime'],
    ['src/lib/rc.cjs', 'runtime'],
    ['extra/templates/nginx-proxy-manager/compose.yaml', 'docs'],
    ['templates/blank/docker-compose.yml', 'docs'],
    ['charts/app/templates/deployment.yaml', 'runtime'],
    ['extra/templates/app/Dockerfile', 'runtime'],
    ['src/_devices/docker-compose.yml', 'runtime'],
    ['packages/api/src/fixtures.ts', 'test'],
    ['src/fixtures-loader.ts', 'test'],
    ['apps/webapp/prisma/populate.ts', 'dev'],
    ['prisma/seed-demo.ts', 'dev'],
    ['src/populate.ts', 'runtime'],
    ['packages/devices/src/index.ts', 'runtime'],
    ['apps/api/evals/scorers.ts', 'test'],
    ['packages/insights/evals/insight.eval.ts', 'test'],
    ['internal-packages/agent/src/dashboard-agent.eval.ts', 'test'],
    ['web/src/features/evals/components/evaluator-form.tsx', 'runtime'],
    ['packages/shared/src/server/evals/runner.ts', 'runtime'],
    ['app/evals/page.tsx', 'runtime'],
    ['src/lib/safe-eval.ts', 'runtime'],
    ['src/retrieval.ts', 'runtime'],
    ['.gitpod/Dockerfile', 'dev'],
    ['apps/cursor/Dockerfile', 'runtime'],
    ['prisma/seed.ts', 'dev'],
    ['src/database/seeds/users.ts', 'dev'],
    ['scripts/release.ts', 'dev'],
    ['tools/generators/app.ts', 'dev'],
    ['docker-compose.override.yml', 'dev'],
    ['compose.dev.yaml', 'dev'],
    ['Dockerfile.dev', 'dev'],
    ['.env.local', 'dev'],
    ['.env.sandbox', 'runtime'],
    ['next.config.js', 'build'],
    ['vite.config.ts', 'build'],
    ['webpack.prod.js', 'build'],
    ['.eslintrc.js', 'build'],
    ['gulpfile.js', 'build'],
    ['prisma.config.mjs', 'build'],
    // the oxc linter and formatter, biome: run by developers and CI
    ['oxlint.config.ts', 'build'],
    ['oxfmt.config.ts', 'build'],
    ['biome.config.ts', 'build'],
    // a near miss: an app's own runtime settings module is not a tool's
    ['src/app.config.ts', 'runtime'],
    // the Trigger.dev CLI's project config: read by `trigger dev` and `trigger deploy`, which bundle the tasks
    ['internal-packages/agent/trigger.config.ts', 'build'],
    ['ci/CiVersionCheck.js', 'ci'],
    ['web/src/__tests__/server/slack.servertest.ts', 'test'],
    ['src/components/Login.clienttest.tsx', 'test'],
    ['packages/codemod/src/transforms/x/__testfixtures__/basic.input.ts', 'test'],
    ['integration-tests/http/app.ts', 'test'],
    ['apps/frontend/public/f.js', 'generated'],
    ['templates/blank/src/server.ts', 'docs'],
    ['packages/dsg/src/admin/App.template.tsx', 'docs'],
    ['www/apps/docs/providers/search.tsx', 'docs'],
    ['packages/dev-server/dev-config.ts', 'dev'],
    ['packages/email/preview/app.tsx', 'dev'],
    ['src/latest.ts', 'runtime'],
    ['src/contest.ts', 'runtime'],
    ['src/templates/welcome-email.ts', 'runtime'],
    ['src/static-config.ts', 'runtime'],
    ['packages/email-plugin/src/handler/mock-events.ts', 'test'],
    ['charts/app/values.example.yaml', 'docs'],
    ['packages/plugin-stripe/api.postman_collection.json', 'docs'],
    ['src/server-dev.ts', 'dev'],
    // Developer machines' images (getsentry/self-hosted builds Cloud Workstations for its contributors).
    ['workstation/postinstall/Dockerfile', 'dev'],
    ['src/workstations-api/server.ts', 'runtime'],
    ['test-migrations/docker-compose.yml', 'test'],
    ['packages/api-tests/src/login.ts', 'test'],
    ['src/contest-results/index.ts', 'runtime'],
    ['src/devices.ts', 'runtime'],
    ['src/mockingbird.ts', 'runtime'],
    ['packages/connectors/connector-pay/src/mock.ts', 'test'],
    ['src/stubs.js', 'test'],
    ['src/mockup.ts', 'runtime'],
    ['src/devenvironment.ts', 'runtime'],
    ['src/fixture-schedule.ts', 'runtime'],
    ['src/developer-portal.ts', 'runtime'],
  ])('%s is %s', (file, role) => {
    expect(roleByPath(file).role).toBe(role);
  });
});

function compose(services: Array<Partial<ComposeService>>, leadingComment?: string): ComposeFacts {
  const pos = { line: 1, column: 1 };
  return {
    kind: 'compose',
    docs: [],
    services: services.map((s, i) => ({ name: `s${i}`, environment: [], envFiles: [], ports: [], expose: [], volumes: [], profiles: [], pointer: `/services/s${i}`, ...pos, ...s })),
    ...(leadingComment ? { leadingComment } : {}),
  };
}
const pos = { line: 1, column: 1 };

describe('the run mode a package.json script sets', () => {
  it('NODE_ENV=development through cross-env, env or an assignment is a developer run; test a test run', () => {
    expect(scriptRunMode('cross-env NODE_ENV=development concurrently yarn:start:react yarn:start:api')).toBe('dev');
    expect(scriptRunMode('NODE_ENV=local node server.js')).toBe('dev');
    expect(scriptRunMode('env NODE_ENV=test node server.js')).toBe('test');
    // near misses: production, a variable left to whoever starts it, a value passed to the program
    expect(scriptRunMode('cross-env NODE_ENV=production node dist/server.js')).toBeUndefined();
    expect(scriptRunMode('NODE_ENV=$MODE node server.js')).toBeUndefined();
    expect(scriptRunMode('node server.js NODE_ENV=development')).toBeUndefined();
  });
});

describe('role of a compose file by its content', () => {
  it('a compose file that builds Dockerfile.dev is a dev set-up, whatever its name', () => {
    expect(decideRole('docker-compose.yml', compose([{ build: { context: '.', dockerfile: 'Dockerfile.dev', ...pos } }])).role).toBe('dev');
  });
  it('a compose file that builds a development stage is a dev set-up', () => {
    expect(decideRole('docker-compose.yml', compose([{ build: { context: '.', target: 'development', ...pos } }])).role).toBe('dev');
  });
  it('a compose file whose service runs nodemon is a dev set-up', () => {
    expect(decideRole('docker-compose.yml', compose([{ build: { context: '.', ...pos }, command: { form: 'shell', argv: ['npx', 'nodemon', 'src/server.ts'], text: 'npx nodemon src/server.ts', ...pos } }])).role).toBe('dev');
  });
  it('a watcher inside a shell script counts; a word in a quoted message does not', () => {
    const run = (argv: string[]) => decideRole('docker-compose.yml', compose([{ build: { context: '.', ...pos }, command: { form: 'exec', argv, text: argv.join(' '), ...pos } }])).role;
    expect(run(['sh', '-c', 'npm install && npm run dev'])).toBe('dev');
    expect(run(['/bin/bash', '-c', 'cd /app && exec nodemon src/index.js'])).toBe('dev');
    expect(run(['sh', '-c', 'sh -c "tsx watch src/main.ts"'])).toBe('dev');
    // inbox-zero's cron service: curl calls in a loop, with "watch" only in its log lines.
    const cron = 'while true; do\n  echo "[cron] Renewing email watches..."\n  curl -s -X GET "http://web:3000/api/watch/all" || echo "[cron] Warning: watch request failed"\n  sleep 21600\ndone';
    expect(run(['sh', '-c', cron])).toBe('runtime');
    expect(run(['node', 'dist/main.js', '--banner', 'npm run dev is for local use'])).toBe('runtime');
  });
  it('a compose file that starts a service with NODE_ENV=development runs it as a developer does', () => {
    const env = (value: string) => [{ name: 'NODE_ENV', value, line: 7, column: 3 }];
    const decision = decideRole('docker-compose.yaml', compose([{ image: { value: 'postgres:16', ...pos } }, { build: { context: '.', dockerfile: './packages/api/Dockerfile', ...pos }, environment: env('development') }]));
    expect(decision).toEqual({ role: 'dev', reason: 'service s1 sets NODE_ENV=development (line 7)' });
    expect(decideRole('docker-compose.yml', compose([{ build: { context: '.', ...pos }, environment: env('local') }])).role).toBe('dev');
    // near misses: production, a value left to whoever starts it, another variable
    expect(decideRole('docker-compose.yml', compose([{ build: { context: '.', ...pos }, environment: env('production') }])).role).toBe('runtime');
    expect(decideRole('docker-compose.yml', compose([{ build: { context: '.', ...pos }, environment: env('${NODE_ENV:-development}') }])).role).toBe('runtime');
    expect(decideRole('docker-compose.yml', compose([{ build: { context: '.', ...pos }, environment: [{ name: 'APP_NODE_ENV_HINT', value: 'development', line: 3, column: 3 }] }])).role).toBe('runtime');
  });
  it("a compose file whose service loads its variables from a developer's or a test's file runs as that set-up", () => {
    const envFiles = (...values: string[]) => values.map((value, i) => ({ value, line: 10 + i, column: 7 }));
    const app = (files: string[]) => compose([{ image: { value: 'postgres:16', ...pos } }, { image: { value: 'acme/app:1.2', ...pos }, envFiles: envFiles(...files) }]);
    expect(decideRole('docker-compose.yml', app(['./local-env/env-docker-compose']))).toEqual({ role: 'dev', reason: "service s1 loads its variables from local-env/env-docker-compose, a developer's file (line 10)" });
    expect(decideRole('deploy/docker-compose.yml', app(['.env', '../.env.development'])).role).toBe('dev');
    expect(decideRole('docker-compose.yml', app(['.env.test']))).toEqual({ role: 'test', reason: "service s1 loads its variables from .env.test, a test's file (line 10)" });
    // near misses: the deployed set-up's own file, one outside the repository, one chosen by whoever starts it, a name for production
    expect(decideRole('docker-compose.yml', app(['.env', 'config/app.env'])).role).toBe('runtime');
    expect(decideRole('docker/docker-compose.yml', app(['../../shared/.env.dev'])).role).toBe('runtime');
    expect(decideRole('docker-compose.yml', app(['${ENV_FILE:-.env.development}'])).role).toBe('runtime');
    expect(decideRole('docker-compose.prod.yml', app(['.env.local'])).role).toBe('runtime');
  });
  it('a compose file that names itself a dev set-up (its project name), or whose service has a Compose Watch develop block, is one', () => {
    const withDoc = (value: unknown) => ({ ...compose([{ image: { value: 'matrixdotorg/synapse:latest', ...pos } }]), docs: [{ value } as unknown as ComposeFacts['docs'][number]] });
    expect(decideRole('docker-compose.yml', withDoc({ name: 'matrix-hookshot-dev', services: {} }))).toEqual({ role: 'dev', reason: 'its project name is matrix-hookshot-dev' });
    expect(decideRole('compose.yaml', withDoc({ services: { api: { build: '.', develop: { watch: [{ action: 'rebuild', path: 'src' }] } } } })).role).toBe('dev');
    // near misses: a project name without such a word, a service without the block, a production name
    expect(decideRole('docker-compose.yml', withDoc({ name: 'matrix-hookshot', services: { api: { image: 'acme/api:1' } } })).role).toBe('runtime');
    expect(decideRole('docker-compose.prod.yml', withDoc({ name: 'shop-dev' })).role).toBe('runtime');
  });
  it('a compose file whose every built service runs tests is the test set-up', () => {
    const tests = compose([
      { name: 'test_unit', build: { context: '.', ...pos } },
      { name: 'test-acceptance', build: { context: '.', ...pos } },
      { name: 'saml', image: { value: 'registry.example.com/ops/saml-test', ...pos } },
    ]);
    expect(decideRole('services/web/docker-compose.yml', tests)).toEqual({ role: 'test', reason: 'every service it builds runs tests (test_unit, test-acceptance)' });
    // near misses: one deployed service built beside the tests; services named for integrations or
    // CI; a file named for production
    expect(decideRole('docker-compose.yml', compose([{ name: 'api', build: { context: '.', ...pos } }, { name: 'api_e2e', build: { context: '.', ...pos } }])).role).toBe('runtime');
    expect(decideRole('docker-compose.yml', compose([{ name: 'integrations', build: { context: '.', ...pos } }, { name: 'ci-runner', build: { context: '.', ...pos } }])).role).toBe('runtime');
    expect(decideRole('docker-compose.prod.yml', compose([{ name: 'test_unit', build: { context: '.', ...pos } }])).role).toBe('runtime');
  });
  it('a compose file of pull-request preview environments is not the release', () => {
    const previews = { ...compose([{ build: { context: '.', ...pos } }]), docs: [{ value: { 'x-uffizzi': { continuous_previews: { deploy_preview_when_pull_request_is_opened: true } }, services: {} } }] } as unknown as ComposeFacts;
    expect(decideRole('docker-compose.yml', previews)).toEqual({ role: 'ci', reason: 'a pull-request preview environment (its x-uffizzi block): each pull request gets a throwaway copy' });
    expect(decideRole('docker-compose.preview.yml', compose([{ build: { context: '.', ...pos } }])).role).toBe('ci');
    // near misses: another extension block; a production name wins
    const anchors = { ...compose([{ build: { context: '.', ...pos } }]), docs: [{ value: { 'x-common': { restart: 'always' }, services: {} } }] } as unknown as ComposeFacts;
    expect(decideRole('docker-compose.yml', anchors).role).toBe('runtime');
    expect(decideRole('docker-compose.preview.prod.yml', compose([{ build: { context: '.', ...pos } }])).role).toBe('runtime');
  });
  it("a stock runtime image running the project's tree mounted from the host is a contributor's environment", () => {
    const mount = (source: string) => ({ raw: `${source}:/app`, source, target: '/app', ...pos });
    const app = (image: string, source: string) => ({ name: 'app', image: { value: image, ...pos }, volumes: [mount(source)], command: { form: 'exec' as const, argv: ['yarn', 'start'], text: '', ...pos } });
    expect(decideRole('docker-compose.yml', compose([app('node:16-stretch-slim', './'), { image: { value: 'postgres:latest', ...pos } }, { image: { value: 'verdaccio/verdaccio', ...pos } }]))).toEqual({
      role: 'dev',
      reason: "service app runs the project's tree mounted from the host on the stock image node:16-stretch-slim",
    });
    expect(decideRole('docker-compose.yml', compose([app('oven/bun:1', '${PWD}')])).role).toBe('dev');
    expect(decideRole('docker-compose.yml', compose([app('node:20-alpine', './src')])).role).toBe('dev');
    // near misses: the project's own image with the same mount; a stock image mounting one data
    // folder; a file named for production
    expect(decideRole('docker-compose.yml', compose([app('ghcr.io/acme/shop:2', './'), { image: { value: 'verdaccio/verdaccio', ...pos } }])).role).toBe('runtime');
    expect(decideRole('docker-compose.yml', compose([app('node:20', './uploads'), { image: { value: 'verdaccio/verdaccio', ...pos } }])).role).toBe('runtime');
    expect(decideRole('docker-compose.prod.yml', compose([app('node:20', '.')])).role).toBe('runtime');
  });
  it('a compose file that only starts backing services is local infrastructure', () => {
    expect(decideRole('docker-compose.yml', compose([{ image: { value: 'postgres:16', ...pos } }, { image: { value: 'redis:7-alpine', ...pos } }, { image: { value: 'dpage/pgadmin4', ...pos } }])).role).toBe('dev');
  });
  it("an ORM's test databases, named by more than their last word (SQL Server, Oracle), are local infrastructure too", () => {
    const dbs = ['mcr.microsoft.com/mssql/server:2025-CU8-ubuntu-24.04', 'container-registry.oracle.com/database/free:latest-lite', 'pgvector/pgvector:pg16', 'cockroachdb/cockroach:latest-v24.3', 'mysql:9.0-oracle'];
    expect(decideRole('docker-compose.yml', compose(dbs.map((value) => ({ image: { value, ...pos } })))).role).toBe('dev');
    // near miss: a product image whose last word is a generic one (server, database)
    expect(decideRole('docker-compose.yml', compose([{ image: { value: 'mcr.microsoft.com/mssql/server:2022-latest', ...pos } }, { image: { value: 'ghcr.io/acme/server:2', ...pos } }])).role).toBe('runtime');
  });
  it('a database with its web console, or a cloud emulator, is local infrastructure too', () => {
    expect(decideRole('docker/clickhouse/docker-compose.yml', compose([{ image: { value: 'clickhouse/clickhouse-server:latest', ...pos } }, { image: { value: 'ghcr.io/caioricciuti/ch-ui:latest', ...pos } }])).role).toBe('dev');
    expect(decideRole('docker-compose.yml', compose([{ image: { value: 'postgres:16', ...pos } }, { image: { value: 'nsmithuk/local-kms:3', ...pos } }])).role).toBe('dev');
    // near miss: the project's own image beside them
    expect(decideRole('docker-compose.yml', compose([{ image: { value: 'clickhouse/clickhouse-server:24', ...pos } }, { image: { value: 'ghcr.io/acme/ch-uploader:2', ...pos } }])).role).toBe('runtime');
  });
  it('a test directory server (LDAP) started beside the code for auth tests is local infrastructure too', () => {
    expect(decideRole('backend/docker-compose.auth.yml', compose([{ image: { value: 'rroemhild/test-openldap', ...pos } }])).role).toBe('dev');
    expect(decideRole('docker-compose.yml', compose([{ image: { value: 'osixia/openldap:1.5.0', ...pos } }, { image: { value: 'acme/ldap-sync:2', ...pos } }])).role).toBe('runtime');
  });
  it('a header comment that says local development makes it dev', () => {
    expect(decideRole('docker-compose.yml', compose([{ build: { context: '.', ...pos } }], 'Local development stack: do not use in production')).role).toBe('dev');
  });
  it('the header may say it in several ways', () => {
    expect(decideRole('docker-compose.yml', compose([{ build: { context: '.', ...pos } }], 'Please do not use this configuration for production. It is for demo, development, and learning purposes only.')).role).toBe('dev');
    expect(decideRole('docker-compose.deploy.yml', compose([{ build: { context: '.', ...pos } }], 'For internal testing only')).role).toBe('dev');
  });
  it('near miss: a header about binding to the local machine says nothing about the file\'s purpose', () => {
    const header = 'Update the credential placeholders. All other components are bound to localhost (127.0.0.1) to only accept connections from the local machine.';
    expect(decideRole('docker-compose.yml', compose([{ image: { value: 'docker.acme.com/acme/web:4', ...pos } }, { image: { value: 'redis:7', ...pos } }], header)).role).toBe('runtime');
  });
  it('near miss: a self-hosting compose file that runs the project\'s published image is runtime', () => {
    expect(decideRole('docker/docker-compose.yml', compose([{ image: { value: 'ghcr.io/acme/server:1.4.2', ...pos } }, { image: { value: 'postgres:16', ...pos } }], 'Example for self-hosting in production')).role).toBe('runtime');
  });
  it('near miss: a compose file that builds the app with its production target is runtime', () => {
    expect(decideRole('docker-compose.yml', compose([{ build: { context: '.', target: 'production', ...pos }, command: { form: 'exec', argv: ['node', 'dist/server.js'], text: '', ...pos } }])).role).toBe('runtime');
  });
  it('the configuration wins over content and path', () => {
    const devByContent = compose([{ build: { context: '.', dockerfile: 'Dockerfile.dev', ...pos } }]);
    expect(decideRole('deploy/stack.yml', devByContent, { prod: ['deploy/**'] }).role).toBe('runtime');
    expect(decideRole('deploy/stack.yml', compose([]), { dev: ['deploy/stack.yml'] }).role).toBe('dev');
  });
});

describe('role of a Dockerfile by its content', () => {
  const dockerfile = (cmd: string[]): DockerfileFacts => ({
    kind: 'dockerfile',
    globalArgs: [],
    stages: [{ index: 0, image: { raw: 'node:20', name: 'node', tag: '20' } as never, isFinal: true, env: [], instructions: [{ keyword: 'CMD', text: '', execForm: cmd, flags: [], ...pos }], ...pos }],
  }) as unknown as DockerfileFacts;
  it('a workspace package named like a dev tool is not a dev server', () => {
    const run = (text: string) => decideRole('docker-compose.yml', compose([{ build: { context: '.', ...pos }, command: { form: 'shell', argv: text.split(' '), text, ...pos } }])).role;
    expect(run('pnpm --filter supervisor start')).not.toBe('dev');
    expect(run('node apps/supervisor/dist/main.js')).not.toBe('dev');
    expect(run('npx supervisor server.js')).toBe('dev');
  });

  it('a Dockerfile is judged by its name, not what it runs: one that starts a dev server is a release image doing so', () => {
    expect(decideRole('Dockerfile', dockerfile(['npm', 'run', 'dev'])).role).toBe('runtime');
    expect(decideRole('Dockerfile.dev', dockerfile(['npm', 'run', 'dev'])).role).toBe('dev');
  });
  it('npm start and node are runtime', () => {
    expect(decideRole('Dockerfile', dockerfile(['npm', 'start'])).role).toBe('runtime');
    expect(decideRole('Dockerfile', dockerfile(['node', 'dist/devices.js'])).role).toBe('runtime');
  });
});

describe('environment of a file', () => {
  it.each([
    ['docker-compose.override.yml', 'dev'],
    ['compose.dev.yaml', 'dev'],
    ['Dockerfile.dev', 'dev'],
    ['.devcontainer/docker-compose.yml', 'dev'],
    ['k8s/overlays/prod/deployment.yaml', 'prod'],
    ['helm/values-prod.yaml', 'prod'],
    ['test/docker-compose.yml', 'test'],
    ['docker-compose.yml', 'unknown'],
    ['Dockerfile', 'unknown'],
    ['src/devices/server.ts', 'unknown'],
  ])('%s is %s', (file, env) => {
    expect(environmentOf(file, roleByPath(file).role)).toBe(env);
  });
});

describe('roles in the project model', () => {
  const workflow = (run: string) => `on: push\njobs:\n  release:\n    runs-on: ubuntu-latest\n    steps:\n      - run: ${run}\n`;
  const model = (files: Record<string, string>) =>
    new ProjectModel(
      Object.entries(files).map(([p, text]) => {
        const facts = p.endsWith('.yml') ? ({ kind: 'structured', format: 'yaml', docs: parseStructured(text) } as const) : parseDockerfile(text);
        return { path: p, kind: facts.kind, facts, isTest: false };
      }),
    );

  it('a Dockerfile.dev that a workflow builds and pushes is a released image', () => {
    const m = model({ 'Dockerfile.dev': 'FROM node:20\nCMD ["npm", "start"]\n', '.github/workflows/release.yml': workflow('docker build -f Dockerfile.dev -t ghcr.io/acme/app . && docker push ghcr.io/acme/app') });
    expect(m.roleOf('Dockerfile.dev')).toEqual({ role: 'runtime', reason: 'built and pushed as an image by .github/workflows/release.yml' });
  });

  it('near miss: a workflow that builds Dockerfile.dev for its tests without pushing leaves it dev', () => {
    const m = model({ 'Dockerfile.dev': 'FROM node:20\nCMD ["npm", "test"]\n', '.github/workflows/ci.yml': workflow('docker build -f Dockerfile.dev -t app-test . && docker run app-test') });
    expect(m.roleOf('Dockerfile.dev').role).toBe('dev');
  });
});

describe('Dockerfiles built only in non-production compose profiles', () => {
  const svc = (name: string, dockerfile: string, profiles: string[]) => ({ name, line: 1, column: 1, pointer: `/services/${name}`, environment: [], envFiles: [], ports: [], expose: [], volumes: [], profiles, build: { context: '.', dockerfile, line: 2, column: 5 } });
  const compose = (services: ReturnType<typeof svc>[]) => [{ path: 'deploy/compose.yml', facts: { kind: 'compose', services } as unknown as ComposeFacts }];
  const dockerfiles = new Set(['deploy/old/Dockerfile', 'deploy/Dockerfile']);

  it('a Dockerfile every building service of which is in deprecated/legacy/dev profiles is dev', () => {
    const roles = dockerfilesBuiltOnlyInNonProductionProfiles(compose([svc('old', 'old/Dockerfile', ['deprecated']), svc('old-dbg', 'old/Dockerfile', ['legacy', 'debug'])]), dockerfiles);
    expect(roles.get('deploy/old/Dockerfile')).toEqual({ role: 'dev', reason: 'built only by compose service old (deploy/compose.yml:2) in the profile deprecated' });
  });

  it('one service outside those profiles, or with no profile, keeps it deployed', () => {
    expect(dockerfilesBuiltOnlyInNonProductionProfiles(compose([svc('old', 'old/Dockerfile', ['deprecated']), svc('web', 'old/Dockerfile', ['app', 'deprecated'])]), dockerfiles).size).toBe(0);
    expect(dockerfilesBuiltOnlyInNonProductionProfiles(compose([svc('web', 'Dockerfile', []), svc('old', 'Dockerfile', ['deprecated'])]), dockerfiles).size).toBe(0);
    // `devops` and `oldest` are not the words.
    expect(isNonProductionProfile('devops')).toBe(false);
    expect(isNonProductionProfile('old-stack')).toBe(true);
  });
});

describe('compose files that are not deployed, by content', () => {
  const built = { build: { context: '.', line: 3, column: 5 } };
  it('a compose file named for building the images from source is build; one that only pulls is not', () => {
    const services = [built, { image: { value: 'postgres:16', line: 5, column: 12 } }];
    expect(decideRole('docker-compose.build.yml', compose(services)).role).toBe('build');
    expect(decideRole('docker-compose.yml', compose(services)).role).toBe('runtime');
    expect(decideRole('docker-compose.build.yml', compose([{ image: { value: 'ghcr.io/acme/web:1', line: 3, column: 12 } }])).role).toBe('runtime');
  });
  it('a compose file that only starts a tracing collector is local infrastructure', () => {
    expect(decideRole('libs/tracing/docker-compose.aws-xray.yml', compose([{ image: { value: 'amazon/aws-otel-collector:latest', line: 3, column: 12 } }])).role).toBe('dev');
  });
  it('a Gitpod workspace image is dev tooling', () => {
    expect(roleByPath('.gitpod.dockerfile').role).toBe('dev');
    expect(roleByPath('.gitpod.Dockerfile').role).toBe('dev');
    expect(roleByPath('gitpod/Dockerfile').role).toBe('runtime');
  });
});

describe('test and lint tooling named by convention', () => {
  it.each<[string, FileRole]>([
    ['packages/codemod/src/transforms/viewport/basic.input.ts', 'test'],
    ['packages/codemod/src/transforms/viewport/basic.output.tsx', 'test'],
    ['packages/cli/src/utilities/testing-utils.ts', 'test'],
    ['src/test-helpers.ts', 'test'],
    ['packages/eslint-plugin/src/react-components.ts', 'build'],
    ['packages/acme-eslint-config/index.js', 'build'],
    // Near misses: an input module and a "testing" feature of the product are runtime.
    ['src/forms/input.ts', 'runtime'],
    ['src/ab-testing/variants.ts', 'runtime'],
    ['packages/plugin-eslint-report/src/index.ts', 'runtime'],
  ])('%s is %s', (file, role) => {
    expect(roleByPath(file).role).toBe(role);
  });
});

describe('local tools and API docs servers by folder name', () => {
  it.each<[string, FileRole]>([
    ['packages/local-data-service-generator-controller/src/main.ts', 'dev'],
    ['packages/cli/medusa-dev-cli/src/local-npm-registry/index.js', 'dev'],
    ['packages/cli/medusa-dev-cli/package.json', 'dev'],
    ['packages/devices-api/src/main.ts', 'runtime'],
    ['packages/api-devtools-bridge/src/main.ts', 'runtime'],
    ['packages/api-documentation/src/index.ts', 'docs'],
    ['apps/developer-docs/server.ts', 'docs'],
    // Near misses: a locale folder, a "localization" service and a docs feature of the product.
    ['packages/locales/src/index.ts', 'runtime'],
    ['services/localization/src/main.ts', 'runtime'],
    ['apps/api/src/docs-export/server.ts', 'runtime'],
  ])('%s is %s', (file, role) => {
    expect(roleByPath(file).role).toBe(role);
  });
});

describe('deployment files in a folder named for tests', () => {
  it.each<[string, FileRole]>([
    ['docker-testing/docker-compose-mysql.yml', 'test'],
    ['e2e/compose.yaml', 'test'],
    ['deploy/load-tests/Dockerfile', 'test'],
    // Near misses: an integration's service, a word that only holds "test", and code in an
    // A/B-testing feature's folder (not a deployment file).
    ['services/slack-integration/Dockerfile', 'runtime'],
    ['services/contest-api/Dockerfile', 'runtime'],
    // Flow's library definitions are read by the type checker only; a module named for Flow is code.
    ['flow-typed/npm/ms_vx.x.x.js', 'build'],
    ['src/flow-typed-helpers.js', 'runtime'],
    ['apps/web/ui/ab-testing/variant.tsx', 'runtime'],
    ['deploy/contest/compose.yaml', 'runtime'],
    // At the root there is no folder: the file's own name is not read as one (`e2e.` is no word of `e2ex`).
    ['compose.e2ex', 'runtime'],
  ])('%s is %s', (file, role) => {
    expect(roleByPath(file).role).toBe(role);
  });
});

describe('package-manager variants of a template Dockerfile', () => {
  it.each<[string, FileRole]>([
    ['apps/remix/Dockerfile.pnpm', 'dev'],
    ['apps/remix/Dockerfile.bun', 'dev'],
    // Near misses: the plain Dockerfile and a service-named one are the release.
    ['apps/remix/Dockerfile', 'runtime'],
    ['apps/remix/Dockerfile.api', 'runtime'],
  ])('%s is %s', (file, role) => {
    expect(roleByPath(file).role).toBe(role);
  });
});

describe('source its build leaves out', () => {
  /** The audit of a tree written here: parse errors and roles need the whole project model. */
  async function parseErrorsOf(files: Record<string, string>): Promise<string[]> {
    const root = mkdtempSync(path.join(tmpdir(), 'tfa-left-out-'));
    try {
      for (const [p, text] of Object.entries(files)) {
        mkdirSync(path.dirname(path.join(root, p)), { recursive: true });
        writeFileSync(path.join(root, p), text);
      }
      const result = await audit({ root, rules: [] });
      return result.findings.filter((f) => f.ruleId === 'parse-error').map((f) => `${f.file} ${f.severity}`);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  }
  const tsconfig = JSON.stringify({ include: ['src/**/*.ts', 'data/**/*.ts'], exclude: ['node_modules', './data/excerpts/**'] });
  // An excerpt cut out of a route table: not valid on its own, and not meant to be.
  const excerpt = "  { path: '/orders', handler: listOrders ],\n";

  it('an excerpt the tsconfig excludes and nothing imports is kept as data: its syntax error is info', async () => {
    expect(await parseErrorsOf({ 'tsconfig.json': tsconfig, 'src/server.ts': 'export const port = 8080;\n', 'data/excerpts/routes_1.ts': excerpt })).toEqual(['data/excerpts/routes_1.ts info']);
  });

  it('near misses: an excluded file the app imports, and a broken file the build compiles, stay warnings', async () => {
    const found = await parseErrorsOf({
      'tsconfig.json': tsconfig,
      'src/server.ts': "import { routes } from '../data/excerpts/routes_2';\nexport const all = routes;\n",
      'data/excerpts/routes_2.ts': `export const routes = [\n${excerpt}`,
      'data/catalog/routes_3.ts': excerpt,
    });
    expect(found).toEqual(['data/catalog/routes_3.ts warning', 'data/excerpts/routes_2.ts warning']);
  });
});
