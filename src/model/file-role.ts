// What a file is for. Every finding is a claim about code that runs in production, so before a rule's
// finding reaches the user the engine asks what the file it points at is for: shipped and run
// (runtime), a tool's build configuration, a test, dev tooling, CI, docs and examples, or generated
// output. This module is the one place that answers, for every rule and for the `model` command.
//
// The answer comes from, strongest first:
// 1. the configuration (`environments` in .twelve-factor.yml), which always wins;
// 2. the file's content, where its name says too little: a compose file that builds Dockerfile.dev,
//    runs nodemon or only starts local backing services is a dev set-up, whatever it is called;
// 3. path conventions (tests, stories, seeds, scripts, .github, docs, examples, generated folders);
// and, in the project model, the run chain: a dev-looking file that a deployed unit runs is runtime.
// The environment of a file (dev, test, prod: what dev/prod-parity compares) is derived from the
// same decision, so the two can never disagree.

import { isTestPath } from '../discovery/classify.js';
import { matchAnyConfigGlob } from '../util/glob/index.js';
import path from 'node:path/posix';
import type { ComposeFacts, FileFacts } from '../parsing/facts.js';
import { effectiveArgv, isShellProgram, parseShellLine } from '../parsing/shell.js';

export const FILE_ROLES = ['runtime', 'build', 'test', 'dev', 'ci', 'docs', 'generated'] as const;
export type FileRole = (typeof FILE_ROLES)[number];

export interface RoleDecision {
  role: FileRole;
  /** One line for the `model` command and for `--debug`: why the file has this role. */
  reason: string;
}

export type FileEnvironment = 'dev' | 'test' | 'prod' | 'unknown';

/** Config `environments` (development/test/production) with globs relative to the scanned root. */
export interface EnvironmentOverrides {
  dev?: string[];
  test?: string[];
  prod?: string[];
}

const ROLE_OF_CONFIGURED: Record<keyof EnvironmentOverrides, FileRole> = { test: 'test', dev: 'dev', prod: 'runtime' };

/** Test files the shared test-path patterns do not name: `x.e2e-ee.ts`, `x.spec-helper.ts`, mocks, stubs (`mock.ts` too). */
const TEST_LIKE = /(^|\/)[^/]*[.\s_-](test|tests|spec|e2e|mocks?|fakes?|stubs?)([.\s_-][^/]*)?\.[cm]?[jt]sx?$|(^|\/)[^/]*\.[a-z]*(test|spec)\.[cm]?[jt]sx?$|(^|\/)(mocks?|fakes?|stubs?|fixtures)([.\s_-][^/]*)?\.[cm]?[jt]sx?$/i;
const TEST_DIR = /(^|\/)(mocks?|stubs?|fakes?|test-?helpers?|testing|__snapshots__|__testfixtures__|jest|vitest|tests?-[\w-]+|[\w-]+-tests?)\//i;
const TEST_TOOL_FILE = /(^|\/)(jest|vitest|karma|playwright|cypress|ava|mocha|wdio)\.[^/]*\.[cm]?[jt]s$|(^|\/)\.mocharc\.[^/]*$|(^|\/)(setup-?tests?|test-?setup|global-?setup|global-?teardown)\.[cm]?[jt]sx?$|(^|\/)(test|testing)[-_]?(utils?|helpers?|help)\.[cm]?[jt]sx?$/i;
/**
 * A test's helper or data named in camelCase after the code it tests: `ppkTestUtils.ts`,
 * `aclTestHelpers.ts`, `rsaTestVectors.ts` (key pairs next to their plaintext and ciphertext). Case
 * matters: `latestUtils.ts` is no test helper.
 */
const TEST_SUPPORT_CAMEL = /(^|\/)[\w-]*[a-z0-9](Test|Testing|Spec)(Utils?|Helpers?|Data|Fixtures?|Vectors?|Setup|Support)\.[cm]?[jt]sx?$/;
/**
 * LLM evaluation suites (evalite, vitest-evals): `*.eval.ts`, and an `evals/` folder beside a package's
 * source rather than inside it. Inside `src/`, `app/` or `pages/` an evals folder is product code (an
 * app's evaluation feature: langfuse's `web/src/features/evals/`).
 */
const EVAL_SUITE = /\.eval\.[cm]?[jt]sx?$|^(?!(?:[^/]*\/)*(?:src|app|pages)\/)(?:[^/]*\/)*evals\//;
/** Codemod test fixtures: `transforms/x/basic.input.ts` beside `basic.output.ts` (jscodeshift convention). */
const CODEMOD_FIXTURE = /(^|\/)[^/]+\.(input|output)\.[cm]?[jt]sx?$/i;

const CI_DIR = /(^|\/)(\.github|\.gitlab|\.circleci|\.buildkite|\.azure-pipelines|\.azuredevops|\.ci|ci|\.woodpecker|\.tekton)\//i;
const CI_FILE = /(^|\/)(\.gitlab-ci|\.travis|\.drone|bitbucket-pipelines|azure-pipelines|appveyor|\.woodpecker|codecov|\.codecov|cloudbuild|renovate|\.renovaterc|dependabot)([.-][\w.-]*)?\.(ya?ml|json)$|(^|\/)Jenkinsfile[^/]*$/i;

/** An example to copy (`values.example.yaml`, `config.sample.json`, ente's `config/example.yaml`) or an API collection for docs. */
const EXAMPLE_FILE = /(^|\/)[^/]*[.-](example|sample)\.(ya?ml|json|[cm]?[jt]s)$|(^|\/)(example|sample)\.(ya?ml|json|toml)$|\.postman_collection\.json$/i;
const DOCS_DIR =
  /(^|\/)(docs?|documentation|examples?|samples?|demos?|tutorials?|guides?|website|www|storybook-static|cookbook|recipes|starters?|boilerplates?|(api|developer|dev)[-_](docs?|documentation|reference))\/|(^|\/)([\w.-]+[-_.](examples?|samples?)|(examples?|samples?)[-_.][\w.-]+)\/|^templates\/|\.template\.[cm]?[jt]sx?$/i;

const GENERATED = /(^|\/)(__generated__|generated|\.generated|gen)\/|\.(generated|gen)\.[cm]?[jt]sx?$|\.min\.[cm]?js$|(^|\/)[^/]*\.bundle\.[cm]?js$/i;
/** Browser assets served as they are (a vendored SDK in public/): never server code. */
const STATIC_ASSET = /(^|\/)(public|static|assets)\/[^/]*(\/[^/]+)*\.[cm]?js$/i;

/**
 * Dev tooling: dev containers and developer workstations (a coding agent's .cursor/, cloud IDEs' and
 * Cloud Workstations' images too) and editor settings, stories, seeds, scripts and tools folders, local
 * playgrounds. `scripts/` is dev tooling by default; a script that a deployed unit runs is runtime
 * (the project model upgrades it).
 */
const DEV_DIR = /(^|\/)(local[-_][\w-]+|[a-z0-9]+(-[a-z0-9]+)*-dev(-[a-z0-9]+)*|\.devcontainer|workstations?|\.cursor|\.gitpod|\.codesandbox|\.storybook|stories|\.vscode|\.husky|\.idea|seeds?|seeders?|seeding|scripts?|tools|tooling|benchmarks?|bench|playgrounds?|sandbox|[_.]?(dev|development|local)|hack|dev-server|dev-app|dev-env|devenv|preview|overlays\/(dev|development|local))\//i;
/** A source file named for development: `server-dev.ts`, `dev-server.js`, `app.development.ts`. */
const DEV_SOURCE = /(^|[._-])(dev|development)([._-][^/]*)?\.[cm]?[jt]sx?$/i;
/** The same in camelCase: `devServerMain.ts`, `devServer.js` (case-sensitive, so `device.ts` is not). */
const DEV_SOURCE_CAMEL = /^dev[A-Z][A-Za-z0-9]*\.[cm]?[jt]sx?$/;
const DEV_FILE = /\.(stories|story)\.[cm]?[jt]sx?$|(^|\/)bin\/(dev|development)$|(^|\/)(seed|seeds|seeder)\.[cm]?[jt]s$|(^|\/)prisma\/(seed|populate)[\w.-]*\.[cm]?[jt]s$|(^|\/)\.gitpod(\.[\w-]+)?$|(^|\/)\.gitpod\//i;
/** A name word that marks a dev set-up: compose.dev.yml, Dockerfile.dev, docker-compose.override.yml, .env.local, apitable's docker-compose.devenv.yaml, homepage's Dockerfile-tilt (the image Tilt's local dev loop builds). */
const DEV_WORD = /(^|[./_-])(dev|devenv|develop|development|local|override|debug|devcontainer|playground|tilt)([./_-]|$)/i;
const TEST_WORD = /(^|[./_-])(test|tests|testing|e2e|ci|integration)([./_-]|$)/i;
/**
 * A folder a deployment file sits in, named for tests (`docker-testing/`, `e2e/`, `load-tests/`): the
 * stacks there start databases for a test suite. Fewer words than TEST_WORD: a folder named for an
 * integration (`slack-integration/`) or for CI tooling holds a product's service as often as not.
 */
const TEST_FOLDER_WORD = /(^|[._-])(test|tests|testing|e2e)([._-]|$)/i;
const PROD_WORD = /(^|[./_-])(prod|production|staging|stage|release|live)([./_-]|$)/i;

/**
 * The set-up a file name's words say, dev before test (`compose.dev.yml`, `startup.relational.dev.sh`,
 * `entrypoint.test.sh`); undefined when they say neither.
 */
export function setUpNamedBy(name: string): 'dev' | 'test' | undefined {
  return DEV_WORD.test(name) ? 'dev' : TEST_WORD.test(name) ? 'test' : undefined;
}
const PROD_DIR = /(^|\/)(prod|production|staging|overlays\/(prod|production|staging))\//i;

/** A lint plugin or shared lint config package (`packages/eslint-plugin/`, `eslint-config-acme/`): it runs in the linter. */
const LINT_PACKAGE_DIR = /(^|\/)(eslint-(plugin|config)[\w-]*|[\w-]+-eslint-(plugin|config)|stylelint-(plugin|config)[\w-]*)\//i;

/**
 * Flow's library definitions (`flow-typed/npm/ms_vx.x.x.js`, written by `flow-typed install`):
 * `declare module` stubs the type checker reads, never run, and not JavaScript TypeScript can parse.
 */
const FLOW_TYPED_DIR = /(^|\/)flow-typed\//;

/** Build and lint tools' own configuration files: they run on a developer's machine or in CI. */
const TOOL_CONFIG =
  /(^|\/)(next|nuxt|vite|vitest|webpack|rollup|babel|postcss|tailwind|eslint|prettier|tsup|esbuild|svelte|astro|remix|gatsby|commitlint|lint-staged|stylelint|turbo|metro|craco|vue|quasar|docusaurus|rspack|rsbuild|unbuild|tsdown|knip|release|semantic-release|changeset|typedoc|vuepress|vitepress|electron-builder|angular|nest-cli|plopfile|drizzle|prisma|codegen|orval|graphql|apollo|panda|unocss|histoire|storybook|kysely|lingui|i18next|tsconfig|trigger|oxlint|oxfmt|biome|rslib|rspress|farm|wxt|syncpack|cspell|react-router|contentlayer|content-collections|velite|size-limit)(\.[\w-]+)?\.config\.[cm]?[jt]s$|(^|\/)\.[\w-]*rc\.[cm]?[jt]s$|(^|\/)(eslintrc|prettierrc|babelrc|stylelintrc|mocharc|lintstagedrc|commitlintrc)\.[cm]?[jt]s$|(^|\/)(gulpfile|gruntfile|jakefile|plopfile)(\.[\w-]+)?\.[cm]?[jt]s$|(^|\/)(webpack|rollup|vite|babel|tsup)\.[^/]*\.[cm]?[jt]s$/i;

/**
 * Decisions by path, shared by every caller of a run: rules ask the role of the same paths again and
 * again (one question per import), and a decision is a dozen regular expressions. It depends on the
 * path alone, so it is the same for every run; the map is emptied when it grows past a bound.
 */
const ROLE_BY_PATH = new Map<string, RoleDecision>();
const ROLE_BY_PATH_MAX = 100_000;

/** A build or lint tool's own configuration file (`vite.config.ts`, `lint-staged.config.js`, `.eslintrc.cjs`). */
export function isToolConfigPath(path: string): boolean {
  return TOOL_CONFIG.test(path);
}

/** The role a path alone gives. Callers share the returned object: do not mutate it. */
export function roleByPath(path: string): RoleDecision {
  let decision = ROLE_BY_PATH.get(path);
  if (decision === undefined) {
    if (ROLE_BY_PATH.size >= ROLE_BY_PATH_MAX) ROLE_BY_PATH.clear();
    decision = decideRoleByPath(path);
    ROLE_BY_PATH.set(path, decision);
  }
  return decision;
}

function decideRoleByPath(path: string): RoleDecision {
  const base = path.slice(path.lastIndexOf('/') + 1);
  if (isTestPath(path) || TEST_LIKE.test(path) || TEST_DIR.test(path) || TEST_TOOL_FILE.test(path) || TEST_SUPPORT_CAMEL.test(path) || CODEMOD_FIXTURE.test(path) || EVAL_SUITE.test(path)) return { role: 'test', reason: 'a test, mock, fixture or evaluation suite (by path)' };
  if (CI_DIR.test(path) || CI_FILE.test(path)) return { role: 'ci', reason: 'CI configuration (by path)' };
  if (DOCS_DIR.test(path) || EXAMPLE_FILE.test(path)) return { role: 'docs', reason: 'docs or examples (by path)' };
  if (COMPOSE_FILE.test(base) && TEMPLATES_DIR.test(path)) return { role: 'docs', reason: 'a compose template for users to copy (under templates/)' };
  if (GENERATED.test(path)) return { role: 'generated', reason: 'generated or bundled output (by path)' };
  if (STATIC_ASSET.test(path)) return { role: 'generated', reason: 'a static browser asset served as it is (by path)' };
  if (DEV_DIR.test(path) || DEV_FILE.test(path) || DEV_SOURCE.test(base) || DEV_SOURCE_CAMEL.test(base)) return { role: 'dev', reason: 'dev tooling: scripts, seeds, stories, dev containers (by path)' };
  if (isDeployFileName(base) && DEV_WORD.test(base)) return { role: 'dev', reason: `a dev set-up (the name ${base})` };
  // Framework templates ship one Dockerfile per package manager; the project builds one of them, and
  // a workflow that pushes this one makes it runtime again (ProjectModel.roleOf).
  if (PACKAGE_MANAGER_VARIANT.test(base)) return { role: 'dev', reason: `an alternative Dockerfile for another package manager (the name ${base}), as framework templates ship them` };
  if (isDeployFileName(base) && TEST_WORD.test(base)) return { role: 'test', reason: `a test set-up (the name ${base})` };
  // The folder the file is in (none at the root: the slice would otherwise cut the file's own name).
  const slash = path.lastIndexOf('/');
  const folder = slash < 0 ? '' : path.slice(path.lastIndexOf('/', slash - 1) + 1, slash);
  if (isDeployFileName(base) && TEST_FOLDER_WORD.test(folder)) return { role: 'test', reason: `a test set-up (its folder ${folder})` };
  if (TOOL_CONFIG.test(path) || LINT_PACKAGE_DIR.test(path)) return { role: 'build', reason: 'a build or lint tool configuration (by path)' };
  if (FLOW_TYPED_DIR.test(path)) return { role: 'build', reason: 'Flow library definitions (flow-typed/), read by the type checker only' };
  return { role: 'runtime', reason: 'shipped and run (no convention says otherwise)' };
}

/**
 * A compose file under a `templates/` folder is a stack offered to users (a starter project's, an app
 * store's), not this repository's deployment. Helm's `templates/` hold Kubernetes manifests, which
 * this does not touch.
 */
const COMPOSE_FILE = /^(docker-)?compose([.-][\w.-]+)?\.ya?ml$/i;
const TEMPLATES_DIR = /(^|\/)templates?\//i;

/** `Dockerfile.pnpm`, `Dockerfile.bun`: one template's variant per package manager. */
const PACKAGE_MANAGER_VARIANT = /^(dockerfile|containerfile)\.(pnpm|bun|yarn|npm)$/i;

/** Names whose words (dev, test, prod) say which environment they set up. */
function isDeployFileName(base: string): boolean {
  return /(^|[./_-])(docker-?compose|compose|dockerfile|containerfile|procfile|values|kustomization|\.env|env)([./_-]|$)|^\.env|\.env$|\.ya?ml$/i.test(base);
}

/**
 * A dev server or watcher in a command line. The tool names count only as a word of their own that no
 * workspace flag names: `pnpm --filter supervisor start` and `node apps/supervisor/dist/main.js` run a
 * package called supervisor, not node-supervisor.
 */
const DEV_SERVER = /(?<![\w/@.-])(?<!(?:--filter|--scope|--workspace|-F|-w)[= ][^\s]{0,200})(nodemon|ts-node-dev|node-dev|supervisor|browser-sync|webpack-dev-server|webpack serve)\b|\s--watch\b|\bwatch\s|\b(tsx|bun|deno)\s+(watch|--watch)\b|\b(npm|pnpm|yarn|bun)\s+(run\s+)?(dev|develop|watch|start:dev|dev:[\w-]+|serve:dev)\b|\b(next|nuxt|vite|astro|remix|gatsby)\s+dev(elop)?\b|\bnest\s+start\s+(--watch|-w)\b/i;
const DEV_TARGET = /^(dev|develop|development|local|debug|test|testing)([_-][\w-]*)?$/i;
/** A package manager running a dev script in another folder or package: `pnpm -C ./playground/frontend dev`, `npm --prefix web run dev`. */
const PM_DEV_ELSEWHERE = /\b(npm|pnpm|yarn|bun)\s+((-C|--dir|--prefix|--cwd|--filter|-F|--workspace|-w)(=|\s+)\S+\s+)+(run\s+)?(dev|develop|watch|start:dev|dev:[\w-]+|serve:dev)\b/i;

/** A command line that runs a dev server or watcher (nodemon, `next dev`, `npm run dev`, `pnpm -C web dev`). */
export function runsDevServer(line: string): boolean {
  return DEV_SERVER.test(` ${line} `) || PM_DEV_ELSEWHERE.test(line);
}
/**
 * The variable a Node service reads its run mode from. A compose file that starts a service with
 * `NODE_ENV: development` runs it the way a developer does (dittofeed's root stack, which its
 * contributing docs call the development compose file), not as it is deployed. Only a literal value
 * counts: `${NODE_ENV:-development}` leaves the choice to whoever starts it.
 */
const RUN_MODE_VARIABLE = /^NODE_ENV$/;
const DEV_RUN_MODE = /^(development|dev|local)$/i;
const TEST_RUN_MODE = /^(test|testing)$/i;

/**
 * The run mode a package.json script sets for what it starts: `cross-env NODE_ENV=development
 * concurrently ...`, `NODE_ENV=test node server.js`. Such a start script is a developer's or a test
 * run's (cypress-realworld-app's `start`), not how the package is deployed. Undefined when it sets
 * none, or production.
 */
export function scriptRunMode(script: string): 'dev' | 'test' | undefined {
  for (const cmd of parseShellLine(script)) {
    const words = [...cmd.assignments.map((a) => `${a.name}=${a.value}`), ...cmd.argv];
    // cross-env and env put the assignments among their words (effectiveArgv looks through them).
    const program = (cmd.argv[0] ?? '').split('/').pop();
    const scanned = program === 'cross-env' || program === 'cross-env-shell' || program === 'env' ? words : words.slice(0, cmd.assignments.length);
    for (const word of scanned) {
      const eq = word.indexOf('=');
      if (eq < 0 || !RUN_MODE_VARIABLE.test(word.slice(0, eq))) continue;
      const value = word.slice(eq + 1).replace(/^['"]|['"]$/g, '');
      if (DEV_RUN_MODE.test(value)) return 'dev';
      if (TEST_RUN_MODE.test(value)) return 'test';
    }
  }
  return undefined;
}
/** A header comment that says what the file is for. */
const DEV_HEADER =
  /\b(local (development|dev|setup|environment|testing|stack)|for (local )?(development|dev|testing|tests|demo(nstration)?s?)|development (only|environment|setup|purposes|stack)|dev(elopment)? (stack|compose|setup|environment)|demo(nstration)?s?( purposes| only| setup| stack| environment)?|testing (only|purposes|environment|stack)|e2e|end-to-end|integration tests?|learning purposes)\b/i;
/** "please do not use this configuration for production", "not meant for production use". */
const NOT_FOR_PRODUCTION = /\b(do not|don't|never|not)\b[^.\n]{0,40}?\b(in|for|to) production\b/i;
/** "For development and debugging only.", "local testing only": said as plainly as the line above. */
const DEV_ONLY = /\b(development|dev|debugging|testing|local use)( (and|&|or) (development|debugging|testing))? (use |purposes )?only\b/i;
const PROD_HEADER = /\b(production|self-?host(ed|ing)?|deploy(ment)?)\b/i;
/**
 * Images of backing services and developer tools: a compose file that starts only these (and
 * builds nothing of the project's own) is the local infrastructure a developer runs beside the code.
 */
const BACKING_IMAGE =
  /^(?:[\w.-]+\/)*(postgres|postgis|mysql|mariadb|mongo|mongodb|redis|redis-stack(-server)?|valkey|keydb|rabbitmq|memcached|elasticsearch|opensearch|kibana|minio|mc|localstack|mailhog|mailpit|maildev|smtp4dev|pgadmin4?|adminer|phpmyadmin|mongo-express|redis-commander|redisinsight|kafka|cp-kafka|zookeeper|cp-zookeeper|kafka-ui|clickhouse-server|clickhouse|cassandra|neo4j|nats|jaeger|all-in-one|zipkin|prometheus|grafana|loki|(aws-)?otel-collector(-contrib)?|opentelemetry-collector(-contrib)?|aws-xray-daemon|spotlight|azurite|dynamodb-local|fake-gcs-server|pubsub-emulator|firebase-tools|wiremock|mockserver|toxiproxy|temporal|temporalio|meilisearch|typesense|qdrant|chroma|weaviate|milvus|supabase|keycloak|dex|openldap|test-openldap|mosquitto|vault|consul|etcd|mkcert|traefik|nginx|caddy|haproxy|envoy|stripe-cli|ngrok|verdaccio|selenium|standalone-chrome|browserless|chrome)(?::|@|$)/i;

/**
 * Images of developer GUIs, mail catchers and debuggers: a database browser or a mail catcher beside
 * a deployed app is for whoever inspects it, and whether it is kept in production is not in the file.
 */
/** A JavaScript runtime's own image (node, bun, deno), not an image of the project. */
const STOCK_RUNTIME_IMAGE = /^(?:(?:docker\.io\/)?(?:library\/)?node|(?:docker\.io\/)?oven\/bun|(?:docker\.io\/)?denoland\/deno)(?::|@|$)/i;
/** Folder names that hold an application's code. */
const CODE_DIRS = new Set(['src', 'app', 'apps', 'lib', 'server', 'api', 'dist', 'build', 'packages', 'services', 'backend', 'frontend', 'client', 'source', 'code', 'routes', 'controllers', 'public_html', 'www']);
const CODE_FILE = /\.(js|mjs|cjs|ts|mts|cts|jsx|tsx)$/;

/**
 * Whether a bind-mount source (compose `volumes`, relative to the compose file) is the project's code
 * or a part of it: its folder or one above (`.`, `./`, `..`, `$PWD`), or a code folder or file of it
 * (`./src`, `./server.js`). Read by build-release-run/source-bind-mount and by composeRole.
 */
export function isProjectCodeMount(source: string): boolean {
  // Trailing slashes trimmed by a loop: `/\/+$/` is quadratic on a long run of slashes.
  let s = source.trim().replace(/^\$\{?PWD\}?/, '.');
  while (s.endsWith('/')) s = s.slice(0, -1);
  if (s === '' || s === '.' || s === '..' || /^(\.\.\/)+\.\.$/.test(s)) return true;
  if (!s.startsWith('.')) return false;
  const base = path.basename(s);
  return CODE_DIRS.has(base.toLowerCase()) || CODE_FILE.test(base);
}

const DEV_TOOL_IMAGE =
  /^(?:[\w.-]+\/)*(pgadmin4?|adminer|phpmyadmin|mongo-express|redis-commander|redisinsight|kafka-ui|kafdrop|mailhog|mailpit|maildev|smtp4dev|spotlight|ngrok|stripe-cli|dozzle|ch-ui|tabix|dbgate|cloudbeaver|pgweb)(?::|@|$)/i;

/**
 * Local emulators of a cloud provider's service (AWS KMS and the rest in LocalStack, DynamoDB, SQS,
 * Azure Storage, Cloud Storage, Pub/Sub): a stand-in for development and tests, where production
 * talks to the provider.
 */
const EMULATOR_IMAGE = /^(?:[\w.-]+\/)*(local-kms|localstack|dynamodb-local|elasticmq(-native)?|azurite|fake-gcs-server|pubsub-emulator|cosmosdb-emulator|firebase-emulators?)(?::|@|$)/i;

/**
 * Databases whose images are named by more than their last word (`mcr.microsoft.com/mssql/server`,
 * Oracle's `container-registry.oracle.com/database/free`), and more database engines by name: the
 * test databases of an ORM's compose file (mikro-orm runs eight).
 */
const DATABASE_IMAGE = /^(?:[\w.-]+\/)*(?:(?:mssql\/server|azure-sql-edge|database\/(?:free|express|enterprise)|oracle-(?:free|xe)|pgvector|cockroach|timescaledb(?:-ha)?|yugabyte|scylla|couchdb|couchbase|arangodb|influxdb|questdb|surrealdb|dragonfly))(?::|@|$)/i;

/** A well-known backing service's or developer tool's image (`clickhouse/clickhouse-server`, `redis/redis-stack-server`): not the project's own build. */
export function isBackingServiceImage(image: string): boolean {
  const name = image.trim();
  return BACKING_IMAGE.test(name) || DATABASE_IMAGE.test(name) || isDevToolImage(name);
}

/** A developer GUI, mail catcher or debugger, or a local emulator of a cloud service: no release runs it. */
export function isDevToolImage(image: string): boolean {
  const name = image.trim();
  return DEV_TOOL_IMAGE.test(name) || EMULATOR_IMAGE.test(name);
}

/**
 * A compose service named for a test run: `test_unit`, `test-acceptance`, `e2e`, `api_tests`. Not
 * `ci` or `integration` (TEST_WORD's file-name words): services named `integrations` or `ci-runner`
 * are deployed.
 */
const TEST_SERVICE = /(^|[._-])(test|tests|testing|e2e|spec|specs)([._-]|$)/i;

/**
 * Images of a browser driven by end-to-end tests (Selenium's standalone and node images, Playwright's
 * and Cypress's runner images): a compose file that starts one beside the app is where the tests
 * drive the app (send's root compose file runs a Selenium Firefox against the app built from
 * source), not a deployment. A headless browser that a deployed app uses (browserless for PDFs or
 * scraping) is not one of them.
 */
const BROWSER_TEST_IMAGE = /^(?:[\w.-]+\/)*(?:[\w.-]*selenium[\w.-]*|standalone-(?:chrome|chromium|firefox|edge)[\w.-]*)(?::|@|$)|^(?:[\w.-]+\/)*(?:cypress\/(?:included|browsers|base)|playwright(?:\/[\w.-]+)?)(?::|@|$)/i;

/** `docker-compose.build.yml`: a compose file named for building the project's images. */
const BUILD_WORD = /(^|[./_-])build([./_-]|$)/i;

/** The role a file's content gives where its name says too little (compose files). */
export function roleByContent(path: string, facts: FileFacts): RoleDecision | undefined {
  if (facts.kind === 'compose') return composeRole(path, facts, namesProduction(path));
  // A Dockerfile is not judged by what it runs: a plain Dockerfile that starts a dev server is the
  // release image doing so (build-release-run/dev-server-in-release), not a dev set-up. What its
  // author says it is for, plainly, counts (flood's "For development and debugging only. Use
  // Dockerfile.release for production."); a workflow that pushes it still makes it released.
  if (facts.kind === 'dockerfile' && !namesProduction(path)) {
    const header = facts.leadingComment ?? '';
    if (NOT_FOR_PRODUCTION.test(header) || DEV_ONLY.test(header)) return { role: 'dev', reason: 'its header comment says it is for development only' };
  }
  return undefined;
}

/** values-prod.yaml, docker-compose.production.yml, overlays/staging/: the name says it is deployed. */
export function namesProduction(path: string): boolean {
  return PROD_WORD.test(path.slice(path.lastIndexOf('/') + 1)) || PROD_DIR.test(path);
}

/**
 * The simple commands a compose `command`/`entrypoint` runs, each as one line of its words: a
 * shell's `-c` script is split into its commands (a few levels of nested shells), and a word that
 * holds a space is left out. Such a word is a quoted message or data (`echo "Renewing email
 * watches..."`, a curl header), never a program or a flag, so a dev-server word inside it says nothing.
 */
function commandLines(argv: string[], depth = 0): string[] {
  const eff = effectiveArgv(argv).argv;
  if (eff[0] !== undefined && isShellProgram(eff[0]) && eff[1] === '-c' && eff[2] !== undefined && depth < 4) {
    return parseShellLine(eff[2]).flatMap((c) => commandLines(c.argv, depth + 1));
  }
  return [argv.filter((word) => !/\s/.test(word)).join(' ')];
}

/** What a compose file runs says whether it is a dev set-up; the weaker signals yield to a production name. */
function composeRole(file: string, facts: ComposeFacts, productionByName: boolean): RoleDecision | undefined {
  const preview = productionByName ? undefined : previewEnvironment(file, facts);
  if (preview) return { role: 'ci', reason: `a pull-request preview environment (${preview}): each pull request gets a throwaway copy` };
  const ownWords = productionByName ? undefined : devSetUpByOwnWords(facts);
  if (ownWords) return { role: 'dev', reason: ownWords };
  const header = productionByName ? '' : (facts.leadingComment ?? '');
  const saysNotForProduction = NOT_FOR_PRODUCTION.test(header) || DEV_ONLY.test(header);
  if (saysNotForProduction || (DEV_HEADER.test(header) && !PROD_HEADER.test(header))) return { role: 'dev', reason: 'its header comment says it is for local use, tests or a demo' };
  for (const svc of facts.services) {
    const dockerfile = svc.build?.dockerfile;
    if (dockerfile && DEV_WORD.test(dockerfile.slice(dockerfile.lastIndexOf('/') + 1))) return { role: 'dev', reason: `service ${svc.name} builds ${dockerfile}` };
    if (svc.build?.target && DEV_TARGET.test(svc.build.target)) return { role: 'dev', reason: `service ${svc.name} builds the ${svc.build.target} stage` };
    for (const cmd of [svc.command, svc.entrypoint]) {
      if (cmd && commandLines(cmd.argv).some((line) => DEV_SERVER.test(` ${line} `))) return { role: 'dev', reason: `service ${svc.name} runs a dev server or watcher (${truncate(cmd.argv.join(' '))})` };
    }
    const mode = svc.environment.find((e) => RUN_MODE_VARIABLE.test(e.name) && e.value !== null && DEV_RUN_MODE.test(e.value.trim()));
    if (mode) return { role: 'dev', reason: `service ${svc.name} sets ${mode.name}=${mode.value} (line ${mode.line})` };
    // Its variables come from a developer's or a test's file (`local-env/env-docker-compose`,
    // `.env.development`, `.env.test`): the stack runs as that set-up does (laudspeaker's root
    // compose, which its local-env README calls the local and Cypress environment).
    const setUp = productionByName ? undefined : envFileSetUp(file, svc.envFiles);
    if (setUp) return { role: setUp.role, reason: `service ${svc.name} loads its variables from ${setUp.path}, ${setUp.role === 'test' ? "a test's" : "a developer's"} file (line ${setUp.line})` };
  }
  // A stock runtime image running the project's tree mounted from the host (`image: node:16`,
  // `volumes: ['./:/app']`, `command: yarn start`): what runs is whatever the checkout holds, a
  // contributor's environment (nocobase's root compose), not a release of it.
  const fromHost = productionByName ? undefined : facts.services.find((s) => !s.build && s.image && STOCK_RUNTIME_IMAGE.test(s.image.value.trim()) && s.volumes.some((v) => v.source !== undefined && isProjectCodeMount(v.source)));
  if (fromHost) return { role: 'dev', reason: `service ${fromHost.name} runs the project's tree mounted from the host on the stock image ${truncate(fromHost.image!.value)}` };
  const browser = productionByName ? undefined : facts.services.find((s) => !s.build && s.image && BROWSER_TEST_IMAGE.test(s.image.value.trim()));
  if (browser) return { role: 'test', reason: `service ${browser.name} runs a browser for end-to-end tests (${truncate(browser.image!.value)})` };
  // Every service that builds the project's code is a test run (`test_unit`, `test_acceptance`,
  // `e2e`): the file is the test set-up, and the images beside them (a test identity provider, the
  // databases) are what those tests run against.
  const built = facts.services.filter((s) => s.build);
  if (!productionByName && built.length > 0 && built.every((s) => TEST_SERVICE.test(s.name))) {
    return { role: 'test', reason: `every service it builds runs tests (${truncate(built.map((s) => s.name).join(', '))})` };
  }
  const base = file.slice(file.lastIndexOf('/') + 1);
  if (!productionByName && BUILD_WORD.test(base) && facts.services.some((s) => s.build)) {
    // Its sibling without the word pulls the released images; this one builds them from source.
    return { role: 'build', reason: `a compose file named for building the project's images from source (${base})` };
  }
  if (!productionByName && facts.services.length > 0 && facts.services.every((s) => !s.build && s.image && isBackingServiceImage(s.image.value))) {
    return { role: 'dev', reason: 'it only starts backing services and dev tools (local infrastructure), nothing of the project\'s own' };
  }
  return undefined;
}

/** The first env_file of a service that its path calls a dev or test set-up (roleByPath), relative to the repository. */
function envFileSetUp(composeFile: string, envFiles: ComposeFacts['services'][number]['envFiles']): { path: string; role: 'dev' | 'test'; line: number } | undefined {
  for (const envFile of envFiles) {
    if (envFile.value.includes('$')) continue;
    const target = path.normalize(path.join(path.dirname(composeFile), envFile.value));
    if (target.startsWith('../')) continue;
    const { role } = roleByPath(target);
    if (role === 'dev' || role === 'test') return { path: target, role, line: envFile.line };
  }
  return undefined;
}

/**
 * What a compose file says of itself: its project `name:` (`matrix-hookshot-dev`), or a service's
 * `develop:` block (Compose Watch, which syncs and rebuilds from the working tree as files change: a
 * development feature, never a deployment's).
 */
function devSetUpByOwnWords(facts: ComposeFacts): string | undefined {
  const top = facts.docs[0]?.value;
  if (typeof top !== 'object' || top === null || Array.isArray(top)) return undefined;
  const doc = top as Record<string, unknown>;
  if (typeof doc.name === 'string' && DEV_WORD.test(doc.name)) return `its project name is ${doc.name}`;
  const services = doc.services;
  if (typeof services !== 'object' || services === null || Array.isArray(services)) return undefined;
  for (const [name, svc] of Object.entries(services as Record<string, unknown>)) {
    if (typeof svc === 'object' && svc !== null && 'develop' in svc) return `service ${name} has a develop block (Compose Watch rebuilds it as files change)`;
  }
  return undefined;
}

/** `docker-compose.uffizzi.yml`, `compose.preview.yaml`: a name for a preview environment. */
const PREVIEW_WORD = /(^|[./_-])(preview|previews|uffizzi)([./_-]|$)/i;

/**
 * Why a compose file is the set-up of pull-request preview environments, or undefined: its name, or
 * an extension block of a preview service (Uffizzi's `x-uffizzi`, or any `x-*` block with
 * `continuous_previews`). Such a stack is started for a review and thrown away; it is not the release.
 */
function previewEnvironment(file: string, facts: ComposeFacts): string | undefined {
  const base = file.slice(file.lastIndexOf('/') + 1);
  if (PREVIEW_WORD.test(base)) return `the name ${base}`;
  const top = facts.docs[0]?.value;
  if (typeof top !== 'object' || top === null || Array.isArray(top)) return undefined;
  for (const [key, value] of Object.entries(top as Record<string, unknown>)) {
    if (!key.startsWith('x-')) continue;
    if (key === 'x-uffizzi' || (typeof value === 'object' && value !== null && 'continuous_previews' in value)) return `its ${key} block`;
  }
  return undefined;
}

function truncate(s: string): string {
  return s.length > 60 ? `${s.slice(0, 57)}...` : s;
}

/** A compose profile that marks its services as not deployed: `deprecated`, `legacy`, `dev`, `debug`, `test`. */
const NON_PRODUCTION_PROFILE = /(^|[._-])(deprecated|legacy|old|obsolete|dev|develop|development|debug|test|tests|testing|e2e|local)([._-]|$)/i;

export function isNonProductionProfile(profile: string): boolean {
  return NON_PRODUCTION_PROFILE.test(profile);
}

/**
 * Dockerfiles that compose files build only for services whose every profile is a non-production one
 * (`profiles: ["deprecated"]`): an image nobody deploys. A Dockerfile that any service outside such
 * profiles builds, or that no compose file builds at all, is not in the result.
 */
export function dockerfilesBuiltOnlyInNonProductionProfiles(composeFiles: ReadonlyArray<{ path: string; facts: ComposeFacts }>, dockerfiles: ReadonlySet<string>): Map<string, RoleDecision> {
  const onlyNonProduction = new Map<string, RoleDecision | null>();
  for (const compose of composeFiles) {
    const dir = path.dirname(compose.path);
    for (const svc of compose.facts.services) {
      if (!svc.build) continue;
      const dockerfile = path.normalize(path.join(dir, svc.build.context, svc.build.dockerfile ?? 'Dockerfile'));
      if (!dockerfiles.has(dockerfile)) continue;
      const profile = svc.profiles.length > 0 && svc.profiles.every(isNonProductionProfile) ? svc.profiles.join(', ') : undefined;
      if (profile === undefined) onlyNonProduction.set(dockerfile, null);
      else if (!onlyNonProduction.has(dockerfile)) {
        onlyNonProduction.set(dockerfile, { role: 'dev', reason: `built only by compose service ${svc.name} (${compose.path}:${svc.build.line}) in the profile ${profile}` });
      }
    }
  }
  const out = new Map<string, RoleDecision>();
  for (const [dockerfile, decision] of onlyNonProduction) if (decision) out.set(dockerfile, decision);
  return out;
}

/** The configured role of a path, if the config's `environments` name it. */
export function configuredRole(path: string, overrides: EnvironmentOverrides | undefined): RoleDecision | undefined {
  if (!overrides) return undefined;
  for (const env of ['test', 'dev', 'prod'] as const) {
    if (matchAnyConfigGlob(overrides[env] ?? [], path)) return { role: ROLE_OF_CONFIGURED[env], reason: `configured: environments.${env === 'dev' ? 'development' : env === 'prod' ? 'production' : 'test'}` };
  }
  return undefined;
}

/** Configuration, then content, then path. The project model adds the run chain on top (ProjectModel.roleOf). */
export function decideRole(path: string, facts: FileFacts | undefined, overrides?: EnvironmentOverrides): RoleDecision {
  return configuredRole(path, overrides) ?? (facts ? roleByContent(path, facts) : undefined) ?? roleByPath(path);
}

/**
 * The environment a file sets up, for rules that compare dev with prod. The configuration decides
 * first; then the role (a test or dev file is that environment whatever its name); then name words
 * (values-prod.yaml, overlays/staging).
 */
export function environmentOf(path: string, role: FileRole, overrides?: EnvironmentOverrides): FileEnvironment {
  if (overrides) {
    for (const env of ['test', 'dev', 'prod'] as const) if (matchAnyConfigGlob(overrides[env] ?? [], path)) return env;
  }
  if (role === 'test') return 'test';
  if (role === 'dev' || role === 'ci' || role === 'docs') return 'dev';
  return namesProduction(path) ? 'prod' : 'unknown';
}

/** Dev and test set-ups are not what runs in production. */
export function isNonProduction(env: FileEnvironment): boolean {
  return env === 'dev' || env === 'test';
}
