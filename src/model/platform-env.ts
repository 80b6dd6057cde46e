// Variables that something other than the repository's deployment config puts in the environment:
// the OS and container runtime, the hosting platform, Node and npm, CI and test runners. A read of one
// is not "undeclared" and a declaration of one is not "unused". One line per entry, each with the
// document that says who sets it. An entry names variables exactly or by a prefix that is the
// platform's own namespace (a generic prefix would hide the service's own variables).
//
// Judged and left out: `<SERVICE>_SERVICE_HOST`/`_PORT` for every Kubernetes Service (the kubelet sets
// them, but `AUTH_SERVICE_HOST` is just as often the service's own setting in compose); Netlify's
// `URL`, `CONTEXT`, `BRANCH` and Render's `IS_PULL_REQUEST` (names too generic to trust without the
// platform's own file); `NODE` (set by some package managers only).

export interface PlatformEnvEntry {
  /** Exact names. */
  names?: readonly string[];
  /** A prefix that is the platform's namespace. */
  prefix?: string;
  /** Who sets them. */
  by: string;
  /** Where that is documented. */
  source: string;
}

export const PLATFORM_ENV: readonly PlatformEnvEntry[] = [
  // Operating system, shell and container runtime
  { names: ['HOME', 'PATH', 'PWD', 'OLDPWD', 'USER', 'LOGNAME', 'SHELL', 'TMPDIR', 'LANG', 'LC_ALL', 'TERM'], by: 'POSIX environment', source: 'https://pubs.opengroup.org/onlinepubs/9699919799/basedefs/V1_chap08.html' },
  { names: ['HOSTNAME'], by: 'Docker and Kubernetes (the container or pod name)', source: 'https://kubernetes.io/docs/concepts/containers/container-environment/' },
  { names: ['TMP', 'TEMP', 'HOMEPATH', 'HOMEDRIVE', 'APPDATA', 'LOCALAPPDATA', 'USERPROFILE', 'SYSTEMROOT', 'COMSPEC'], by: 'Windows', source: 'https://learn.microsoft.com/en-us/windows/deployment/usmt/usmt-recognized-environment-variables' },
  { names: ['TERM_PROGRAM', 'COLORTERM', 'WT_SESSION'], by: 'terminal emulators (read by CLIs to pick output)', source: 'https://github.com/microsoft/terminal/issues/1040' },
  // Kubernetes
  { prefix: 'KUBERNETES_', by: 'Kubernetes (KUBERNETES_SERVICE_HOST/PORT of the API server)', source: 'https://kubernetes.io/docs/concepts/services-networking/service/#environment-variables' },
  // AWS
  { names: ['AWS_REGION', 'AWS_DEFAULT_REGION', 'AWS_EXECUTION_ENV', 'LAMBDA_TASK_ROOT', 'LAMBDA_RUNTIME_DIR', '_HANDLER', '_X_AMZN_TRACE_ID'], by: 'AWS Lambda runtime', source: 'https://docs.aws.amazon.com/lambda/latest/dg/configuration-envvars.html#configuration-envvars-runtime' },
  { prefix: 'AWS_LAMBDA_', by: 'AWS Lambda runtime', source: 'https://docs.aws.amazon.com/lambda/latest/dg/configuration-envvars.html#configuration-envvars-runtime' },
  { names: ['ECS_CONTAINER_METADATA_URI', 'ECS_CONTAINER_METADATA_URI_V4', 'ECS_AGENT_URI', 'AWS_CONTAINER_CREDENTIALS_RELATIVE_URI'], by: 'Amazon ECS agent', source: 'https://docs.aws.amazon.com/AmazonECS/latest/developerguide/ecs-environment-variables.html' },
  // Google Cloud Run / Knative
  { names: ['K_SERVICE', 'K_REVISION', 'K_CONFIGURATION', 'CLOUD_RUN_JOB', 'CLOUD_RUN_EXECUTION', 'CLOUD_RUN_TASK_INDEX', 'CLOUD_RUN_TASK_ATTEMPT', 'CLOUD_RUN_TASK_COUNT'], by: 'Cloud Run', source: 'https://cloud.google.com/run/docs/container-contract#env-vars' },
  // PORT: set by Heroku, Cloud Run, Render, Railway, App Engine; elsewhere the port-binding rules judge it.
  { names: ['PORT'], by: 'PaaS routers (Heroku, Cloud Run, Render, Railway)', source: 'https://devcenter.heroku.com/articles/dynos#local-environment-variables' },
  // PaaS
  { names: ['DYNO'], by: 'Heroku', source: 'https://devcenter.heroku.com/articles/dynos#local-environment-variables' },
  { prefix: 'HEROKU_', by: 'Heroku dyno metadata', source: 'https://devcenter.heroku.com/articles/dyno-metadata' },
  { names: ['VERCEL'], by: 'Vercel', source: 'https://vercel.com/docs/environment-variables/system-environment-variables' },
  { prefix: 'VERCEL_', by: 'Vercel', source: 'https://vercel.com/docs/environment-variables/system-environment-variables' },
  { prefix: 'NEXT_PUBLIC_VERCEL_', by: 'Vercel (framework-prefixed system variables)', source: 'https://vercel.com/docs/environment-variables/framework-environment-variables' },
  { names: ['NETLIFY'], by: 'Netlify', source: 'https://docs.netlify.com/configure-builds/environment-variables/#read-only-variables' },
  { prefix: 'NETLIFY_', by: 'Netlify', source: 'https://docs.netlify.com/configure-builds/environment-variables/' },
  { names: ['RENDER'], by: 'Render', source: 'https://render.com/docs/environment-variables#all-runtimes' },
  { prefix: 'RENDER_', by: 'Render', source: 'https://render.com/docs/environment-variables#all-runtimes' },
  { prefix: 'FLY_', by: 'Fly.io', source: 'https://fly.io/docs/machines/runtime-environment/' },
  { prefix: 'RAILWAY_', by: 'Railway', source: 'https://docs.railway.com/reference/variables#railway-provided-variables' },
  // Frameworks
  { names: ['NEXT_RUNTIME'], by: 'Next.js (`nodejs` or `edge` in instrumentation and middleware)', source: 'https://nextjs.org/docs/app/guides/instrumentation' },
  // NODE_ENV: set by `next build/start`, by the Heroku Node buildpack, and by the runners of most frameworks.
  { names: ['NODE_ENV'], by: 'frameworks and Node buildpacks', source: 'https://devcenter.heroku.com/articles/nodejs-support#runtime-behavior' },
  // Node's own options: set by the operator when wanted, read by Node itself.
  { names: ['NODE_OPTIONS', 'NODE_DEBUG', 'NODE_EXTRA_CA_CERTS', 'NODE_TLS_REJECT_UNAUTHORIZED', 'NODE_PATH', 'NODE_NO_WARNINGS', 'UV_THREADPOOL_SIZE', 'TZ', 'FORCE_COLOR', 'NO_COLOR'], by: 'Node.js runtime options', source: 'https://nodejs.org/api/cli.html#environment-variables' },
  { names: ['HTTP_PROXY', 'HTTPS_PROXY', 'NO_PROXY', 'http_proxy', 'https_proxy', 'no_proxy'], by: 'proxy convention of the host', source: 'https://about.gitlab.com/blog/we-need-to-talk-no-proxy/' },
  { names: ['DEBUG'], by: 'the debug package, switched on by the operator', source: 'https://github.com/debug-js/debug#usage' },
  { names: ['NODE_APP_INSTANCE', 'NODE_UNIQUE_ID', 'PM2_HOME', 'pm_id'], by: 'PM2 and the cluster module', source: 'https://pm2.keymetrics.io/docs/usage/environment/' },
  { names: ['GOOGLE_APPLICATION_CREDENTIALS'], by: 'Google Cloud workload credentials (set on the host)', source: 'https://cloud.google.com/docs/authentication/application-default-credentials' },
  { names: ['EDITOR', 'VISUAL'], by: 'the user\'s shell', source: 'https://pubs.opengroup.org/onlinepubs/9699919799/basedefs/V1_chap08.html' },
  // Package managers
  { names: ['INIT_CWD'], by: 'npm run', source: 'https://docs.npmjs.com/cli/v10/commands/npm-run-script' },
  { prefix: 'npm_', by: 'npm run (npm_package_*, npm_lifecycle_event, npm_config_*)', source: 'https://docs.npmjs.com/cli/v10/using-npm/scripts#environment' },
  { prefix: 'YARN_', by: 'Yarn', source: 'https://yarnpkg.com/configuration/yarnrc' },
  { prefix: 'PNPM_', by: 'pnpm', source: 'https://pnpm.io/npmrc' },
  { prefix: 'COREPACK_', by: 'Corepack', source: 'https://github.com/nodejs/corepack#environment-variables' },
  // CI
  { names: ['CI'], by: 'every CI service', source: 'https://docs.github.com/en/actions/reference/variables-reference#default-environment-variables' },
  { prefix: 'GITHUB_', by: 'GitHub Actions', source: 'https://docs.github.com/en/actions/reference/variables-reference#default-environment-variables' },
  { prefix: 'RUNNER_', by: 'GitHub Actions', source: 'https://docs.github.com/en/actions/reference/variables-reference#default-environment-variables' },
  { names: ['GITLAB_CI'], by: 'GitLab CI', source: 'https://docs.gitlab.com/ci/variables/predefined_variables/' },
  { prefix: 'GITLAB_', by: 'GitLab CI', source: 'https://docs.gitlab.com/ci/variables/predefined_variables/' },
  { prefix: 'CI_', by: 'GitLab CI', source: 'https://docs.gitlab.com/ci/variables/predefined_variables/' },
  // Test runners
  { names: ['JEST_WORKER_ID'], by: 'Jest', source: 'https://jestjs.io/docs/environment-variables' },
  { names: ['VITEST'], by: 'Vitest', source: 'https://vitest.dev/guide/migration.html#envs' },
  { prefix: 'VITEST_', by: 'Vitest', source: 'https://vitest.dev/config/#pool' },
  { prefix: 'XDG_', by: 'XDG base directories of the desktop session', source: 'https://specifications.freedesktop.org/basedir-spec/latest/' },
];

const EXACT = new Map<string, PlatformEnvEntry>();
for (const e of PLATFORM_ENV) for (const n of e.names ?? []) EXACT.set(n, e);
const PREFIXED = PLATFORM_ENV.filter((e) => e.prefix !== undefined);

/** The entry that says who sets `name`, if something other than the repository's config does. */
export function platformEnv(name: string): PlatformEnvEntry | undefined {
  return EXACT.get(name) ?? PREFIXED.find((e) => name.startsWith(e.prefix!) && name.length > e.prefix!.length);
}
