// Facts: what the per-file phase learns about a file, as plain JSON. The project phase builds its
// model from these alone (never from ASTs), which is what lets the per-file phase run in workers and
// be cached by content hash while cross-file findings are recomputed on every run.

export type FileKind =
  | 'ts'
  | 'dockerfile'
  | 'compose'
  | 'k8s'
  | 'helm-template'
  | 'package-json'
  | 'lockfile'
  | 'env'
  | 'procfile'
  | 'tsconfig'
  | 'shell'
  | 'dockerignore'
  | 'npmrc'
  | 'prisma'
  | 'docker-bake'
  | 'readme'
  | 'structured';

/** 1-based position. */
export interface Pos {
  line: number;
  column: number;
  endLine?: number;
  endColumn?: number;
}

export interface Scalar<T = string> extends Pos {
  value: T;
}

// ---------------------------------------------------------------- shell

/** One simple command of a shell line: `FOO=1 exec node x.js > out`. */
export interface ShellCommand {
  /** Words after assignments, quotes removed; `$VAR` kept as written. */
  argv: string[];
  assignments: { name: string; value: string }[];
  redirects: { op: string; target: string }[];
  /** Operator that joins this command to the previous one (null for the first). */
  joinedBy: '&&' | '||' | ';' | '|' | '&' | null;
  /** Followed by `&`: runs in the background. */
  background: boolean;
  /** Line offset inside the parsed text, 0-based (a RUN line with continuations spans several). */
  lineOffset: number;
  /** The arms of `case` statements the command is inside, outermost first; absent outside any. */
  caseArms?: CaseArm[];
}

/** One arm (`serve|web) ... ;;`) of a `case WORD in` statement. */
export interface CaseArm {
  /** Which case statement of the parsed text (numbered from 0 in order of appearance). */
  caseId: number;
  /** Which arm of it (from 0). */
  arm: number;
  /** The word matched, quotes removed (`$1`). */
  word: string;
  /** The arm's patterns, quotes removed (`serve`, `*`). */
  patterns: string[];
  /** The patterns of the arms before it: the shell runs the first arm that matches. */
  earlier: string[];
}

// ---------------------------------------------------------------- TS/JS

export interface ImportFact extends Pos {
  specifier: string;
  form: 'import' | 'export' | 'require' | 'dynamic-import';
  typeOnly: boolean;
  /** Inside a `try` block: an optional dependency the code copes without. */
  guarded?: boolean;
  /** A require() or import() inside a function: loaded only when that code runs (an optional feature's package). */
  lazy?: boolean;
  /** A require() or import() in a branch that runs only when NODE_ENV is not production (a dev-only tool). */
  outsideProduction?: boolean;
}

export interface EnvReadFact extends Pos {
  name: string;
  /**
   * `process.env.X ?? 'fallback'` / `|| 'fallback'`: the literal kind; the text is never stored whole. A
   * switch word (`'true'`, `'off'`) and an enum schema's member count as `other`: they pick a behaviour.
   */
  fallback?: {
    kind: 'string' | 'number' | 'other';
    length?: number;
    /** The literal names a host or URL (`'http://localhost:3000'`): a deploy without the variable silently talks to it. */
    endpoint?: true;
    /**
     * The literal does not look like a credential (`'not-used'`, `'ollama'`, `'dummyApiKey'`): a word
     * or a placeholder, as looksLikeSecretValue judges it. Absent when it might be one.
     */
    notCredential?: true;
  } & Pos;
  /**
   * How the code copes when the variable is unset; absent when the value is simply used.
   * `test`: only tested or compared (`if (process.env.X)`, `!process.env.X`, `process.env.X === 'true'`,
   * `process.env.X?.split(',')`): unset is a state the code handles.
   * `required`: the code refuses to start without it (`if (!process.env.X) throw` or `assert(...)` at
   * module level, a schema entry with no default that the library rejects when missing).
   * `asserted`: `process.env.X!`, the author's word that it is always set (checked by nothing at run time).
   * `optional`: a schema marks it optional without a default (`.optional()`, `@IsOptional()`, a Joi key
   * without `.required()`).
   * `assigned`: not a read but a write (`process.env.X = 'worker'`, `??=`): the code provides X itself.
   */
  use?: 'test' | 'required' | 'asserted' | 'optional' | 'assigned';
  /** Declared as an entry of an env validation schema rather than read as `process.env.X`: the library. */
  schema?: 'zod' | 't3-env' | 'envalid' | 'joi' | 'convict' | 'class-validator';
}

/** A variable that build or framework config hands to the code (next.config `env`, a `define` of `process.env.X`). */
export interface EnvProvidedFact extends Pos {
  name: string;
  /** What provides it: `next.config env`, `define`. */
  via: string;
}

export interface PortFact {
  /** The port number when the argument is (or falls back to) a literal. */
  literal?: number;
  /** The env var read on the way, if any (`process.env.PORT ?? 3000`). */
  env?: string;
  /** True when the argument is an expression this tool cannot see through (`config.port`). */
  opaque?: boolean;
}

export interface ServerStartFact extends Pos {
  /**
   * `http`: a listening server (listen, a WebSocket server on its own port); `rpc`: a gRPC server;
   * `consumer`: a queue consumer; `subscriber`: a pub/sub subscription (Redis, NATS, MQTT);
   * `supervisor`: the module starts child Node processes at load and stays up with them.
   * The libraries are in src/knowledge/servers.ts and queue-consumers.ts.
   */
  kind: 'http' | 'consumer' | 'rpc' | 'subscriber' | 'supervisor';
  /** What started it: `listen`, `consume(queue, onMessage)`, `kafkajs run`, `bullmq Worker`, `gRPC bindAsync`... */
  api: string;
  /** Not inside any function: runs when the module is loaded. */
  topLevel: boolean;
  port?: PortFact;
  /**
   * `http.createServer((req, res) => { res.writeHead(503, ...) ... }).listen(...)`: a "please wait"
   * or maintenance page that answers every request with 503. It holds no work to finish, and the
   * script that starts it stops it (wekan's recovery bridge).
   */
  unavailablePage?: true;
}

export interface SignalHandlerFact extends Pos {
  signal: string;
  /**
   * What the handler does, when its body is in this file: `closes` (calls close/stop/shutdown/
   * disconnect/... on something), `exits` (process.exit, process.kill), `delegates` (calls a function
   * of its own, or is one passed by name), `logs-only` (only console/logger calls), `nothing` (an empty
   * body). A handler that only logs or does nothing replaces Node's default exit on that signal: the
   * process keeps running until it is killed. Absent when unknown.
   */
  does?: 'closes' | 'exits' | 'delegates' | 'logs-only' | 'nothing';
}

/** `process.on('uncaughtException' | 'unhandledRejection', handler)` (src/model/fatal-handler-facts.ts). */
export interface FatalHandlerFact extends Pos {
  event: string;
  /** The handler logs or does nothing and returns: the process goes on after a fatal error. False when it ends the process or cannot be seen into. */
  keepsRunning: boolean;
  /** The call's first line, at most 80 characters, for the finding's evidence. */
  text: string;
}

export interface ChildProcessFact extends Pos {
  /** The child_process function the call acts as (`exec`, `spawn`, `fork`; `execa` for execa). */
  fn: string;
  /** The module it comes from when not child_process (`promisify-child-process`, `execa`, `cross-spawn`: src/knowledge/system-tools.ts). */
  module?: string;
  /** First word of the command when it is a literal. */
  command?: string;
  detached?: boolean;
}

export interface TsFacts {
  kind: 'ts';
  imports: ImportFact[];
  envReads: EnvReadFact[];
  serverStarts: ServerStartFact[];
  /** `process.on('SIGTERM', ...)` and friends, by signal name. */
  signalHandlers: SignalHandlerFact[];
  /** Fatal-error handlers (uncaughtException, unhandledRejection); absent when the file has none. */
  fatalHandlers?: FatalHandlerFact[];
  /**
   * The file registers a handler for a signal its caller names (`process.once(signal, ...)` in a
   * shutdown helper), and names no SIGTERM itself; absent otherwise.
   */
  signalsByVariable?: true;
  /** The file passes 'SIGTERM' to a function of its own (`cleanupOnSignals('SIGINT', 'SIGTERM')`); absent otherwise. */
  passesSigterm?: true;
  /** Imports or calls of known graceful-shutdown helpers (terminus, http-terminator, enableShutdownHooks...). */
  shutdownHelpers: Array<Pos & { name: string }>;
  /** The module calls something at top level (`main()`, `bootstrap().catch(...)`). */
  hasTopLevelCall: boolean;
  childProcesses: ChildProcessFact[];
  /** Schema changes run from code (Sequelize sync, TypeORM synchronize, knex migrate.latest...): see admin-facts.ts. */
  migrationCalls: MigrationCallFact[];
  /** console.log/info/warn/error/debug calls: how many, and where the first ones with interpolated strings are. */
  consoleLogs: ConsoleLogFact;
  /** `fork(path.join(__dirname, '../scripts/migrate.js'))`: scripts this file runs as child Node processes, relative to its folder. */
  forkedScripts: Array<Pos & { path: string }>;
  /**
   * `process.env` used as a whole (`cleanEnv(process.env, ...)`, `process.env[name]`, `{ ...process.env }`):
   * the names this file reads cannot all be listed.
   */
  envOpaque?: boolean;
  /** Variables this file's build or framework config provides to the code: see EnvProvidedFact. */
  envProvided?: EnvProvidedFact[];
  /**
   * Shutdown deadlines written in code, in milliseconds: a forced-exit timer (`setTimeout(() =>
   * process.exit(1), 30_000)`) or a graceful-shutdown helper's timeout option (terminus `timeout`,
   * http-terminator `gracefulTerminationTimeout`, lightship `shutdownHandlerTimeout`, close-with-grace `delay`).
   */
  shutdownTimeouts?: Array<Pos & { ms: number; api: string }>;
  /** In a bundler config (vite.config.ts, webpack.config.js...): the `alias` keys, import prefixes that name source folders. */
  bundlerAliases?: string[];
  /**
   * The module exports an app object or a fastify plugin (`module.exports = app` where `app = express()`,
   * `export default async function (fastify, opts)`) that a framework CLI or launcher starts; it
   * calls no listen() itself. Whether something starts it is the run chain's to say.
   */
  exportedApps?: Array<Pos & { framework: string }>;
  /** In a pm2 ecosystem file or nps package-scripts.js: the exported object, read statically (src/parsing/pm2.ts). */
  configObject?: StaticValue;
  /** In a gulpfile: its tasks and the processes each starts, read statically (src/parsing/gulpfile.ts). */
  gulpTasks?: GulpTask[];
  /** In a build script calling esbuild's API: the files it writes and their entry points (src/parsing/esbuild-script.ts). */
  bundleOutputs?: BundleOutput[];
}

/** One `esbuild.build({ entryPoints, outfile | outdir })` call: paths as written, relative to where the script runs. */
export interface BundleOutput {
  entries: string[];
  outfile?: string;
  outdir?: string;
  line: number;
}

/** A process a gulp task starts: words (`nodemon src/server.js`, `node dist/main.js`) or a shell line. */
export interface GulpRun extends Pos {
  argv?: string[];
  text?: string;
}

export interface GulpTask extends Pos {
  name: string;
  runs: GulpRun[];
}

/** A value written literally in source (object, array, string/number/boolean); anything computed is `unknown`. */
export type StaticValue =
  | { kind: 'object'; entries: Array<{ key: string; value: StaticValue }>; line: number; column: number }
  | { kind: 'array'; items: StaticValue[]; line: number; column: number }
  | { kind: 'literal'; value: string | number | boolean; line: number; column: number }
  | { kind: 'unknown'; line: number; column: number };

export interface MigrationCallFact extends Pos {
  /** Human name of what runs: `knex migrate.latest()`, `TypeORM synchronize: true`. */
  api: string;
  /** An env var (or flag variable) that gates it: `if (process.env.RUN_MIGRATIONS)`, `migrationsRun: env.X === 'true'`. */
  flag?: string;
  /** An explicit lock seen in the same file (advisory lock, redlock). */
  lock?: string;
}

export interface ConsoleLogFact {
  count: number;
  /** console.log(JSON.stringify(...)): structured lines written by hand. */
  json: number;
  /** The first (at most 3) calls whose message is an interpolated string (template or concatenation). */
  interpolated: Pos[];
}

// ---------------------------------------------------------------- Dockerfile

export interface ImageRef extends Pos {
  /** As written, e.g. `node:${NODE_VERSION}-alpine`. */
  raw: string;
  /** With ARG/ENV/`${VAR:-default}` substituted; null when a variable has no known value. */
  resolved: string | null;
  /** Parsed from `resolved`. */
  name?: string;
  tag?: string;
  digest?: string;
}

export interface DockerInstruction extends Pos {
  keyword: string;
  /** Argument text with line continuations joined by a space. */
  text: string;
  /** Set for the JSON (exec) form of RUN/CMD/ENTRYPOINT/SHELL, and of COPY/ADD (their paths). */
  execForm?: string[];
  /** `--mount=...`, `--from=...`, `--chown=...`. */
  flags: string[];
  /** Shell commands of RUN (and shell-form CMD/ENTRYPOINT), parsed once for every rule. */
  commands?: ShellCommand[];
}

export interface DockerStage extends Pos {
  index: number;
  name?: string;
  image: ImageRef;
  /** `FROM builder` where builder is an earlier stage: not an image to pull. */
  fromStage?: string;
  isFinal: boolean;
  instructions: DockerInstruction[];
  /** ENV and ARG in the stage, in order (values as written). */
  env: Array<Scalar & { name: string; instruction: 'ENV' | 'ARG'; hasValue: boolean }>;
}

export interface DockerfileFacts {
  kind: 'dockerfile';
  /** ARGs before the first FROM. */
  globalArgs: Array<Scalar & { name: string; hasValue: boolean }>;
  stages: DockerStage[];
  /** The comment block at the top of the file, which may say what the image is for (file-role.ts). */
  leadingComment?: string;
}

/** A `target` block of a Docker bake file: fields whose value is not a plain string are left out. */
export interface DockerBakeTarget extends Pos {
  name: string;
  context?: string;
  /** Relative to the context, as bake reads it. */
  dockerfile?: string;
  /** The Dockerfile stage it builds. */
  target?: string;
  args: Record<string, string>;
  tags: string[];
  inherits: string[];
}

/** docker-bake.hcl: its targets (docker-bake.json is structured data, read the same way by the model). */
export interface DockerBakeFacts {
  kind: 'docker-bake';
  targets: DockerBakeTarget[];
}

// ---------------------------------------------------------------- JSON / YAML

/** One JSON or YAML document, with the position of every node by JSON pointer (`/spec/replicas`). */
export interface StructuredDoc {
  value: unknown;
  /** JSON pointer -> [line, column] of the node (for a pair: of its key). Empty when `positionsOnDemand` is set. */
  positions: Record<string, [number, number]>;
  line: number;
  /**
   * Set on a large document once the per-file phase is done (generated OpenAPI or typedoc JSON has
   * hundreds of thousands of pointers): its positions are not kept in memory or in the cache, but
   * parsed again from the file when a cross-file rule asks for one (src/engine/positions-on-demand.ts).
   * `digest` is the SHA-256 of the text they came from, so that the facts change whenever the file
   * does and a file changed since is never read for positions; `index` is the document's.
   */
  positionsOnDemand?: { digest: string; index: number };
}

export interface StructuredFileFacts {
  kind: 'structured';
  format: 'json' | 'yaml';
  docs: StructuredDoc[];
}

export interface CommandFact extends Pos {
  /** `command: ["node", "x.js"]` is exec; `command: node x.js` is shell-like (compose splits it). */
  form: 'exec' | 'shell';
  argv: string[];
  text: string;
}

export interface ComposeService extends Pos {
  name: string;
  image?: Scalar;
  /** `args`: build arguments written plainly (`${VAR}` values are left out). */
  build?: { context: string; dockerfile?: string; target?: string; args?: Array<{ name: string; value: string }> } & Pos;
  environment: Array<Pos & { name: string; value: string | null }>;
  envFiles: Scalar[];
  ports: Array<Pos & { raw: string; published?: string; target?: number }>;
  expose: Array<Scalar>;
  command?: CommandFact;
  entrypoint?: CommandFact;
  volumes: Array<Pos & { raw: string; source?: string; target?: string; type?: string }>;
  profiles: string[];
  init?: boolean;
  /** JSON pointer of the service inside the document. */
  pointer: string;
}

export interface ComposeFacts {
  kind: 'compose';
  docs: StructuredDoc[];
  services: ComposeService[];
  /** The comment block at the top of the file, which often says what the file is for (file-role.ts). */
  leadingComment?: string;
}

export interface K8sEnvVar extends Pos {
  name: string;
  value?: string;
  valueFrom?: { kind: string; name?: string; key?: string };
}

export interface K8sContainer extends Pos {
  name: string;
  init: boolean;
  image?: Scalar;
  command?: Scalar<string[]>;
  args?: Scalar<string[]>;
  env: K8sEnvVar[];
  envFrom: Array<Pos & { kind: 'configMap' | 'secret'; name: string }>;
  ports: Array<Pos & { containerPort: number; name?: string }>;
  livenessProbe?: Pos;
  readinessProbe?: Pos;
  startupProbe?: Pos;
  volumeMounts: Array<Pos & { name: string; mountPath: string }>;
  pointer: string;
}

export interface K8sObject extends Pos {
  apiVersion: string;
  kind: string;
  name: string;
  namespace?: string;
  docIndex: number;
  /** Pod template (or Pod spec) when the object runs containers. */
  pod?: Pos & {
    pointer: string;
    containers: K8sContainer[];
    terminationGracePeriodSeconds?: Scalar<number>;
  };
}

export interface K8sFacts {
  kind: 'k8s';
  docs: StructuredDoc[];
  objects: K8sObject[];
}

// ---------------------------------------------------------------- package.json, tsconfig, env, Procfile

export interface PackageJsonFacts {
  kind: 'package-json';
  doc: StructuredDoc;
  name?: string;
  main?: Scalar;
  bin: Array<Scalar & { name: string }>;
  scripts: Array<Scalar & { name: string }>;
  dependencies: Array<Scalar & { name: string; section: 'dependencies' | 'devDependencies' | 'optionalDependencies' | 'peerDependencies' }>;
  /** Position of the first non-empty dependency section's key. */
  dependenciesKey?: Pos;
  workspaces: string[];
  /** `packageManager` as written (`pnpm@9.1.0`, `yarn@4.5.0`). */
  packageManager?: string;
}

export interface LockfileFacts {
  kind: 'lockfile';
  lockType: 'npm' | 'yarn' | 'pnpm' | 'bun';
  /**
   * Direct dependencies the lockfile records, by importer folder relative to the lockfile's folder
   * ('.' for the root package). Absent when the format has no importers (yarn.lock, npm v1) or the
   * file was not read (too large, binary bun.lockb).
   */
  importers?: Record<string, string[]>;
  /** Every package name with an entry (yarn.lock, npm v1 lockfiles): a weaker, name-only record. */
  lockedNames?: string[];
}

export interface TsconfigFacts {
  kind: 'tsconfig';
  outDir?: string;
  rootDir?: string;
  /** `extends` as written, as a list (TypeScript 5 accepts one or several). */
  extends?: string[];
  baseUrl?: string;
  /** `compilerOptions.paths` patterns as written (`@/*`, `~lib`). */
  paths?: string[];
  /** `compilerOptions.paths` with their targets as written (`{"@/*": ["src/*"]}`), for the import graph. */
  pathTargets?: Record<string, string[]>;
  /** `exclude` as written (the files its build leaves out), at most 100 patterns. */
  exclude?: string[];
}

/** .dockerignore (or `<Dockerfile>.dockerignore`): patterns in order, `!` kept. */
export interface DockerignoreFacts {
  kind: 'dockerignore';
  patterns: string[];
}

/**
 * .npmrc, for how the package manager lays out node_modules (pnpm reads its settings there). Only
 * the layout keys are kept: the file also holds registry tokens, which never enter the facts.
 */
export interface NpmrcFacts {
  kind: 'npmrc';
  /** `shamefully-hoist`, `public-hoist-pattern`, `node-linker`...: every value, in order (`key[]=` repeats). */
  settings: Record<string, string[]>;
}

/**
 * The repository's README at the scanned root: only its title and lead, where a repository says what
 * it is ("Prisma Examples", "A curated list of Docker Compose samples.": a collection of examples to
 * copy, not a product that is deployed).
 */
export interface ReadmeFacts {
  kind: 'readme';
  /** The first level-one heading (`# Title`, `Title` over `===`, or an HTML `<h1>`), plain text. */
  title?: string;
  /** The first paragraph of prose under the title (badges and logos passed over), plain text, at most 300 characters. */
  lead?: string;
}

export interface EnvFileFacts {
  kind: 'env';
  /** `.env.example`, `.env.sample`, `.env.template`, `.env.dist`: documentation, not config. */
  isTemplate: boolean;
  entries: Array<Pos & { name: string; value: string; valueColumn: number }>;
  /** Templates only: commented-out assignments (`# SMTP_HOST=`), the usual way to document an optional variable. */
  commented?: Array<Pos & { name: string }>;
}

export interface ProcfileFacts {
  kind: 'procfile';
  processes: Array<Pos & { name: string; command: string; commandColumn: number; commands: ShellCommand[] }>;
}

export interface ShellScriptFacts {
  kind: 'shell';
  commands: ShellCommand[];
}

/** schema.prisma: the datasource blocks (where the database is). */
export interface PrismaSchemaFacts {
  kind: 'prisma';
  datasources: Array<
    Pos & {
      name: string;
      /** `provider = "postgresql"`, `url = env("DATABASE_URL")`...; value for a string literal, env for env("X"). */
      settings: Array<Pos & { key: string; raw: string; value?: string; env?: string }>;
    }
  >;
}

export interface HelmTemplateFacts {
  kind: 'helm-template';
}

export type FileFacts =
  | TsFacts
  | DockerfileFacts
  | ComposeFacts
  | K8sFacts
  | HelmTemplateFacts
  | PackageJsonFacts
  | LockfileFacts
  | TsconfigFacts
  | EnvFileFacts
  | ProcfileFacts
  | ShellScriptFacts
  | DockerignoreFacts
  | NpmrcFacts
  | PrismaSchemaFacts
  | DockerBakeFacts
  | ReadmeFacts
  | StructuredFileFacts;
