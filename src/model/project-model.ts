// The project model: what the cross-file rules read. It is built from the facts of every file (never
// from ASTs or raw text) so that it can be rebuilt from cached facts on every run, which keeps
// cross-file findings fresh when any file changes.

import path from 'node:path/posix';
import type {
  ComposeFacts,
  DockerfileFacts,
  FileFacts,
  FileKind,
  K8sFacts,
  PackageJsonFacts,
  Pos,
  ShellCommand,
  TsconfigFacts,
  TsFacts,
} from '../parsing/facts.js';
import { effectiveArgv, parseShellLine } from '../parsing/shell.js';
import { scalarLeaves } from '../parsing/structured.js';
import { isTsconfigExcluded, matchAnyConfigGlob } from '../util/glob/index.js';
import { computeDeployedEntrypoints, isLibraryPackage, type DeployedEntrypoint } from './deployed-entrypoints.js';
import { appliedOnlyBySkaffoldDev, composeStartedByDeployScripts, composeStartedByDevScripts } from './templates.js';
import { dockerBuilds } from './docker-builds.js';
import { decideRole, dockerfilesBuiltOnlyInNonProductionProfiles, environmentOf, namesProduction, roleByPath, type EnvironmentOverrides, type FileEnvironment, type RoleDecision } from './file-role.js';
import { collectRunCommands, resolveRunCommand, type RunCommand, type RunLeaf } from './run-commands.js';
import { isPublishedPackage, packageNameOf, workspaceRoots } from './packages.js';
import { splitImage } from '../parsing/dockerfile.js';
import { buildServiceModel, type ServiceModel } from './services.js';
import { ANY_FILE, DependencyRecord, DependencyRecorder, recordingFacts, ROLES_DEPENDENCY } from './dependencies.js';

/**
 * A root package named as a collection of samples: `nodejs-docs-samples`, `azure-examples`, or the
 * word first before a language (`samples-typescript` of Temporal); not `samples-api`, a service.
 */
const SAMPLES_NAME = /(^|[-_/])(samples|examples|snippets)$|^(@[\w.-]+\/)?(samples|examples|snippets)[-_](typescript|javascript|ts|js|node|nodejs|deno|bun)$/i;
/** "Node.js samples found on https://cloud.google.com", "Code examples for ...". */
const SAMPLES_DESCRIPTION = /^\s*([\w.]+\s+)?(code\s+)?(samples|examples|snippets)\b/i;
/** What a Dockerfile's production variant adds to its name (`Dockerfile.server.production`). */
const PRODUCTION_VARIANT_SUFFIXES = ['.production', '.prod', '-production', '-prod', '.release'];
/** A README title that names a collection: "Prisma Examples", "Google Cloud Platform Node.js Samples", "Examples", a slug "moleculer-examples", "Dapr Quickstarts and Tutorials". */
const SAMPLES_TITLE = /(^|[\s_-])(code\s+)?(samples|examples|snippets|quickstarts|tutorials)$/i;
/**
 * A README lead that opens by saying the repository is a collection: "A curated list of Docker Compose
 * samples.", "A collection of examples for ...", "Official examples for Moleculer". Only its opening words: a product's README that
 * mentions its examples further on ("... by providing a set of examples") says what it is first.
 */
const SAMPLES_LEAD = /^(an?\s+|the\s+)?((curated|small|growing)\s+)?(list|collection|set)\s+of\s+([\w.+#/-]+\s+){0,4}?(samples|examples|snippets)\b|^(the\s+)?(official\s+)?(code\s+)?(samples|examples)\s+(for|of)\s/i;
/**
 * A README lead that says the repository is one example application of an API or a library: "This is
 * an example application showing how to use the OpenAI Realtime API". Not "demo": a demo is often what
 * a project deploys for visitors.
 */
const EXAMPLE_APP_LEAD = /^this\s+(repo(sitory)?\s+)?(is|contains)\s+an?\s+((simple|small|minimal|basic)\s+)?(example|sample)\s+(app|application|project|server|implementation)\s+(showing|that\s+shows|demonstrating|that\s+demonstrates|to\s+(show|demonstrate))\b/i;
/**
 * A README lead that says the repository is teaching material: "This repository is for use in my
 * Udemy Course ...", "Companion code for the book ...". Its lessons' Dockerfiles and compose files
 * show one point each, often a mistake to fix: examples, not a deployment. Only a course, workshop,
 * book, tutorial or bootcamp of the author's ("my", "our"), or one the code is said to accompany:
 * "for use in our schools: the course platform's API" is a product.
 */
const TEACHING_LEAD = /^this\s+(repo|repository)\s+(is\s+)?(for\s+use\s+in|for\s+students\s+of|accompanies|goes\s+with|is\s+used\s+in)\s+(my|our)\s+([\w.'\u2019+#/-]+\s+){0,4}?(course|workshop|book|tutorial|bootcamp)\b|^(the\s+)?(companion|course|workshop|exercise)\s+(code|files|materials?|repo|repository)\s+(for|of)\s+(my|our|the|a|an)\s+([\w.'\u2019+#/-]+\s+){0,4}?(course|workshop|book|tutorial|bootcamp)\b/i;
/**
 * A package's description that calls it an example: "... endpoint example", "A sample consumer for
 * ...". Not "demo": a demo application is deployed as one ("Payment Microservice demo" is a service
 * of a demo shop that runs).
 */
const EXAMPLE_PACKAGE_DESCRIPTION = /^\s*(an?\s+)?((simple|minimal|basic|small)\s+)?(example|sample)\b|\b(example|sample)s?\s*[.!]?\s*$/i;
/**
 * A package the repository keeps to test something else, by its own package.json: named for it
 * (`auth-server-test`, `e2e-tests`, `api-mocks`) or described so ("Authorization Server used to test
 * the OpenID integration"). Its server is a test's, started by hand or by the tests.
 */
const TEST_PACKAGE_NAME = /(^|[-_/])(test|tests|testing|e2e|mock|mocks|fixture|fixtures)$/i;
const TEST_PACKAGE_DESCRIPTION = /\b(used|meant|made|written)\s+(to|for)\s+test(ing)?\b|^\s*(an?\s+)?(mock|fake|stub|test)\s+(server|service|api|backend|provider)\b/i;
/** A package.json's `description`, or '' when it has none. */
function descriptionOf(facts: PackageJsonFacts): string {
  const value = facts.doc.value;
  return typeof value === 'object' && value !== null && typeof (value as { description?: unknown }).description === 'string' ? (value as { description: string }).description : '';
}

/** A read of the `name` of every package.json (a key without a file: any file's change meets it). */
const WORKSPACE_NAMES_DEPENDENCY = 'package-json#name';
/** A read of the esbuild outputs of every build script (a key without a file: any file's change of them meets it). */
const BUNDLE_OUTPUTS_DEPENDENCY = 'ts#bundleOutputs';

export interface ModelFile<F extends FileFacts = FileFacts> {
  path: string;
  kind: FileKind;
  facts: F;
  /** The file's role is test (ProjectModel sets it from the role, whatever the caller passed). */
  isTest: boolean;
}

/** A file whose facts are read on first use (from the cache): `factsKind` is the `kind` of those facts. */
export interface LazyModelFile {
  path: string;
  kind: FileKind;
  factsKind: FileFacts['kind'];
  load: () => FileFacts;
}

export interface ProjectModelOptions {
  /** Records what each derived value and each caller read (dependencies.ts); nothing is recorded without it. */
  dependencies?: DependencyRecorder;
  /** Each file's index in the run's list of files, which records of reads name files by (dependencies.ts FileReads). */
  fileIndex?: ReadonlyMap<string, number>;
}

/** What the model keeps of a file beside its ModelFile (the facts are loaded on first use when `load` is set). */
interface FileState {
  factsKind: FileFacts['kind'];
  load: (() => FileFacts) | undefined;
  /** The facts as given or loaded. */
  raw: FileFacts | undefined;
  /** The facts as the rules see them (recording reads, when a recorder is set), made on first use: most files' facts are never read. */
  facts: FileFacts | undefined;
  file: ModelFile;
}

/** A derived value with what it read (when reads are recorded). */
interface Derived<T> {
  value: T;
  deps?: DependencyRecord;
}

export interface RepoFacts {
  /** The scanned root is inside a git work tree. */
  isGitRepo: boolean;
  /** Another version control system's folder (`.hg`, `.svn`) at or above the root, when not git. */
  otherVcs?: string;
  /** Tag names (refs/tags and packed-refs) when the repository could be read. */
  tags?: string[];
  /** A shallow clone (`.git/shallow`): tags may exist upstream without having been fetched. */
  shallow?: boolean;
  /**
   * Paths in the git index, POSIX and relative to the scanned root (only those under it); absent
   * when the index could not be read.
   */
  trackedFiles?: string[];
}

/**
 * What the config file says about the project (docs/configuration.md), with globs relative to the
 * scanned root: the environment of files (config `environments`: development, test, production) and
 * the entrypoints (replace inference when set).
 */
export interface ProjectSettings {
  environments?: EnvironmentOverrides;
  entrypoints?: string[];
}

/** Why a file is an entrypoint, with the place that says so. */
export interface Entrypoint {
  file: string;
  reason: string;
  /** The line that names the entrypoint (package.json main, Dockerfile CMD...), when there is one. */
  declaredAt?: Pos & { file: string };
}

const UI_FRAMEWORKS = new Set(['react-dom', 'vue', 'svelte', '@angular/core', 'solid-js', 'preact', '@tauri-apps/api', 'electron']);
const SERVER_FRAMEWORKS = new Set(['express', 'fastify', 'koa', '@nestjs/core', '@hapi/hapi', 'hono', 'next', 'nuxt', '@remix-run/node', 'socket.io', 'ws', 'apollo-server', '@apollo/server', 'restify', 'polka']);
const SOURCE_EXTS = ['.ts', '.tsx', '.mts', '.cts', '.js', '.jsx', '.mjs', '.cjs'];
const BUILD_DIRS = ['dist', 'build', 'lib', 'out', '.build'];
/** The names of a Next.js app's config file, which sits beside its package.json. */
export const NEXT_CONFIG_NAMES: readonly string[] = ['next.config.js', 'next.config.mjs', 'next.config.cjs', 'next.config.ts', 'next.config.mts', 'next.config.cts'];
/** Next.js's start-up hook, in the app's folder or its src/. */
const NEXT_INSTRUMENTATION = /(^|\/)instrumentation\.[cm]?[jt]s$/;

export class ProjectModel {
  readonly files = new Map<string, ModelFile>();
  private byKind?: Map<FileFacts['kind'], ModelFile[]>;
  /**
   * Every derived value below is computed once per run (the model never changes after construction)
   * and kept with what it read, so that a caller that gets it from here records those reads too.
   */
  private readonly memos = new Map<string, Derived<unknown>>();
  /** Resolved imports by folder, then by specifier (resolveImport). */
  private readonly resolvedInDir = new Map<string, Map<string, Derived<string | undefined>>>();
  /** The same tables by importing file: a file's path and its specifiers are strings the model keeps, whose hashes are kept too. */
  private readonly resolvedFrom = new Map<string, Map<string, Derived<string | undefined>>>();
  private readonly closures = new Map<string, Derived<string[]>>();
  private readonly ownClosures = new Map<string, Derived<string[]>>();
  private readonly nodeTargetsMemo = new Map<string, Derived<string[]>>();
  private readonly scriptCommandsByText = new Map<string, readonly ShellCommand[]>();
  /** Role by configuration, content and path (file-role.ts), decided once per file, on first use. */
  private readonly baseRoles = new Map<string, RoleDecision>();
  private runChainRoles?: Map<string, RoleDecision>;
  private computingRunChain = false;
  private readonly dependencies: DependencyRecorder | undefined;
  /** What the roles of files read, over the whole run: a caller of roleOf records ROLES_DEPENDENCY instead. */
  readonly rolesDependencies = new DependencyRecord();
  /** What the model keeps of each file beside what the rules see: the kind of its facts, how to load them, and once loaded, the facts. */
  private readonly states = new Map<string, FileState>();
  private readonly fileIndex: ReadonlyMap<string, number> | undefined;

  constructor(
    files: ReadonlyArray<ModelFile | LazyModelFile>,
    readonly repo: RepoFacts = { isGitRepo: false },
    readonly settings: ProjectSettings = {},
    options: ProjectModelOptions = {},
  ) {
    this.dependencies = options.dependencies;
    this.fileIndex = options.fileIndex;
    const model = this;
    // Facts are read on first use and isTest is the file's role: both go through the model, which
    // records the read when a recorder is set. One class per model, whose getters are shared by its
    // files: an object literal with getters is made by a slow path (~30 ms for medusa's 9,000 files).
    const FileOfModel = class implements ModelFile {
      readonly #state: FileState;

      constructor(
        readonly path: string,
        readonly kind: FileKind,
        state: FileState,
      ) {
        this.#state = state;
      }

      get facts(): FileFacts {
        return model.loaded(this.path, this.#state);
      }

      get isTest(): boolean {
        return model.baseRole(this.path).role === 'test';
      }
    };
    for (const f of files) {
      const filePath = f.path;
      const state: FileState = 'load' in f ? { factsKind: f.factsKind, load: f.load, raw: undefined, facts: undefined, file: undefined! } : { factsKind: f.facts.kind, load: undefined, raw: f.facts, facts: undefined, file: undefined! };
      state.file = new FileOfModel(filePath, f.kind, state);
      this.states.set(filePath, state);
      this.files.set(filePath, state.file);
    }
  }

  /** A file's facts, loaded on first use. */
  private loaded(file: string, state: FileState): FileFacts {
    return (state.facts ??= this.recording(file, (state.raw ??= state.load!())));
  }

  /** Facts as the rules see them: through proxies that record what is read (with the file), when a recorder is set. */
  private recording(file: string, facts: FileFacts): FileFacts {
    return this.dependencies ? recordingFacts(facts, facts.kind, this.dependencies, this.fileIndex?.get(file) ?? ANY_FILE) : facts;
  }

  /** The role a file has by configuration, content and path; a read of the roles. */
  private baseRole(file: string): RoleDecision {
    const known = this.baseRoles.get(file);
    if (known) {
      this.dependencies?.record(ROLES_DEPENDENCY);
      return known;
    }
    return this.inRoles(() => {
      // Of facts, decideRole reads those of compose files and Dockerfiles only (file-role.ts
      // roleByContent): other files' facts are not loaded for it (rules ask isTest and roleOf of
      // thousands of files).
      const state = this.states.get(file);
      const facts = state?.factsKind === 'compose' || state?.factsKind === 'dockerfile' ? this.loaded(file, state) : undefined;
      const decision = decideRole(file, facts, this.settings.environments);
      this.baseRoles.set(file, decision);
      return decision;
    });
  }

  /** Runs a computation of roles: its reads go to rolesDependencies, the caller records ROLES_DEPENDENCY. */
  private inRoles<T>(compute: () => T): T {
    if (!this.dependencies) return compute();
    this.dependencies.record(ROLES_DEPENDENCY);
    return this.dependencies.runInto(this.rolesDependencies, compute);
  }

  /** A derived value from `store` under `key`, computed on first use; its reads are recorded on every use. */
  private derived<K, T>(store: Map<K, Derived<T>>, key: K, compute: () => T): T {
    const hit = store.get(key);
    if (hit) {
      if (hit.deps) this.dependencies!.merge(hit.deps);
      return hit.value;
    }
    if (!this.dependencies) {
      const value = compute();
      store.set(key, { value });
      return value;
    }
    const { value, deps } = this.dependencies.run(compute);
    store.set(key, deps.size > 0 ? { value, deps } : { value });
    return value;
  }

  /**
   * What a file is for (file-role.ts): configuration, content and path, and then the run chain: a
   * source file or script in a dev-tooling place (scripts/, tools/) that a deployed unit runs, or
   * that such a file imports, is runtime. Any path may be asked, also one the model has no facts for.
   */
  roleOf(file: string): RoleDecision {
    return this.inRoles(() => this.computeRole(file));
  }

  private computeRole(file: string): RoleDecision {
    const base = file === '.' || file === '' ? { role: 'runtime' as const, reason: 'the repository as a whole' } : this.baseRole(file);
    if (base.reason.startsWith('configured')) return base;
    const kind = this.files.get(file)?.kind;
    if (base.role === 'runtime' && file !== '.' && file !== '') {
      const samples = this.samplesRepository() ?? this.packageSaysWhatItIs(file) ?? this.shippedProjectTemplate(file);
      if (samples) return samples;
    }
    if (base.role === 'runtime' && kind === 'dockerfile' && !this.releasedByCi().has(file)) return this.builtOnlyInNonProductionProfiles().get(file) ?? this.productionVariantBeside(file) ?? this.helperBuiltOnlyByNonRuntimeCompose(file) ?? base;
    if (base.role === 'runtime' && kind === 'k8s') return appliedOnlyBySkaffoldDev(this).get(file) ?? base;
    if (base.role === 'runtime' && kind === 'compose') return composeStartedByDevScripts(this).get(file) ?? this.publishedPackageStack(file) ?? this.stackInsidePackage(file) ?? base;
    if (base.role === 'runtime' && kind === 'ts' && !this.computingRunChain) {
      const left = this.leftOutOfBuild(file) ?? this.libraryUsageExample(file);
      if (left) return left;
    }
    if (base.role !== 'dev') return base;
    if (kind === 'dockerfile') return this.releasedByCi().get(file) ?? base;
    if (this.computingRunChain) return base;
    return this.runChainRole(file) ?? base;
  }

  /**
   * A source file its project's build leaves out (the nearest tsconfig.json's `exclude`), that no
   * other file imports (tests aside) and no deployed unit runs: code kept as data or text, not code
   * that is compiled and run (juice-shop's `data/static/codefixes/`, excerpts a page shows as answers
   * to pick, cut out of their files and so not even valid syntax). A script the build leaves out that
   * a deployed unit runs, or that the app imports, stays what its path says.
   */
  private leftOutOfBuild(file: string): RoleDecision | undefined {
    const config = this.tsconfigExcludesFor(path.dirname(file));
    if (!config || !isTsconfigExcluded(path.relative(config.dir, file), config.exclude)) return undefined;
    if (this.importersOf(file).length > 0 || this.runChainRole(file)) return undefined;
    return { role: 'docs', reason: `left out of the build by ${config.path} (exclude) and imported by nothing: code kept as data, not compiled and run` };
  }

  /**
   * A usage example of a library (aedes's example.js beside its broker): in a published package with
   * nothing of its own to run (isLibraryPackage), a file that starts a server, that is not
   * the package's main, that no other file imports and that no deployed unit runs. What runs is its
   * users' processes; the example runs when a reader tries it.
   */
  private libraryUsageExample(file: string): RoleDecision | undefined {
    const facts = this.files.get(file)?.facts;
    if (facts?.kind !== 'ts' || facts.serverStarts.length === 0) return undefined;
    const pkg = this.packageJsonFor(file);
    if (!pkg || !isLibraryPackage(this, pkg.path)) return undefined;
    const dir = path.dirname(pkg.path);
    const stem = (p: string) => p.replace(/\.[cm]?[jt]sx?$/, '');
    const main = pkg.facts.main?.value ? stem(path.normalize(path.join(dir, pkg.facts.main.value))) : stem(path.join(dir, 'index.js'));
    if (stem(file) === main) return undefined;
    if (this.importersOf(file).length > 0 || this.runChainRole(file)) return undefined;
    return { role: 'docs', reason: `a usage example of the library ${pkg.facts.name ?? dir} (it starts a server, nothing imports it, and the package has nothing of its own to run)` };
  }

  private readonly tsconfigExcludes = new Map<string, Derived<{ path: string; dir: string; exclude: string[] } | undefined>>();

  /** The nearest tsconfig.json at or above `dir` with its `exclude` (its own, else the first relative `extends` that has one). */
  private tsconfigExcludesFor(dir: string): { path: string; dir: string; exclude: string[] } | undefined {
    return this.derived(this.tsconfigExcludes, dir, () => {
      const own = dir === '.' || dir === '' ? 'tsconfig.json' : `${dir}/tsconfig.json`;
      if (this.files.get(own)?.kind !== 'tsconfig') return dir === '.' || dir === '' || dir === '/' ? undefined : this.tsconfigExcludesFor(path.dirname(dir));
      const seen = new Set<string>();
      for (let current: string | undefined = own; current && !seen.has(current) && seen.size < 10; ) {
        seen.add(current);
        const facts = this.files.get(current)?.facts as TsconfigFacts | undefined;
        if (facts?.kind !== 'tsconfig') return undefined;
        const cdir = path.dirname(current);
        // TypeScript reads `exclude` relative to the config that writes it.
        if (facts.exclude) return { path: own, dir: cdir, exclude: facts.exclude };
        const ext = [...(facts.extends ?? [])].reverse().find((e) => e.startsWith('.'));
        current = ext ? path.normalize(path.join(cdir, ext.endsWith('.json') ? ext : `${ext}.json`)) : undefined;
      }
      return undefined;
    });
  }

  /**
   * A repository that is a collection of documentation samples, by its root package.json: named
   * `...-samples`/`...-examples`/`...-snippets`, or described as "Node.js samples found on ...". Its programs,
   * Dockerfiles and manifests are kept short to teach one thing each (no SIGTERM handler in a hello
   * world, `latest` in a quickstart): docs, not a product that runs in production.
   */
  private samplesRepository(): RoleDecision | undefined {
    return this.memo('roles:samples-repository', () => {
      const root = this.files.get('package.json');
      if (root?.kind === 'package-json') {
        const facts = root.facts as PackageJsonFacts;
        const name = facts.name ?? '';
        const description = descriptionOf(facts);
        if (SAMPLES_NAME.test(name) || SAMPLES_DESCRIPTION.test(description)) return { role: 'docs', reason: `a repository of documentation samples (its package.json: ${SAMPLES_NAME.test(name) ? `name ${name}` : 'description'})` };
      }
      // Collections of independent examples often have no root package.json (prisma-examples,
      // awesome-compose): the README's title or its opening sentence says what the repository is.
      for (const readme of this.ofKind('readme')) {
        const { title, lead } = readme.facts;
        if (title !== undefined && SAMPLES_TITLE.test(title)) return { role: 'docs', reason: `a repository of examples (its ${readme.path} is titled "${title.slice(0, 60)}")` };
        if (lead !== undefined && SAMPLES_LEAD.test(lead)) return { role: 'docs', reason: `a repository of examples (its ${readme.path} opens "${lead.slice(0, 60)}")` };
        if (lead !== undefined && TEACHING_LEAD.test(lead)) return { role: 'docs', reason: `a course's or a book's examples (its ${readme.path} opens "${lead.slice(0, 60)}")` };
        if (lead !== undefined && EXAMPLE_APP_LEAD.test(lead)) return { role: 'docs', reason: `an example application (its ${readme.path} opens "${lead.slice(0, 60)}")` };
      }
      return undefined;
    });
  }

  /**
   * A package of the repository (not its root) whose own package.json says what it is: an example to
   * copy, named `...-samples`/`...-examples` or described as one ("MiroTalk WebHook endpoint example",
   * "A sample consumer for ..."), which users adapt and nothing of the project deploys (docs); or a
   * package kept to test something else, named or described so (TEST_PACKAGE_NAME: jsreport's OpenID
   * server "used to test the OpenID integration"), whose server a test or a developer starts (test).
   */
  private packageSaysWhatItIs(file: string): RoleDecision | undefined {
    const pkg = this.packageJsonFor(file);
    if (!pkg || pkg.path === 'package.json') return undefined;
    return this.memoOf('roles:package-says', pkg.path, () => {
      const description = descriptionOf(pkg.facts);
      const name = pkg.facts.name ?? '';
      const said = (byName: RegExp, byDescription: RegExp) => (byName.test(name) ? `name ${name}` : byDescription.test(description) ? `"${description.trim().slice(0, 60)}"` : undefined);
      const example = said(SAMPLES_NAME, EXAMPLE_PACKAGE_DESCRIPTION);
      if (example) return { role: 'docs', reason: `an example to copy (${pkg.path}: ${example})` };
      const test = said(TEST_PACKAGE_NAME, TEST_PACKAGE_DESCRIPTION);
      if (test) return { role: 'test', reason: `kept to test something else (${pkg.path}: ${test})` };
      return undefined;
    });
  }

  /**
   * A project template a published library ships (crawlee's `packages/templates/templates/<name>/`,
   * which `crawlee create` copies out): a package.json of its own, that no workspace of the
   * repository lists, inside the folder of a published package with nothing of its own to run
   * (isLibraryPackage), or of a published package whose `files` ships that folder (webstudio's CLI
   * lists `templates/*`, the projects `webstudio init` writes out). Its Dockerfile and code are what
   * the package's users start from, not a unit this repository releases. A nested package of an app
   * (Gladys's integrations inside its server) is not inside a library, and stays what its path says.
   */
  private shippedProjectTemplate(file: string): RoleDecision | undefined {
    const own = this.packageJsonFor(file);
    if (!own || own.path === 'package.json') return undefined;
    return this.memoOf('roles:shipped-template', own.path, () => {
      const dir = path.dirname(own.path);
      const outer = this.packageJsonFor(dir);
      if (!outer || workspaceRoots(this, dir).length > 0) return undefined;
      if (!isLibraryPackage(this, outer.path) && !shipsFolder(outer.facts, path.relative(path.dirname(outer.path), dir))) return undefined;
      return { role: 'docs', reason: `a project template the published package ${outer.facts.name ?? outer.path} ships (${own.path}): what its users start from, not a unit this repository releases` };
    });
  }

  /**
   * A compose file of a repository that publishes a package and deploys nothing of its own (no
   * Dockerfile, Procfile or Kubernetes manifest it runs; its root package published, isPublishedPackage):
   * it builds
   * nothing and pulls no image named for the package, so it starts what the package's development
   * and tests run against (typeorm's databases and emulators). A project that ships its image from
   * another repository names it (`n8nio/n8n` for n8n) and stays deployed.
   */
  private publishedPackageStack(file: string): RoleDecision | undefined {
    const name = this.memo('roles:published-package', () => {
      const root = this.files.get('package.json');
      if (root?.kind !== 'package-json') return undefined;
      const facts = root.facts as PackageJsonFacts;
      if (!isPublishedPackage(facts)) return undefined;
      const deploys = [...this.ofKind('dockerfile'), ...this.ofKind('procfile'), ...this.ofKind('k8s')].some((f) => this.baseRole(f.path).role === 'runtime');
      return deploys ? undefined : facts.name;
    });
    if (name === undefined) return undefined;
    const facts = this.files.get(file)?.facts;
    if (facts?.kind !== 'compose' || facts.services.length === 0) return undefined;
    const own = name.replace(/^@[^/]+\//, '').toLowerCase();
    if (facts.services.some((s) => s.build || (s.image && imageBaseName(s.image.value) === own))) return undefined;
    return { role: 'dev', reason: `the repository publishes the package ${name} and deploys nothing of its own: this file starts what its development and tests run against` };
  }

  /**
   * A compose file inside a package of the repository (not the root's), that builds nothing, runs no
   * image named for a package of the repository, and that neither its path nor a deploy script says
   * is deployed: the stack that package is developed and tested against (sqlpad's database drivers
   * each keep one beside their source; lowcoder's front-end package keeps one of another product's
   * images). A deployment lives at the root or in a deploy folder, or runs the project's own image.
   */
  private stackInsidePackage(file: string): RoleDecision | undefined {
    const facts = this.files.get(file)?.facts;
    if (facts?.kind !== 'compose' || facts.services.length === 0 || facts.services.some((s) => s.build || !s.image)) return undefined;
    const pkg = this.packageJsonFor(file);
    if (!pkg || pkg.path === 'package.json' || namesProduction(file) || composeStartedByDeployScripts(this).has(file)) return undefined;
    const own = this.memo('roles:package-names', () => new Set(this.ofKind('package-json').flatMap((p) => (p.facts.name ? [p.facts.name.replace(/^@[^/]+\//, '').toLowerCase()] : []))));
    if (facts.services.some((s) => own.has(imageBaseName(s.image!.value)))) return undefined;
    return { role: 'dev', reason: `inside the package ${pkg.facts.name ?? pkg.path}, it builds nothing and runs no image of the repository's own: what that package is developed and tested against` };
  }

  /** Dockerfiles that compose builds only for services in `deprecated`, `dev`, `test`... profiles (file-role.ts). */
  /**
   * A Dockerfile beside its own production variant (`Dockerfile.server` and `Dockerfile.server.production`,
   * `Dockerfile` and `Dockerfile.prod`): the variant is what is released, this one is how it runs while
   * it is being developed (your_spotify's runs `pnpm dev` under nodemon, and only its dev compose file
   * builds it). A workflow that pushes it makes it released again (the caller asks releasedByCi first).
   */
  private productionVariantBeside(file: string): RoleDecision | undefined {
    for (const suffix of PRODUCTION_VARIANT_SUFFIXES) {
      const variant = `${file}${suffix}`;
      if (this.files.get(variant)?.kind === 'dockerfile') return { role: 'dev', reason: `the development variant of ${variant} beside it` };
    }
    return undefined;
  }

  /**
   * A helper image that only compose files for development or tests build (wetty's throwaway SSH
   * target beside the app, a mock of a cloud service): it takes their role. A helper copies nothing
   * of the repository into its image; one that does ships the repository's code, and a development
   * compose file building it says nothing of how its release is built (pezzo's and joplin's servers
   * are released by workflows the audit cannot read). Not when any other build (a CI step, a bake
   * target) builds it, nor for the `Dockerfile` at the root of the repository or of a package, which
   * platforms build by default (Fly, Render, Cloud Run) without any file saying so.
   */
  private helperBuiltOnlyByNonRuntimeCompose(file: string): RoleDecision | undefined {
    const dir = path.dirname(file);
    if (path.basename(file) === 'Dockerfile' && (dir === '.' || this.files.get(`${dir}/package.json`)?.kind === 'package-json')) return undefined;
    const facts = this.files.get(file)?.facts;
    if (facts?.kind !== 'dockerfile') return undefined;
    const copiesFromContext = facts.stages.some((st) => st.instructions.some((i) => (i.keyword === 'COPY' || i.keyword === 'ADD') && !i.flags.some((f) => f.startsWith('--from='))));
    if (copiesFromContext) return undefined;
    const builds = dockerBuilds(this).filter((b) => b.dockerfile === file);
    if (builds.length === 0 || builds.some((b) => b.origin !== 'compose')) return undefined;
    const roles = new Set(builds.map((b) => this.baseRole(b.file).role));
    if (roles.has('runtime') || roles.has('build')) return undefined;
    const role = roles.size === 1 ? [...roles][0]! : 'dev';
    const first = this.baseRole(builds[0]!.file);
    return { role, reason: `built only by ${builds[0]!.via}, whose compose file is ${first.role} (${first.reason})` };
  }

  private builtOnlyInNonProductionProfiles(): Map<string, RoleDecision> {
    return this.memo('roles:non-production-profiles', () => dockerfilesBuiltOnlyInNonProductionProfiles(this.ofKind('compose'), new Set(this.ofKind('dockerfile').map((d) => d.path))));
  }

  /**
   * Dockerfiles that a CI workflow builds and pushes (`docker build -f Dockerfile.dev ... && docker
   * push`, docker/build-push-action with `file:` and `push: true`): a released image, whatever the
   * Dockerfile is called.
   */
  private releasedByCi(): Map<string, RoleDecision> {
    return this.memo('roles:released-by-ci', () => {
      const released = new Map<string, RoleDecision>();
      const dockerfiles = this.ofKind('dockerfile').map((d) => d.path);
      for (const ci of this.ofKind('structured')) {
        if (this.baseRole(ci.path).role !== 'ci') continue;
        const named: string[] = [];
        let pushes = false;
        for (const doc of ci.facts.docs) {
          for (const leaf of scalarLeaves(doc.value)) {
            const key = leaf.keys[leaf.keys.length - 1] ?? '';
            if (key === 'push' && (leaf.value === true || leaf.value === 'true')) pushes = true;
            if (typeof leaf.value !== 'string') continue;
            if (/\bdocker\s+(push|buildx\s+build[^\n]*--push)\b|\bdocker\s+buildx\s+bake[^\n]*--push/.test(leaf.value)) pushes = true;
            if (key === 'file' || key === 'dockerfile') named.push(leaf.value.trim());
            for (const m of leaf.value.matchAll(/(?:^|\s)(?:-f|--file)[=\s]+["']?([^\s"']+)/g)) named.push(m[1]!);
          }
        }
        if (!pushes) continue;
        for (const name of named) {
          const clean = path.normalize(name.replace(/^\.\//, ''));
          const hit = dockerfiles.find((d) => d === clean) ?? (dockerfiles.filter((d) => path.basename(d) === path.basename(clean)).length === 1 ? dockerfiles.find((d) => path.basename(d) === path.basename(clean)) : undefined);
          if (hit && !released.has(hit)) released.set(hit, { role: 'runtime', reason: `built and pushed as an image by ${ci.path}` });
        }
      }
      return released;
    });
  }

  private runChainRole(file: string): RoleDecision | undefined {
    if (!this.runChainRoles) {
      this.computingRunChain = true;
      try {
        this.runChainRoles = this.computeRunChainRoles();
      } finally {
        this.computingRunChain = false;
      }
    }
    return this.runChainRoles.get(file);
  }

  /** Source files and scripts that deployed units run: named entrypoints, run-command leaves, their imports and forks. */
  private computeRunChainRoles(): Map<string, RoleDecision> {
    const roles = new Map<string, RoleDecision>();
    const queue: string[] = [];
    const mark = (file: string | undefined, reason: string) => {
      if (!file || roles.has(file) || !this.files.has(file)) return;
      roles.set(file, { role: 'runtime', reason });
      queue.push(file);
    };
    for (const entry of this.entrypoints()) {
      if (entry.declaredAt && this.roleOf(entry.declaredAt.file).role === 'runtime') mark(entry.file, `run by ${entry.reason} (${entry.declaredAt.file}:${entry.declaredAt.line})`);
    }
    for (const { command, leaves } of this.runCommands()) {
      if (command.environment === 'dev' || command.environment === 'test' || this.roleOf(command.at.file).role !== 'runtime') continue;
      const reason = `run by ${command.label} (${command.at.file}:${command.at.line})`;
      for (const leaf of leaves) {
        if (this.files.get(leaf.at.file)?.kind === 'shell') mark(leaf.at.file, reason);
        for (const target of leaf.entries) mark(target, reason);
        const dir = path.dirname(leaf.at.file);
        const argv = leaf.argv.map((a) => relativeToWorkdir(a, command.workdir));
        for (const target of this.argvTargets(argv, leaf.at.file === command.at.file ? command.contextDir : dir)) mark(target, reason);
      }
    }
    // What those files import, and the scripts they fork, run with them: one walk over the import
    // graph from all of them, each file's own imports once (not an import closure per file, which
    // across workspace packages made this quadratic: ~0.5 s on medusa).
    for (let i = 0; i < queue.length; i++) {
      const current = queue[i]!;
      const reason = roles.get(current)!.reason;
      const facts = this.files.get(current)?.facts;
      if (facts?.kind !== 'ts') continue;
      for (const imp of facts.imports) if (!imp.typeOnly) mark(this.resolveImport(current, imp.specifier), reason);
      for (const fork of facts.forkedScripts) mark(this.resolveSourcePath(path.normalize(path.join(path.dirname(current), fork.path))), reason);
    }
    return roles;
  }

  /**
   * A value derived from the model, computed once per run and shared by every rule that asks for it
   * under the same key (the model never changes after construction).
   */
  memo<T>(key: string, compute: () => T): T {
    return this.derived(this.memos as Map<string, Derived<T>>, key, compute);
  }

  /** Families of memo() values asked for by a key each (a folder, a file), one map per family. */
  private readonly keyedMemos = new Map<string, Map<string, Derived<unknown>>>();

  /**
   * memo() for one of a family of values, each under its own key (the package of each folder): no
   * key string made per call, and the values of one family in a map of their own.
   */
  memoOf<T>(family: string, key: string, compute: () => T): T {
    let store = this.keyedMemos.get(family);
    if (!store) {
      store = new Map();
      this.keyedMemos.set(family, store);
    }
    return this.derived(store as Map<string, Derived<T>>, key, compute);
  }

  /** dev, test, prod or unknown: the configuration, then the file's role, then name words (file-role.ts). */
  environmentOf(file: string): FileEnvironment {
    return environmentOf(file, this.roleOf(file).role, this.settings.environments);
  }

  /** Every run command with the simple commands it ends up running (see run-commands.ts). */
  runCommands(): Array<{ command: RunCommand; leaves: RunLeaf[] }> {
    return this.memo('model:run-commands', () => collectRunCommands(this).map((command) => ({ command, leaves: resolveRunCommand(this, command) })));
  }

  /** Which Dockerfile, compose service and k8s container run which code (see services.ts). */
  services(): ServiceModel {
    return this.memo('model:services', () => buildServiceModel(this));
  }

  /**
   * Files of one kind, in discovery order. Built once for every kind: rules ask for these lists
   * inside loops, and the files never change after construction. Callers must not mutate the array.
   */
  ofKind<K extends FileFacts['kind']>(kind: K): Array<ModelFile<Extract<FileFacts, { kind: K }>>> {
    if (!this.byKind) {
      this.byKind = new Map();
      for (const { factsKind, file } of this.states.values()) {
        const list = this.byKind.get(factsKind);
        if (list) list.push(file);
        else this.byKind.set(factsKind, [file]);
      }
    }
    return (this.byKind.get(kind) ?? []) as Array<ModelFile<Extract<FileFacts, { kind: K }>>>;
  }

  get tsFiles(): Array<ModelFile<TsFacts>> {
    return this.ofKind('ts');
  }

  /**
   * Resolves an import the way Node and TypeScript would, among the scanned files: relative
   * specifiers, and aliases of the nearest tsconfig/jsconfig (`paths`, `baseUrl`, through `extends`).
   */
  resolveImport(from: string, specifier: string): string | undefined {
    // Rules resolve the same imports again and again (import closures of every entrypoint, the
    // importers of every file): a lookup by the importing file and the specifier as they are, not
    // by a key string made (and hashed) for each call.
    let inDir = this.resolvedFrom.get(from);
    if (!inDir) {
      const folder = path.dirname(from);
      inDir = this.resolvedInDir.get(folder);
      if (!inDir) {
        inDir = new Map();
        this.resolvedInDir.set(folder, inDir);
      }
      this.resolvedFrom.set(from, inDir);
    }
    return this.derived(inDir, specifier, () => {
      const dir = path.dirname(from);
      if (specifier.startsWith('.')) return this.resolveSourcePath(path.normalize(path.join(dir, specifier)));
      if (!specifier.startsWith('node:')) return this.resolveAlias(dir, specifier) ?? this.resolveWorkspaceImport(specifier);
      return undefined;
    });
  }

  /**
   * An import of a workspace package by its name (`@acme/shared`, `backend-lib/src/openTelemetry`)
   * to the source file it loads: the package's `main` mapped back to source, else its `src/index` or
   * `index`; a subpath as a file of the package, or of its build output mapped back to source. Without
   * it the import graph stopped at every package boundary of a monorepo (a SIGTERM handler one package
   * registers for the service that imports it was never seen). A name that two package.json files
   * share (a template, a copy) is left unresolved.
   */
  private resolveWorkspaceImport(specifier: string): string | undefined {
    const name = packageNameOf(specifier);
    if (name === undefined) return undefined;
    const pkg = this.workspacePackagesByName().get(name);
    if (!pkg) return undefined;
    const dir = path.dirname(pkg.path);
    const sub = specifier.slice(name.length + 1);
    if (sub === '') {
      const main = pkg.facts.main?.value;
      return (main ? this.sourceForRuntimePath(main, dir) : undefined) ?? this.resolveSourcePath(path.join(dir, 'src/index')) ?? this.resolveSourcePath(path.join(dir, 'index'));
    }
    if (sub.startsWith('.') || sub.includes('..')) return undefined;
    return this.resolveSourcePath(path.join(dir, sub)) ?? this.sourceForRuntimePath(sub, dir) ?? this.resolveSourcePath(path.join(dir, 'src', sub));
  }

  private workspacePackagesMemo?: Map<string, ModelFile<PackageJsonFacts>>;

  /**
   * The repository's package.json files by package name (test packages by path, and names used twice,
   * left out). Every resolved bare import asks it, so what it read is recorded as one coarse read
   * (any package.json's name) rather than the name of each package.json in each import's record:
   * thousands of resolved imports times 800 package files took ~50 MB on the synthetic 800 tree.
   */
  private workspacePackagesByName(): Map<string, ModelFile<PackageJsonFacts>> {
    this.dependencies?.record(WORKSPACE_NAMES_DEPENDENCY);
    if (!this.workspacePackagesMemo) {
      const compute = () => {
        const byName = new Map<string, ModelFile<PackageJsonFacts> | null>();
        for (const pkg of this.ofKind('package-json')) {
          const name = pkg.facts.name;
          if (name === undefined || roleByPath(pkg.path).role === 'test') continue;
          byName.set(name, byName.has(name) ? null : pkg);
        }
        const out = new Map<string, ModelFile<PackageJsonFacts>>();
        for (const [name, pkg] of byName) if (pkg) out.set(name, pkg);
        return out;
      };
      // Its reads of every name go to a record of its own, dropped: WORKSPACE_NAMES_DEPENDENCY stands for them.
      this.workspacePackagesMemo = this.dependencies ? this.dependencies.runInto(new DependencyRecord(), compute) : compute();
    }
    return this.workspacePackagesMemo;
  }

  /** `@/server` through `paths: {"@/*": ["src/*"]}`, `lib/x` through `baseUrl: "."`, of the config governing `dir`. */
  private resolveAlias(dir: string, specifier: string): string | undefined {
    const config = this.aliasConfigFor(dir);
    if (!config) return undefined;
    for (const [pattern, targets] of config.paths) {
      const star = pattern.indexOf('*');
      let rest: string | undefined;
      if (star < 0) rest = specifier === pattern ? '' : undefined;
      else if (specifier.startsWith(pattern.slice(0, star)) && specifier.endsWith(pattern.slice(star + 1)) && specifier.length >= pattern.length - 1) rest = specifier.slice(star, specifier.length - (pattern.length - star - 1));
      if (rest === undefined) continue;
      for (const t of targets) {
        const target = path.normalize(path.join(config.pathsBase, t.replace('*', rest)));
        if (target.startsWith('..')) continue;
        const hit = this.resolveSourcePath(target);
        if (hit) return hit;
      }
    }
    if (config.baseDir !== undefined) {
      const target = path.normalize(path.join(config.baseDir, specifier));
      if (!target.startsWith('..')) return this.resolveSourcePath(target);
    }
    return undefined;
  }

  private readonly aliasConfigs = new Map<string, Derived<{ paths: Array<[string, string[]]>; pathsBase: string; baseDir?: string } | undefined>>();

  /** The nearest tsconfig.json/jsconfig.json at or above `dir`, with `paths` and `baseUrl` merged through `extends`. */
  private aliasConfigFor(dir: string): { paths: Array<[string, string[]]>; pathsBase: string; baseDir?: string } | undefined {
    return this.derived(this.aliasConfigs, dir, () => this.computeAliasConfig(dir));
  }

  private computeAliasConfig(dir: string): { paths: Array<[string, string[]]>; pathsBase: string; baseDir?: string } | undefined {
    let result: { paths: Array<[string, string[]]>; pathsBase: string; baseDir?: string } | undefined;
    const own = ['tsconfig.json', 'jsconfig.json'].map((n) => (dir === '.' ? n : `${dir}/${n}`)).find((p) => this.files.get(p)?.kind === 'tsconfig');
    if (own) {
      let paths: Array<[string, string[]]> | undefined;
      let pathsBase = path.dirname(own);
      let baseDir: string | undefined;
      const seen = new Set<string>();
      for (let current: string | undefined = own; current && !seen.has(current) && seen.size < 10; ) {
        seen.add(current);
        const facts = this.files.get(current)?.facts as TsconfigFacts | undefined;
        if (facts?.kind !== 'tsconfig') break;
        const cdir = path.dirname(current);
        if (baseDir === undefined && facts.baseUrl !== undefined) baseDir = path.normalize(path.join(cdir, facts.baseUrl));
        if (paths === undefined && facts.pathTargets) {
          paths = Object.entries(facts.pathTargets);
          pathsBase = cdir;
        }
        // Only relative `extends` are in the repository (a package's config is in node_modules).
        const ext = [...(facts.extends ?? [])].reverse().find((e) => e.startsWith('.'));
        current = ext ? path.normalize(path.join(cdir, ext.endsWith('.json') ? ext : `${ext}.json`)) : undefined;
      }
      // `paths` are relative to baseUrl when one is set.
      if (paths || baseDir !== undefined) result = { paths: paths ?? [], pathsBase: baseDir ?? pathsBase, ...(baseDir !== undefined ? { baseDir } : {}) };
    } else if (dir !== '.' && dir !== '' && dir !== '/') {
      result = this.aliasConfigFor(path.dirname(dir));
    }
    return result;
  }

  /** A path as written (with or without extension, `.js` naming a `.ts`, a folder with an index). */
  resolveSourcePath(base: string): string | undefined {
    // Each candidate is tried as it is made: most imports resolve at the first or second, and each
    // made is a new string to hash.
    // made is a new string to hash; a folder that holds no source file is not searched at all.
    const isSource = (c: string) => this.files.get(c)?.kind === 'ts';
    const dirs = this.sourceDirs();
    if (dirs.has(folderOf(base))) {
      if (isSource(base)) return base;
      const ext = path.extname(base);
      if (ext) {
        const stem = base.slice(0, -ext.length);
        // TypeScript ESM imports name the emitted `.js` file.
        const emitted = ext === '.js' || ext === '.jsx' ? ['.ts', '.tsx'] : ext === '.mjs' ? ['.mts'] : ext === '.cjs' ? ['.cts'] : [];
        for (const e of emitted) if (isSource(stem + e)) return stem + e;
      }
      for (const e of SOURCE_EXTS) if (isSource(base + e)) return base + e;
    }
    if (dirs.has(base)) {
      const index = `${base}/index`;
      for (const e of SOURCE_EXTS) if (isSource(index + e)) return index + e;
    }
    return undefined;
  }

  private sourceDirsMemo?: Set<string>;

  /** The folders that hold a TS/JS source file directly (by path: no facts read). */
  private sourceDirs(): Set<string> {
    if (!this.sourceDirsMemo) {
      this.sourceDirsMemo = new Set();
      for (const [p, state] of this.states) if (state.file.kind === 'ts') this.sourceDirsMemo.add(folderOf(p));
    }
    return this.sourceDirsMemo;
  }

  /** Files that import `file` (test files excluded: a test importing the server is not a caller). */
  importersOf(file: string): string[] {
    const importers = this.memo('model:importers', () => {
      const map = new Map<string, string[]>();
      for (const f of this.tsFiles) {
        if (f.isTest) continue;
        for (const imp of f.facts.imports) {
          const target = this.resolveImport(f.path, imp.specifier);
          if (!target) continue;
          const list = map.get(target);
          if (list) list.push(f.path);
          else map.set(target, [f.path]);
        }
      }
      return map;
    });
    return importers.get(file) ?? [];
  }

  /** `file` and every file it imports, transitively, by relative import. Shared: do not mutate. */
  importClosure(file: string): string[] {
    return this.derived(this.closures, file, () => this.computeImportClosure(file));
  }

  /**
   * The part of importClosure(file) that the same package.json governs: the service's own code.
   * Rules that look on the start path for something done (a migration run, console-only logging)
   * read this; a workspace library's `migrate()` method or debug `console.log` is a capability the
   * service may never use. Rules that look for evidence of handling (a SIGTERM handler, a structured
   * logger) read the whole closure, which follows imports into workspace packages.
   */
  ownPackageClosure(file: string): string[] {
    return this.derived(this.ownClosures, file, () => {
      const own = this.packageJsonFor(file)?.path;
      return this.importClosure(file).filter((f) => this.packageJsonFor(f)?.path === own);
    });
  }

  private computeImportClosure(file: string): string[] {
    const seen = new Set<string>([file]);
    const queue = [file];
    while (queue.length > 0) {
      const current = queue.shift()!;
      const facts = this.files.get(current)?.facts;
      if (facts?.kind !== 'ts') continue;
      for (const imp of facts.imports) {
        if (imp.typeOnly) continue;
        const target = this.resolveImport(current, imp.specifier);
        if (target && !seen.has(target)) {
          seen.add(target);
          queue.push(target);
        }
      }
    }
    return [...seen];
  }

  /**
   * Maps a runtime path (what `node dist/server.js` runs) back to the source file, through
   * tsconfig outDir/rootDir of the package, then the usual build folders.
   */
  sourceForRuntimePath(runtimePath: string, baseDir: string): string | undefined {
    const target = path.normalize(path.join(baseDir, runtimePath));
    if (target.startsWith('..')) return undefined;
    const direct = this.resolveSourcePath(stripJsExt(target)) ?? this.resolveSourcePath(target);
    if (direct) return direct;
    const stem = stripJsExt(target);
    const bundled = this.bundledSources().get(stem);
    if (bundled) return bundled;
    // A tsconfig that names the outDir: in baseDir or an ancestor, or in a folder on the runtime path
    // itself (`npm run server` at the root runs server/dist/...: server/tsconfig.json builds it).
    const dirs = new Set<string>();
    for (const from of [baseDir, path.dirname(target)]) {
      for (let dir = from; ; dir = path.dirname(dir)) {
        dirs.add(dir);
        if (dir === '.' || dir === '' || dir === '/') break;
      }
    }
    for (const dir of dirs) {
      const tsconfig = this.files.get(dir === '.' ? 'tsconfig.json' : `${dir}/tsconfig.json`)?.facts as TsconfigFacts | undefined;
      if (tsconfig?.kind === 'tsconfig' && tsconfig.outDir) {
        const outDir = path.normalize(path.join(dir, tsconfig.outDir));
        const rootDir = path.normalize(path.join(dir, tsconfig.rootDir ?? 'src'));
        if (stem.startsWith(`${outDir}/`)) {
          const rel = stem.slice(outDir.length + 1);
          const hit = this.resolveSourcePath(path.join(rootDir, rel)) ?? this.resolveSourcePath(path.join(dir, rel));
          if (hit) return hit;
        }
      }
    }
    for (const buildDir of BUILD_DIRS) {
      const marker = `${buildDir}/`;
      const at = stem.startsWith(marker) ? 0 : stem.indexOf(`/${marker}`) + 1;
      if (at < 0 || (at === 0 && !stem.startsWith(marker))) continue;
      const before = stem.slice(0, at);
      const rel = stem.slice(at + marker.length);
      // dist/server.js <- src/server.ts; dist/src/server.js <- src/server.ts
      // dist/packages/api/main.js <- packages/api/src/main.ts (nx and other monorepo builders)
      const relDir = path.dirname(rel);
      const hit = this.resolveSourcePath(`${before}src/${rel}`) ?? this.resolveSourcePath(`${before}${rel}`) ?? (relDir !== '.' ? this.resolveSourcePath(`${before}${relDir}/src/${path.basename(rel)}`) : undefined);
      if (hit) return hit;
    }
    return undefined;
  }

  /**
   * What esbuild build scripts write, by output path without extension, to the source of its first
   * entry point: `esbuild.build({ entryPoints: ['scripts/main.ts'], outfile: 'build/main.js' })` in a
   * script a package.json runs (`node scripts/build-server.js`), so paths are relative to that
   * package's folder. With `outdir`, each entry is written under it by its base name.
   */
  private bundledSources(): Map<string, string> {
    // Asked by every run path mapped back to source (a workspace package's main among them): what it
    // read of every TS file is recorded as one coarse read (any file's bundleOutputs), as
    // workspacePackagesByName does for names, not the facts of each file in each asker's record.
    this.dependencies?.record(BUNDLE_OUTPUTS_DEPENDENCY);
    if (!this.bundledSourcesMemo) {
      const compute = () => this.computeBundledSources();
      this.bundledSourcesMemo = this.dependencies ? this.dependencies.runInto(new DependencyRecord(), compute) : compute();
    }
    return this.bundledSourcesMemo;
  }

  private bundledSourcesMemo?: Map<string, string>;

  private computeBundledSources(): Map<string, string> {
    const out = new Map<string, string>();
    for (const f of this.tsFiles) {
      const outputs = f.facts.bundleOutputs;
      if (!outputs) continue;
      const pkg = this.packageJsonFor(f.path);
      const base = pkg ? path.dirname(pkg.path) : path.dirname(f.path);
      for (const o of outputs) {
        const sources = o.entries.map((e) => this.resolveSourcePath(path.normalize(path.join(base, e)))).filter((x): x is string => x !== undefined);
        if (sources.length === 0) continue;
        if (o.outfile !== undefined) {
          const at = stripJsExt(path.normalize(path.join(base, o.outfile)));
          if (!at.startsWith('..') && !out.has(at)) out.set(at, sources[0]!);
        }
        if (o.outdir !== undefined) {
          for (const source of sources) {
            const at = path.normalize(path.join(base, o.outdir, stripJsExt(path.basename(source))));
            if (!at.startsWith('..') && !out.has(at)) out.set(at, source);
          }
        }
      }
    }
    return out;
  }

  /** The package.json that governs a file: the nearest one in the file's folder or above. */
  packageJsonFor(file: string): ModelFile<PackageJsonFacts> | undefined {
    for (let dir = path.dirname(file); ; dir = path.dirname(dir)) {
      const hit = this.files.get(dir === '.' ? 'package.json' : `${dir}/package.json`);
      if (hit?.facts.kind === 'package-json') return hit as ModelFile<PackageJsonFacts>;
      if (dir === '.' || dir === '/' || dir === '') return undefined;
    }
  }

  /**
   * Entrypoints: files named by package.json main/bin/scripts.start, by Dockerfile CMD/ENTRYPOINT,
   * by compose and Procfile commands; plus files that start a server or consumer and that no other
   * file imports.
   */
  entrypoints(): Entrypoint[] {
    // Asked while the run-chain roles are computed, the run chains are left out: not kept.
    if (this.computingRunChain) return this.computeEntrypoints();
    return this.memo('model:entrypoints', () => this.computeEntrypoints());
  }

  private computeEntrypoints(): Entrypoint[] {
    if (this.settings.entrypoints) {
      const globs = this.settings.entrypoints;
      return [...this.files.values()]
        .filter((f) => f.kind === 'ts' && matchAnyConfigGlob(globs, f.path))
        .map((f) => ({ file: f.path, reason: 'configured in entrypoints' }))
        .sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
    }
    const found = new Map<string, Entrypoint>();
    const add = (file: string | undefined, reason: string, declaredAt?: Entrypoint['declaredAt']) => {
      if (!file || found.has(file)) return;
      const f = this.files.get(file);
      if (!f || f.isTest) return;
      found.set(file, { file, reason, ...(declaredAt ? { declaredAt } : {}) });
    };
    for (const pkg of this.ofKind('package-json')) {
      const dir = path.dirname(pkg.path);
      const facts = pkg.facts;
      if (facts.main) add(this.sourceForRuntimePath(facts.main.value, dir), `package.json main`, { file: pkg.path, ...facts.main });
      for (const bin of facts.bin) add(this.sourceForRuntimePath(bin.value, dir), `package.json bin ${bin.name}`, { file: pkg.path, ...bin });
      const start = facts.scripts.find((s) => s.name === 'start');
      if (start) {
        for (const file of this.nodeTargets(start.value, dir)) add(file, 'package.json scripts.start', { file: pkg.path, ...start });
      }
    }
    for (const df of this.ofKind('dockerfile')) {
      const dir = path.dirname(df.path);
      const stage = finalStage(df.facts);
      if (!stage) continue;
      for (const ins of stage.instructions) {
        if (ins.keyword !== 'CMD' && ins.keyword !== 'ENTRYPOINT') continue;
        const argv = (ins.execForm ?? ins.commands?.flatMap((c) => c.argv) ?? []).map((a) => relativeToWorkdir(a, workdirAt(stage.instructions, ins.line)));
        for (const file of this.argvTargets(argv, dir)) add(file, `${path.basename(df.path)} ${ins.keyword}`, { file: df.path, line: ins.line, column: ins.column });
      }
    }
    // What the run chains of deployed units reach (every Dockerfile stage something runs, compose,
    // Kubernetes and Procfile commands through scripts, workspaces and process managers).
    if (!this.computingRunChain) {
      for (const { command, leaves } of this.runCommands()) {
        if (command.origin === 'package-start') continue;
        for (const leaf of leaves) for (const file of leaf.entries) add(file, command.label, command.at);
      }
    }
    // Files no other file imports, that start a server or consumer themselves or through what
    // they import: found by walking importers backwards from every file that starts one.
    const reaches = new Set<string>();
    const queue = this.tsFiles.filter((f) => !f.isTest && f.facts.serverStarts.length > 0).map((f) => f.path);
    for (const q of queue) reaches.add(q);
    while (queue.length > 0) {
      for (const importer of this.importersOf(queue.shift()!)) {
        if (!reaches.has(importer)) {
          reaches.add(importer);
          queue.push(importer);
        }
      }
    }
    for (const file of [...reaches].sort()) {
      const f = this.files.get(file) as ModelFile<TsFacts>;
      if (found.has(file) || this.importersOf(file).length > 0) continue;
      const startsAtLoad = f.facts.hasTopLevelCall || this.importClosure(file).some((c) => (this.files.get(c)?.facts as TsFacts | undefined)?.serverStarts?.some((s) => s.topLevel));
      if (startsAtLoad && !this.isUiEntry(file) && !this.isNextAppModule(file)) add(file, 'starts a server or consumer, and no other file imports it');
    }
    return [...found.values()].sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
  }

  /**
   * The entrypoints a platform runs and stops: those a production unit's run chain reaches, else what
   * their folder declares, else inference; runtime files only (deployed-entrypoints.ts).
   */
  deployedEntrypoints(): DeployedEntrypoint[] {
    return this.memo('deployed-entrypoints', () => computeDeployedEntrypoints(this));
  }

  /**
   * A browser or desktop UI entry (a .tsx/.jsx file, or a file of a package built on a UI framework
   * with no server framework): found by the import graph alone, it is not a deployed process.
   */
  /**
   * A module of a Next.js app that nothing imports and that starts nothing itself (only what it
   * imports does) is either one Next loads into its own server by its place (a route handler, page,
   * layout or middleware of `app/` or `pages/`), which is no process of its own, or one nothing loads
   * at all (unsend's unused `trpc/server.ts`). The process is the Next server, and the one module of
   * it that Next runs at start with no import is `instrumentation.ts` (unsend's SES webhook route
   * started a second bullmq worker of that server). A custom server that listens itself (overseerr's
   * `server/index.ts`, zipline's Fastify server) is a process.
   */
  private isNextAppModule(file: string): boolean {
    if (NEXT_INSTRUMENTATION.test(file)) return false;
    const facts = this.files.get(file)?.facts;
    if (facts?.kind !== 'ts' || facts.serverStarts.length > 0) return false;
    // The package is a Next.js app: it depends on next and has its config beside its package.json.
    const pkg = this.packageJsonFor(file);
    if (!pkg || !pkg.facts.dependencies.some((d) => d.name === 'next')) return false;
    const dir = path.dirname(pkg.path);
    return NEXT_CONFIG_NAMES.some((name) => this.files.has(dir === '.' ? name : `${dir}/${name}`));
  }

  private isUiEntry(file: string): boolean {
    if (/\.[jt]sx$/.test(file)) return true;
    const deps = (this.packageJsonFor(file)?.facts.dependencies ?? []).map((d) => d.name);
    return deps.some((d) => UI_FRAMEWORKS.has(d)) && !deps.some((d) => SERVER_FRAMEWORKS.has(d));
  }

  /**
   * The commands of a script's text (parseShellLine), parsed once per text: the same scripts
   * (`node dist/main.js`, `tsc`) are in many packages. A pure function of the text, which the caller
   * read (and recorded reading), so nothing is recorded here. Shared: do not mutate.
   */
  scriptCommands(text: string): readonly ShellCommand[] {
    let commands = this.scriptCommandsByText.get(text);
    if (!commands) {
      commands = parseShellLine(text);
      this.scriptCommandsByText.set(text, commands);
    }
    return commands;
  }

  /** Source files a shell command line runs with node/ts-node/tsx, following `npm run x` one level. */
  nodeTargets(command: string, dir: string, depth = 0): string[] {
    // Memoised per (script text, folder, depth) and deduplicated: densely cross-calling npm scripts
    // (each calling dozens of others) made this walk every path of the graph, 30 s for 18 KB of
    // package.json (test/hostile/dos.test.ts).
    return this.derived(this.nodeTargetsMemo, `${depth}\0${dir}\0${command}`, () => {
      const out = new Set<string>();
      for (const cmd of this.scriptCommands(command)) for (const t of this.commandTargets(cmd, dir, depth)) out.add(t);
      return [...out];
    });
  }

  private commandTargets(cmd: ShellCommand, dir: string, depth: number): string[] {
    const argv = effectiveArgv(cmd.argv).argv;
    const [program, sub, script] = argv;
    if ((program === 'npm' || program === 'pnpm' || program === 'yarn' || program === 'bun') && depth < 3) {
      const name = sub === 'run' || sub === 'run-script' ? script : sub === 'start' ? 'start' : program === 'yarn' ? sub : undefined;
      const pkg = this.files.get(dir === '.' ? 'package.json' : `${dir}/package.json`)?.facts;
      if (name && pkg?.kind === 'package-json') {
        const s = pkg.scripts.find((x) => x.name === name);
        if (s) return this.nodeTargets(s.value, dir, depth + 1);
      }
      return [];
    }
    return this.argvTargets(argv, dir);
  }

  /** `node dist/server.js`, `ts-node src/x.ts`, `tsx watch src/x.ts`, `node -r dotenv/config x.js`. */
  argvTargets(argv: string[], dir: string): string[] {
    const { argv: rest } = effectiveArgv(argv);
    const program = rest[0]?.split('/').pop();
    if (!program) return [];
    if (/^(node|nodejs|ts-node|ts-node-dev|tsx|nodemon|bun|deno)$/.test(program)) {
      for (let i = 1; i < rest.length; i++) {
        const arg = rest[i]!;
        if (arg === 'watch' || arg === 'run') continue;
        if (arg === '-r' || arg === '--require' || arg === '--import' || arg === '--loader' || arg === '-e' || arg === '--env-file') {
          i++;
          continue;
        }
        if (arg.startsWith('-')) continue;
        const hit = this.sourceForRuntimePath(arg, dir);
        return hit ? [hit] : [];
      }
      return [];
    }
    if (/\.(m?js|cjs|ts)$/.test(rest[0]!)) {
      const hit = this.sourceForRuntimePath(rest[0]!, dir);
      return hit ? [hit] : [];
    }
    return [];
  }

  composeFiles(): Array<ModelFile<ComposeFacts>> {
    return this.ofKind('compose');
  }

  k8sFiles(): Array<ModelFile<K8sFacts>> {
    return this.ofKind('k8s');
  }
}

/** The folder part of a path as written (`lib/` gives `lib`, `a.ts` gives `.`): where a file named by it would be. */
/** An image's last name, lower-cased, without registry, namespace, tag or digest (`ghcr.io/acme/api:1` → `api`): what a package name is compared with. */
function imageBaseName(image: string): string {
  return (splitImage(image.trim()).name.split('/').pop() ?? '').toLowerCase();
}

function folderOf(p: string): string {
  const slash = p.lastIndexOf('/');
  return slash < 0 ? '.' : p.slice(0, slash);
}

export function finalStage(facts: DockerfileFacts) {
  return facts.stages[facts.stages.length - 1];
}

/** The WORKDIR in force at a line of a stage ('' when none is set). */
export function workdirAt(instructions: DockerfileFacts['stages'][number]['instructions'], line: number): string {
  let workdir = '';
  for (const ins of instructions) {
    if (ins.line > line) break;
    if (ins.keyword === 'WORKDIR') workdir = ins.text.startsWith('/') ? ins.text : path.join(workdir || '/', ins.text);
  }
  return workdir;
}

/** `/app/dist/server.js` with WORKDIR /app is `dist/server.js` in the build context. */
export function relativeToWorkdir(arg: string, workdir: string): string {
  if (workdir && arg.startsWith(`${workdir.replace(/\/$/, '')}/`)) return arg.slice(workdir.replace(/\/$/, '').length + 1);
  return arg;
}

function stripJsExt(p: string): string {
  return p.replace(/\.(m?js|cjs|jsx|ts|mts|cts|tsx)$/, '');
}

/**
 * Whether a published package's `files` ships the folder `rel` (relative to the package): a pattern
 * whose literal start is that folder or one above it (`templates/*` ships `templates/docker`). A
 * pattern with no literal folder (`*`, `**`) says nothing of any one folder.
 */
function shipsFolder(pkg: PackageJsonFacts, rel: string): boolean {
  if (!isPublishedPackage(pkg) || rel === '' || rel.startsWith('..')) return false;
  const raw = pkg.doc.value;
  const files = typeof raw === 'object' && raw !== null && !Array.isArray(raw) ? (raw as Record<string, unknown>).files : undefined;
  if (!Array.isArray(files)) return false;
  return files.some((p) => {
    if (typeof p !== 'string' || p.startsWith('!')) return false;
    const literal = p.replace(/^\.\//, '').split(/[*?[{]/)[0]!.replace(/\/+$/, '');
    if (literal === '') return false;
    return rel === literal || rel.startsWith(`${literal}/`);
  });
}
