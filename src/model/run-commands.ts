// Run commands followed to what really runs (the catalog's "run-command chains"). A run command comes
// from a Dockerfile CMD/ENTRYPOINT (of every stage something runs), a compose command/entrypoint, a k8s
// command/args, a Procfile line or package.json scripts.start; it leads through wrappers (cross-env,
// dotenv, tini, gosu...), package managers (`npm start`, `npm -w api run x`, `pnpm --filter api start`,
// `yarn workspace api start`, `turbo run start --filter=api`, `nx run api:start`, `cd x && npm start`)
// to package.json scripts, through npm-run-all/run-p/concurrently to their targets, through `sh -c`
// and entry shell scripts (with `exec "$@"` handing over to CMD; image paths mapped back to the
// repository through COPY), through process managers (pm2 ecosystem files, nps) to the simple commands
// that finally run, and from those to the source file each one starts, or to the reason it stops
// there. Rules read the leaves and report at the line that does the harm, naming the chain.

import path from 'node:path/posix';
import type { DockerfileFacts, DockerStage, ShellCommand, StaticValue } from '../parsing/facts.js';
import { commandsRunWith, effectiveArgv, inOtherArms, isShellProgram, parseShellLine } from '../parsing/shell.js';
import { scriptRunMode, setUpNamedBy, type FileEnvironment } from './file-role.js';
import { NEXT_CONFIG_NAMES, relativeToWorkdir, type ProjectModel } from './project-model.js';
import { pathGlobMatches, scriptNameMatches } from '../util/glob/index.js';
import { expandWord, imagePathSource, imagePathToRepo, stageByName, stageChain, stageWorkdir, type BuildArgs } from './docker-commands.js';
import { agreedBuildArgs, dockerBuilds, dockerfileTaggedAs } from './docker-builds.js';
import { pm2Apps } from '../parsing/pm2.js';
import { nxProject, type NxProject } from '../parsing/nx-project.js';

export type RunCommandOrigin =
  | 'dockerfile'
  | 'compose'
  | 'k8s'
  | 'procfile'
  | 'package-start';

export interface SourcePlace {
  file: string;
  line: number;
  column: number;
}

export interface RunCommand {
  origin: RunCommandOrigin;
  /** Where the command is written. */
  at: SourcePlace;
  /** Dockerfile CMD when it gives the arguments of an exec-form ENTRYPOINT (`exec "$@"` runs it). */
  argsAt?: SourcePlace;
  /** Human name: `Dockerfile CMD`, `compose service api command`, `Deployment api container api`. */
  label: string;
  /** exec form (no shell) or shell form (`/bin/sh -c`: the shell is PID 1 unless it execs). */
  form: 'exec' | 'shell';
  /** The command as it starts, ENTRYPOINT and CMD combined for Dockerfiles. */
  argv: string[];
  /** Folder where package.json scripts and entry scripts are looked up (the build context). */
  contextDir: string;
  /** WORKDIR for Dockerfiles, to map `/app/x.sh` back to the context. */
  workdir: string;
  environment: FileEnvironment;
  /** Dockerfile path (`Dockerfile#stage` for a stage other than the last), compose service name or k8s workload, to link services. */
  owner: string;
  /** An init (tini, dumb-init, docker `--init`/compose `init: true`) runs in front. */
  hasInit: boolean;
  /**
   * The init passes a signal on to its child only (tini and catatonit without `-g`, docker's and
   * compose's init, which is tini), not to the child's process group as dumb-init does by default:
   * a shell that is that child still stands between the signal and the server (signal-path.ts).
   */
  initSignalsChildOnly?: boolean;
  /** The Dockerfile stage whose image runs the command: image paths are mapped back through its COPY lines (with the build arguments its builds agree on). */
  image?: { dockerfile: string; stage: number; args?: BuildArgs };
}

/**
 * Whether a command line starts an init, and whether that init signals its child only: tini and
 * catatonit send a signal to their one child unless given `-g` (the child's process group);
 * dumb-init sends it to the whole group unless given `-c`/`--single-child`.
 */
function initOf(text: string): { hasInit: boolean; initSignalsChildOnly?: true } {
  const init = /(?:^|[\s/"'])(tini|dumb-init|catatonit)(?=[\s"',]|$)((?:\s+-[-\w]*)*)/.exec(text);
  if (!init) return { hasInit: /\b(tini|dumb-init|catatonit)\b/.test(text) };
  const flags = init[2] ?? '';
  const childOnly = init[1] === 'dumb-init' ? /\s(-c|--single-child)\b/.test(flags) : !/\s-[a-z]*g[a-z]*\b/i.test(flags);
  return childOnly ? { hasInit: true, initSignalsChildOnly: true } : { hasInit: true };
}

export interface ChainStep extends SourcePlace {
  /** `npm start`, `scripts.start`, `docker-entrypoint.sh`. */
  label: string;
}

/** A simple command that finally runs. */
export interface RunLeaf {
  command: RunCommand;
  /** argv after wrappers (exec, env, tini...) were looked through. */
  argv: string[];
  wrappers: string[];
  shell: ShellCommand | null;
  /** Where this simple command is written (the script line, the package.json script...). */
  at: SourcePlace;
  /** From the run command to this leaf, excluding the leaf. */
  chain: ChainStep[];
  /** Reached through a shell (shell form, sh -c, an entry script) without exec. */
  viaShell: boolean;
  /** The repository folder the command runs in (its package.json answers `npm run`). */
  dir: string;
  /** The chain goes on below this leaf (a package manager or runner in front of the scripts it runs). */
  through?: boolean;
  /** Source files of the repository this command starts (`node dist/main.js` → src/main.ts). */
  entries: string[];
  /** Why the chain ends here without a source file, in one line; absent when it reached one. */
  stop?: string;
  /**
   * Run by a command of a script that must end before the script goes on (`node index.js --migrate`
   * before `exec node index.js`, `pnpm build` before `pnpm start`): a one-off step, not the process
   * that keeps running and is sent SIGTERM.
   */
  step?: boolean;
  /** Run by a script that traps SIGTERM (`trap 'kill -TERM $child' TERM`): the shell passes the signal on itself. */
  signalsTrapped?: boolean;
  /**
   * A server a build generates rather than a source file of the repository (Next.js's standalone
   * `server.js`, written by `next build`): the chain stops here, but what runs is known to serve.
   */
  generatedServer?: string;
  /**
   * The command's own shell (a shell-form command's `/bin/sh -c`, or `sh -c` as the command) execs the
   * command on the way to this leaf: BusyBox's sh (Alpine images) execs the last simple command of a
   * `-c` text, so that shell is not left in front of it.
   */
  firstShellExecs?: boolean;
}

/**
 * A command's environment with what its entry script's name says: an image whose command is
 * `./startup.relational.dev.sh` is a developer's quick-run set-up (nestjs-boilerplate's root
 * Dockerfile, built by its local compose file) whatever the Dockerfile is called. A name that says
 * production, or a dev or test set-up already, is kept.
 */
function withEntryScript(environment: FileEnvironment, argv: readonly string[]): FileEnvironment {
  if (environment !== 'unknown') return environment;
  const program = effectiveArgv([...argv]).argv[0];
  const base = program?.slice(program.lastIndexOf('/') + 1) ?? '';
  return (/\.(sh|bash)$/.test(base) ? setUpNamedBy(base) : undefined) ?? environment;
}

/** A base image whose /bin/sh is BusyBox's: Alpine (`node:22-alpine`, `alpine:3.20`) or BusyBox itself. */
const BUSYBOX_BASE = /(^|[/:@_.-])alpine([\d.]*)?([-_.@:]|$)|(^|\/)busybox([:@]|$)/i;

/** Whether the image a stage builds has BusyBox's sh as /bin/sh (its first FROM outside the Dockerfile says). */
function shellIsBusybox(facts: DockerfileFacts, stage: DockerStage): boolean {
  const chain = stageChain(facts, stage);
  const root = chain[chain.length - 1];
  const image = root?.image.resolved;
  return image !== undefined && image !== null && BUSYBOX_BASE.test(image);
}

/** Options of su and runuser that take a value as the next word (`-s /bin/sh`, `-g app`). */
const SU_VALUE_FLAGS = new Set(['-s', '--shell', '-g', '--group', '-G', '--supp-group', '-w', '--whitelist-environment']);

/** The command text of `su [options] [user] -c <text> [user]` (also `--command=<text>`), or undefined. */
function userShellCommand(argv: readonly string[]): string | undefined {
  for (let i = 1; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '-c' || a === '--command') return argv[i + 1];
    if (a.startsWith('--command=')) return a.slice('--command='.length);
    if (a === '--') return undefined;
    if (SU_VALUE_FLAGS.has(a)) i++;
  }
  return undefined;
}

/** A script that traps SIGTERM (`trap 'kill -TERM "$pid"' TERM`, `trap forward SIGTERM SIGINT`): it took on passing the signal on. */
function trapsSigterm(commands: readonly ShellCommand[]): boolean {
  return commands.some((c) => c.argv[0] === 'trap' && c.argv.slice(2).some((a) => /^(SIG)?TERM$/i.test(a) || a === '15'));
}

/** Commands that do no work of their own after another one: they make no command before them a step. */
// Tests and conditions too (`if [ "$1" = x ]; then set -- node "$@"; fi` after the server: nocobase).
const NO_WORK = new Set(['echo', 'printf', 'exit', 'true', 'false', ':', 'set', 'export', 'unset', 'trap', 'wait', 'cd', 'source', '.', 'sleep', 'return', '[', '[[', 'test', '!', 'shift', 'local', 'declare', 'typeset', 'readonly', 'let', 'getopts', 'ulimit', 'umask', 'break', 'continue']);

/**
 * Whether command `index` of a script must end before the script goes on to real work: it runs in the
 * foreground, is not `exec`'d, and a later command joined by a newline, `;` or `&&` (not `|`, which
 * runs beside it, nor `||`, which handles its failure) does work of its own (not `echo`, `exit`,
 * `wait`, `exec "$@"`...). Such a command is a one-off step (a migration, a build), whatever it runs.
 */
function isOneOffStep(commands: readonly ShellCommand[], index: number): boolean {
  const sc = commands[index]!;
  if (sc.background || sc.argv[0] === 'exec') return false;
  for (let j = index + 1; j < commands.length; j++) {
    const next = commands[j]!;
    // Another arm of a case the command is in runs instead of it, never after it.
    if (next.joinedBy === '|' || next.joinedBy === '||' || inOtherArms(sc, next)) continue;
    if (!NO_WORK.has(next.argv[0] ?? '') && !runsCallersArgs(next)) return true;
  }
  return false;
}

/**
 * `exec "$@"` (or `"$@"`): the entrypoint idiom that runs what its caller passed, often nothing
 * (nocobase's script serves with `yarn start` and ends with it): no work of the script's own.
 */
function runsCallersArgs(sc: ShellCommand): boolean {
  const argv = sc.argv[0] === 'exec' ? sc.argv.slice(1) : sc.argv;
  return argv.length === 1 && argv[0] === '$@';
}

const MAX_DEPTH = 10;
/**
 * Leaves of one run command at most. Each script is followed once per run command (`seen`), so real
 * chains have a handful; the bound keeps a hostile package.json (thousands of scripts naming each
 * other through npm-run-all globs and concurrently) from growing the result without end.
 */
const MAX_LEAVES = 10_000;
const SCRIPT_RUNNERS = new Set(['npm', 'pnpm', 'yarn', 'bun', 'turbo', 'nx', 'lerna']);
const PATH_DIRS = ['/usr/local/bin', '/usr/local/sbin', '/usr/bin', '/bin', '/usr/sbin', '/sbin'];
/** Programs that run a JavaScript or TypeScript file given as their first operand. */
export const NODE_PROGRAMS = /^(node|nodejs|ts-node|ts-node-dev|tsx|nodemon|bun|deno|babel-node|node-dev|esno|esr|vite-node|swc-node)$/;
/** Options of node-like programs that take a value (the next word is not the script). */
const NODE_VALUE_OPTIONS = new Set(['-r', '--require', '--import', '--loader', '--experimental-loader', '-e', '--eval', '-p', '--print', '--env-file', '--watch-path', '--inspect-port', '-P', '--project', '-O', '--compiler-options', '--title', '--max-old-space-size', '--exec', '-x', '--ext', '-w', '--watch', '-i', '--ignore', '--config', '--cwd', '--delay']);
/** Commands of entry scripts that start no long-running process. */
export const HARMLESS_COMMANDS = new Set(['set', 'export', 'echo', 'cd', 'sleep', 'test', '[', '[[', 'true', 'false', ':', 'printf', 'mkdir', 'chown', 'chmod', 'cp', 'mv', 'rm', 'ln', 'cat', 'envsubst', 'source', '.', 'trap', 'wait', 'ulimit', 'umask', 'unset', 'shift', 'exit', 'return', 'local', 'read', 'touch', 'until', 'while', 'if', 'fi', 'sed', 'grep', 'awk', 'ls', 'find', 'id', 'whoami', 'date', 'env', 'printenv', 'tee', 'head', 'tail']);
/** One-off tools (migrations, waits): they end a chain by design. */
const ONE_OFF_TOOL = /\b(prisma|knex|typeorm|sequelize(-cli)?|node-pg-migrate|db-migrate|migrate|umzug|drizzle-kit|mikro-orm|wait-for(-it)?(\.sh)?|wait-on|dockerize|tsc|webpack|vite|next build|nest build|npm (ci|install)|yarn install|pnpm install|curl|wget)\b/;

/**
 * The ENTRYPOINT and CMD a stage's image starts with. Both are inherited from the stages it is built
 * FROM; an ENTRYPOINT set in a stage resets the CMD inherited from below it.
 */
function startInstructions(facts: DockerfileFacts, stage: DockerStage): { entrypoint?: DockerStage['instructions'][number]; cmd?: DockerStage['instructions'][number] } {
  let entrypoint: DockerStage['instructions'][number] | undefined;
  let cmd: DockerStage['instructions'][number] | undefined;
  for (const s of stageChain(facts, stage)) {
    let ownEntrypoint: typeof entrypoint;
    let ownCmd: typeof cmd;
    for (const ins of s.instructions) {
      if (ins.keyword === 'ENTRYPOINT') ownEntrypoint = ins;
      if (ins.keyword === 'CMD') ownCmd = ins;
    }
    if (!entrypoint && ownEntrypoint) {
      entrypoint = ownEntrypoint;
      if (!cmd) cmd = ownCmd;
      break;
    }
    if (!cmd && ownCmd) cmd = ownCmd;
    if (cmd && entrypoint) break;
  }
  return { ...(entrypoint ? { entrypoint } : {}), ...(cmd ? { cmd } : {}) };
}

export function collectRunCommands(model: ProjectModel): RunCommand[] {
  const out: RunCommand[] = [];
  const contexts = buildContexts(model);
  for (const df of model.ofKind('dockerfile')) {
    const facts = df.facts;
    const last = facts.stages[facts.stages.length - 1];
    if (!last) continue;
    const contextDir = contexts.get(df.path)?.[0] ?? inferredContext(model, df.path);
    // Every stage something runs: the last one, and those a compose build.target or a CI workflow names.
    const runStages = new Map<number, string | undefined>([[last.index, undefined]]);
    for (const target of contexts.targets.get(df.path) ?? []) {
      const stage = stageByName(facts, target, facts.stages.length);
      if (stage && stage.index !== last.index) runStages.set(stage.index, stage.name);
    }
    for (const [index] of runStages) {
      const stage = facts.stages[index]!;
      const { entrypoint, cmd } = startInstructions(facts, stage);
      const main = entrypoint ?? cmd;
      if (!main) continue;
      const words = (ins: typeof main) => ins.execForm ?? (ins.text ? [ins.text] : []);
      const form: 'exec' | 'shell' = main.execForm ? 'exec' : 'shell';
      // Shell-form ENTRYPOINT ignores CMD; exec-form ENTRYPOINT gets CMD as arguments.
      let argv = entrypoint && cmd && entrypoint.execForm ? [...words(entrypoint), ...(cmd.execForm ?? ['/bin/sh', '-c', cmd.text])] : words(main);
      // The official node image's docker-entrypoint.sh runs `node "$@"` when the first argument is a
      // flag or a script rather than a command: `CMD ["--max-old-space-size=2048", "main.js"]`.
      if (!entrypoint && main.execForm && officialNodeBase(facts, stage) && /^-|\.[cm]?js$/.test(argv[0] ?? '')) argv = ['node', ...argv];
      const isLast = index === last.index;
      const args = agreedBuildArgs(model, df.path, isLast ? undefined : stage.name, isLast ? stage.name : undefined);
      const workdir = stageWorkdir(facts, stage, args);
      const all = argv.join(' ');
      const stageLabel = isLast ? '' : ` (stage ${stage.name ?? index})`;
      out.push({
        origin: 'dockerfile',
        at: { file: df.path, line: main.line, column: main.column },
        label: `${path.basename(df.path)}${stageLabel} ${main.keyword}`,
        form,
        argv,
        contextDir,
        workdir,
        environment: withEntryScript(isLast ? model.environmentOf(df.path) : /dev|debug|local/i.test(stage.name ?? '') ? 'dev' : /test|ci/i.test(stage.name ?? '') ? 'test' : model.environmentOf(df.path), argv),
        owner: isLast ? df.path : `${df.path}#${stage.name ?? index}`,
        ...initOf(all),
        image: { dockerfile: df.path, stage: index, ...(args ? { args } : {}) },
        ...(entrypoint && cmd && entrypoint.execForm ? { argsAt: { file: cmd === main ? df.path : df.path, line: cmd.line, column: cmd.column } } : {}),
      });
    }
  }
  for (const compose of model.ofKind('compose')) {
    const dir = path.dirname(compose.path);
    for (const svc of compose.facts.services) {
      const command = svc.entrypoint ?? svc.command;
      if (!command) continue;
      // An image no build here names is linked to the Dockerfile a CI workflow or bake file tags it from.
      const tagged = !svc.build && svc.image ? (dockerfileTaggedAs(model, svc.image.value) ?? undefined) : undefined;
      const contextDir = svc.build ? path.normalize(path.join(dir, svc.build.context)) : tagged ? (contexts.get(tagged.dockerfile)?.[0] ?? inferredContext(model, tagged.dockerfile)) : dir;
      const env = svc.profiles.some((p) => /dev|test|debug/i.test(p)) ? 'dev' : model.environmentOf(compose.path);
      const dfPath = svc.build ? path.normalize(path.join(contextDir, svc.build.dockerfile ?? 'Dockerfile')) : tagged?.dockerfile;
      const df = dfPath ? model.files.get(dfPath)?.facts : undefined;
      const target = svc.build?.target ?? tagged?.target;
      const stage = df?.kind === 'dockerfile' ? (target ? stageByName(df, target, df.stages.length) : df.stages[df.stages.length - 1]) : undefined;
      // A shell-form ENTRYPOINT runs `/bin/sh -c` with its own text and drops every argument, so a
      // compose `command` (which replaces CMD, the arguments) never runs: the image's own run
      // command is what starts (firecrawl's api service).
      if (!svc.entrypoint && df?.kind === 'dockerfile' && stage) {
        const { entrypoint } = startInstructions(df, stage);
        if (entrypoint && !entrypoint.execForm) continue;
      }
      const args = dfPath ? agreedBuildArgs(model, dfPath, target) : undefined;
      out.push({
        origin: 'compose',
        at: { file: compose.path, line: command.line, column: command.column },
        label: `compose service ${svc.name} ${svc.entrypoint ? 'entrypoint' : 'command'}`,
        // compose runs a string command without a shell (it splits it), so both forms are exec.
        form: 'exec',
        argv: command.argv,
        contextDir,
        workdir: df?.kind === 'dockerfile' && stage ? stageWorkdir(df, stage, args) : '',
        environment: env,
        owner: `${compose.path}#${svc.name}`,
        ...(svc.init === true && !/\b(tini|dumb-init|catatonit)\b/.test(command.text) ? { hasInit: true, initSignalsChildOnly: true } : initOf(command.text)),
        ...(dfPath && stage ? { image: { dockerfile: dfPath, stage: stage.index, ...(args ? { args } : {}) } } : {}),
      });
    }
  }
  for (const k8s of model.ofKind('k8s')) {
    for (const obj of k8s.facts.objects) {
      for (const c of obj.pod?.containers ?? []) {
        const argv = [...(c.command?.value ?? []), ...(c.args?.value ?? [])];
        if (argv.length === 0) continue;
        // `command: [sh, -c]` with the script in `args`: the harm is written in args.
        const shellOnly = c.command !== undefined && c.args !== undefined && c.command.value.every((w) => isShellProgram(w) || w.startsWith('-'));
        const at = shellOnly ? c.args! : (c.command ?? c.args!);
        out.push({
          origin: 'k8s',
          at: { file: k8s.path, line: at.line, column: at.column },
          label: `${obj.kind} ${obj.name} container ${c.name}`,
          form: 'exec',
          argv,
          contextDir: '.',
          workdir: '',
          environment: model.environmentOf(k8s.path),
          owner: `${k8s.path}#${obj.kind}/${obj.name}/${c.name}`,
          ...initOf(argv.join(' ')),
        });
      }
    }
  }
  for (const pf of model.ofKind('procfile')) {
    for (const p of pf.facts.processes) {
      out.push({
        origin: 'procfile',
        at: { file: pf.path, line: p.line, column: p.commandColumn },
        label: `Procfile ${p.name}`,
        form: 'shell',
        argv: [p.command],
        contextDir: path.dirname(pf.path),
        workdir: '',
        environment: model.environmentOf(pf.path),
        owner: `${pf.path}#${p.name}`,
        hasInit: false,
      });
    }
  }
  for (const pkg of model.ofKind('package-json')) {
    if (pkg.isTest) continue;
    const start = pkg.facts.scripts.find((s) => s.name === 'start');
    if (!start) continue;
    out.push({
      origin: 'package-start',
      at: { file: pkg.path, line: start.line, column: start.column },
      label: `${pkg.path} scripts.start`,
      form: 'shell',
      argv: [start.value],
      contextDir: path.dirname(pkg.path),
      workdir: '',
      // `cross-env NODE_ENV=development concurrently ...`: a start script that runs in development mode.
      environment: scriptRunMode(start.value) ?? model.environmentOf(pkg.path),
      owner: pkg.path,
      hasInit: false,
    });
  }
  return out;
}

/**
 * Build contexts and run targets of each Dockerfile, from its builds (compose `build`, CI workflows,
 * bake files): the context decides where COPY sources are, the target which stage is a unit.
 */
function buildContexts(model: ProjectModel): Map<string, string[]> & { targets: Map<string, string[]> } {
  const contexts = new Map<string, string[]>() as Map<string, string[]> & { targets: Map<string, string[]> };
  contexts.targets = new Map();
  const add = (map: Map<string, string[]>, key: string, value: string) => {
    const list = map.get(key) ?? [];
    if (!list.includes(value)) list.push(value);
    map.set(key, list);
  };
  const builds = dockerBuilds(model);
  for (const b of builds) {
    // Compose and bake name their contexts, and come first.
    if (b.origin !== 'ci') add(contexts, b.dockerfile, b.context);
    if (b.target) add(contexts.targets, b.dockerfile, b.target);
  }
  // A CI step's context counts where the step names it (`context: .` with `file: apps/webapp/Dockerfile`,
  // shelf.nu's turbo-prune image, whose COPY paths are from the repository root); one left to the
  // action's default says nothing of what the Dockerfile expects.
  for (const b of builds) if (b.origin === 'ci' && b.contextNamed) add(contexts, b.dockerfile, b.context);
  return contexts;
}

/** Every simple command a run command ends up running. */
export function resolveRunCommand(model: ProjectModel, command: RunCommand): RunLeaf[] {
  const leaves: RunLeaf[] = [];
  const seen = new Set<string>();
  const dockerfile = command.image ? model.files.get(command.image.dockerfile)?.facts : undefined;
  const stage = dockerfile?.kind === 'dockerfile' ? dockerfile.stages[command.image!.stage] : undefined;
  const isFile = (p: string) => model.files.has(p);
  const dirs = repoDirs(model);
  const isDir = (p: string) => dirs.has(p);

  /** The image folder of each repository folder a `cd` led to, so that later relative paths map through COPY. */
  const imageDirs = new Map<string, string>();
  /** A path as the command sees it (absolute in the image, or relative to `dir`) → the repository path. */
  const toRepo = (p: string, dir: string): string | undefined => {
    if (p.startsWith('/')) {
      if (dockerfile?.kind === 'dockerfile' && stage) {
        const mapped = imagePathToRepo(dockerfile, stage, p, command.contextDir, isFile, isDir, 0, undefined, command.image?.args);
        if (mapped !== undefined) return mapped;
        // A folder only files were copied into (`COPY backend/package.json backend/package.json`):
        // found by the package.json COPY put there.
        const manifest = imagePathToRepo(dockerfile, stage, path.join(p, 'package.json'), command.contextDir, isFile, isDir);
        if (manifest !== undefined && path.basename(manifest) === 'package.json' && isFile(manifest)) return path.dirname(manifest);
      }
      const rel = relativeToWorkdir(p, command.workdir);
      if (rel === p) return undefined;
      return safeJoin(command.contextDir, rel);
    }
    const rel = safeJoin(dir, p);
    // In the WORKDIR (or a folder an entry script `cd`s to), a relative path is an image path: COPY
    // may have put it there from elsewhere.
    const imageDir = dir === startDir ? command.workdir : imageDirs.get(dir);
    if (rel !== undefined && (isFile(rel) || isDir(rel))) {
      // The repository's file of that name, unless a build writes the one the image holds there
      // (Next.js's standalone server.js over a custom dev server.js).
      if (imageDir && dockerfile?.kind === 'dockerfile' && stage) {
        const source = imagePathSource(dockerfile, stage, path.join(imageDir, p), command.contextDir, isFile, isDir, command.image?.args);
        if (source?.generated) return source.path;
      }
      return rel;
    }
    if (imageDir && dockerfile?.kind === 'dockerfile' && stage) {
      const mapped = imagePathToRepo(dockerfile, stage, path.join(imageDir, p), command.contextDir, isFile, isDir, 0, undefined, command.image?.args);
      if (mapped !== undefined && (isFile(mapped) || isDir(mapped))) return mapped;
    }
    return rel;
  };
  let startDir = command.contextDir;
  if (command.workdir && stage) startDir = toRepo(command.workdir, command.contextDir) ?? command.contextDir;
  /** `cd <arg>` from `cwd`: the repository folder the later commands run in. */
  const changeDir = (arg: string, cwd: string): string => {
    const next = toRepo(arg, cwd) ?? cwd;
    const fromImage = cwd === startDir ? command.workdir : imageDirs.get(cwd);
    const imageDir = !stage ? undefined : arg.startsWith('/') ? path.normalize(arg) : fromImage ? path.join(fromImage, arg) : undefined;
    if (imageDir && next !== cwd && next !== startDir && !imageDirs.has(next)) imageDirs.set(next, imageDir);
    return next;
  };

  /**
   * How many one-off steps (isOneOffStep) and scripts that trap SIGTERM (trapsSigterm) the command
   * being visited is inside: a leaf pushed there is a step, or has its signals trapped.
   */
  const inside = { step: 0, trap: 0, firstShellExecs: 0 };
  // BusyBox's sh (the /bin/sh of Alpine and BusyBox images) execs the last simple command of a `-c`
  // text (checked with busybox 1.35: also after `&&`); dash (Debian's /bin/sh) and bash scripts do not.
  const busyboxSh = dockerfile?.kind === 'dockerfile' && stage !== undefined && shellIsBusybox(dockerfile, stage);
  const raised = (on: boolean, counter: keyof typeof inside, run: () => void) => {
    if (on) inside[counter]++;
    try {
      run();
    } finally {
      if (on) inside[counter]--;
    }
  };

  /**
   * The commands of a script (an entry script's file, or the text of `sh -c`, a package.json script),
   * in order: `cd packages/api && npm start` runs later commands there; a script that traps SIGTERM,
   * and a command the script waits for before real work (isOneOffStep), mark the leaves below them.
   */
  /** `execsLast`: a `-c` text of BusyBox's sh, which execs its last simple command; `firstHop`: that shell is the command's own. */
  const runScript = (commands: readonly ShellCommand[], placeOf: (sc: ShellCommand) => SourcePlace, chain: ChainStep[], depth: number, trailingArgs: string[], dir: string, execsLast = false, firstHop = false) => {
    let cwd = dir;
    const traps = trapsSigterm(commands);
    raised(traps, 'trap', () =>
      commands.forEach((sc, index) => {
        if (sc.argv[0] === 'cd' && sc.argv[1] !== undefined && !sc.argv[1].includes('$')) {
          cwd = changeDir(sc.argv[1], cwd);
          return;
        }
        const here = cwd;
        // Not a command in the background or at the end of a pipeline, nor under a trap (the shell stays to run it).
        const execd = execsLast && !traps && index === commands.length - 1 && !sc.background && sc.joinedBy !== '|';
        raised(execd && firstHop, 'firstShellExecs', () => raised(isOneOffStep(commands, index), 'step', () => visit(sc.argv, sc, placeOf(sc), chain, depth, !execd, trailingArgs, here)));
      }),
    );
  };

  const fromShellText = (text: string, at: SourcePlace, chain: ChainStep[], depth: number, trailingArgs: string[], dir: string, execsLast = false, firstHop = false) =>
    runScript(parseShellLine(text), (sc) => ({ ...at, line: at.line + sc.lineOffset }), chain, depth, trailingArgs, dir, execsLast, firstHop);

  const pushLeaf = (leaf: Omit<RunLeaf, 'command' | 'entries'> & { entries?: string[] }) => {
    if (leaves.length >= MAX_LEAVES) return;
    const full: RunLeaf = { command, entries: [], ...leaf, ...(inside.step > 0 ? { step: true } : {}), ...(inside.trap > 0 ? { signalsTrapped: true } : {}), ...(inside.firstShellExecs > 0 ? { firstShellExecs: true } : {}) };
    if (!full.through && full.entries.length === 0 && full.stop === undefined) {
      const found = leafTargets(model, full.argv, full.dir, toRepo);
      full.entries = found.entries;
      if (found.stop) full.stop = found.stop;
      if (found.generatedServer) full.generatedServer = found.generatedServer;
    }
    leaves.push(full);
  };

  const visit = (argv: string[], shell: ShellCommand | null, at: SourcePlace, chain: ChainStep[], depth: number, viaShell: boolean, trailingArgs: string[], dir: string) => {
    if (depth > MAX_DEPTH || leaves.length >= MAX_LEAVES) return;
    const { argv: eff, wrappers } = effectiveArgv(argv);
    const program = eff[0];
    if (program === undefined) return;
    const base = program.split('/').pop()!;
    const execs = wrappers.includes('exec');
    const leafViaShell = viaShell && !execs;
    const here: ChainStep = { ...at, label: eff.slice(0, 3).join(' ') };
    const leaf = (extra: Partial<RunLeaf> = {}) => pushLeaf({ argv: eff, wrappers, shell, at, chain, viaShell: leafViaShell, dir, ...extra });

    // "$@" in an entry script: the arguments the script was given (Dockerfile CMD after ENTRYPOINT).
    if (program === '$@' || program === '"$@"') {
      if (trailingArgs.length > 0) visit(trailingArgs, null, command.argsAt ?? command.at, [...chain, { ...at, label: 'exec "$@"' }], depth + 1, leafViaShell, [], dir);
      return;
    }
    // su -c "..." user, su user -c "...", runuser user -c "...": the command runs through the user's
    // shell, with su (or runuser) staying in front of it (signal-path.ts says what that does to SIGTERM).
    const switchedUserText = base === 'su' || base === 'runuser' ? userShellCommand(eff) : undefined;
    if (switchedUserText !== undefined) {
      fromShellText(switchedUserText, at, [...chain, here], depth + 1, [], dir);
      return;
    }
    // sh -c "..."
    if (isShellProgram(base) && eff[1] === '-c' && eff[2] !== undefined) {
      fromShellText(eff[2], at, [...chain, here], depth + 1, eff.slice(3), dir, busyboxSh && (base === 'sh' || base === 'ash'), chain.length === 0);
      return;
    }
    // sh script.sh / bash ./entry.sh / ./docker-entrypoint.sh / /usr/src/app/start.sh
    const scriptArg = isShellProgram(base) ? eff.find((a, i) => i > 0 && !a.startsWith('-')) : /\.(sh|bash)$/.test(program) || program.startsWith('./') ? program : undefined;
    if (scriptArg !== undefined) {
      // A bare name (`entrypoint.sh`) is looked up on PATH: the image's bin folders first.
      const onPath = !scriptArg.includes('/') && !isShellProgram(base) ? PATH_DIRS.map((d) => toRepo(`${d}/${scriptArg}`, dir)).find((f) => f !== undefined && model.files.get(f)?.facts.kind === 'shell') : undefined;
      const file = onPath ?? toRepo(scriptArg, dir);
      const script = file ? model.files.get(file) : undefined;
      if (file && script?.facts.kind === 'shell') {
        const key = `script:${file}`;
        if (seen.has(key)) return;
        seen.add(key);
        const args = isShellProgram(base) ? eff.slice(eff.indexOf(scriptArg) + 1) : eff.slice(1);
        const positional = args.length > 0 ? args : trailingArgs;
        const scriptChain = [...chain, { ...at, label: file }];
        // `case "$1" in serve) ... ;; migrate) ... ;; esac` given `serve`: only that arm runs.
        runScript(commandsRunWith(script.facts.commands, positional), (sc) => ({ file, line: sc.lineOffset + 1, column: 1 }), scriptChain, depth + 1, positional, dir);
        return;
      }
      if (/\.(sh|bash)$/.test(scriptArg)) {
        leaf({ stop: file ? `${scriptArg} is not a shell script of the repository (${file} not found)` : `${scriptArg} is an image path no COPY of a known Dockerfile maps to the repository` });
        return;
      }
    }
    // npm start / npm -w api run x / pnpm --filter api start / yarn workspace api start / turbo / nx
    if (SCRIPT_RUNNERS.has(base)) {
      const call = scriptCall(model, base, eff, dir, toRepo);
      if (call && 'stop' in call) {
        leaf({ stop: call.stop });
        return;
      }
      if (call) {
        let followed = false;
        for (const { pkgPath, script, scripts, cwd: targetCwd, runDir: copiedTo } of call.targets) {
          const key = `script:${pkgPath}:${script.name}`;
          if (seen.has(key)) continue;
          seen.add(key);
          if (!followed) leaf({ through: true });
          followed = true;
          // The folder the package.json is in (in the image, when the build copied it elsewhere), or
          // where an nx target says its command runs.
          const pkgDir = copiedTo ?? path.dirname(pkgPath);
          const runDir = targetCwd ?? pkgDir;
          const step: ChainStep = call.targets.length > 1 ? { ...here, label: `${here.label} (${pkgDir})` } : here;
          // npm runs `pre<name>` before and `post<name>` after a script (`prestart: npm run build`);
          // pnpm (since v7) and yarn 2+ do not, and yarn 1 cannot be told apart here.
          const hooks = base === 'npm' ? scripts.filter((s) => s.name === `pre${script.name}` || s.name === `post${script.name}`) : [];
          const runHook = (hook: typeof script) => {
            const hookKey = `script:${pkgPath}:${hook.name}`;
            if (seen.has(hookKey)) return;
            seen.add(hookKey);
            fromShellText(hook.value, { file: pkgPath, line: hook.line, column: hook.column }, [...chain, { ...step, label: `${step.label} (${hook.name})` }], depth + 1, [], runDir);
          };
          const pre = hooks.find((s) => s.name.startsWith('pre'));
          const post = hooks.find((s) => s.name.startsWith('post'));
          if (pre) runHook(pre);
          // `npm run x -- a b` appends the arguments to the script's command line.
          const text = call.extraArgs.length > 0 ? `${script.value} ${call.extraArgs.map(quoteWord).join(' ')}` : script.value;
          fromShellText(text, { file: pkgPath, line: script.line, column: script.column }, [...chain, step], depth + 1, [], runDir);
          if (post) runHook(post);
        }
        return;
      }
    }
    // npm-run-all / run-p / run-s / concurrently: their arguments name scripts or commands.
    if (base === 'npm-run-all' || base === 'run-p' || base === 'run-s' || base === 'concurrently') {
      leaf({ through: true });
      const pkgPath = dir === '.' ? 'package.json' : `${dir}/package.json`;
      const pkg = model.files.get(pkgPath)?.facts;
      for (const arg of eff.slice(1)) {
        if (arg.startsWith('-')) continue;
        if (base === 'concurrently') {
          const m = /^(npm|yarn|pnpm):(.+)$/.exec(arg);
          if (m) visit([m[1]!, 'run', m[2]!], null, at, [...chain, here], depth + 1, false, [], dir);
          else fromShellText(arg, at, [...chain, here], depth + 1, [], dir);
        } else if (pkg?.kind === 'package-json') {
          // Not a regular expression: the pattern comes from the scanned package.json.
          for (const s of pkg.scripts) if (scriptNameMatches(s.name, arg, ':')) visit(['npm', 'run', s.name], null, at, [...chain, here], depth + 1, false, [], dir);
        }
      }
      return;
    }
    // OpenFaaS's watchdog (of-watchdog, and the classic one): the image runs `fwatchdog`, which starts
    // the function's process from the `fprocess` variable (split on spaces, no shell), proxies requests
    // to it and owns its shutdown (signal-path.ts shutdownOwnedByManager).
    if (base === 'fwatchdog') {
      const fprocess = dockerfile?.kind === 'dockerfile' && stage ? expandWord('${fprocess}', dockerfile, stage, Number.MAX_SAFE_INTEGER, command.image?.args)?.trim() : undefined;
      if (!fprocess) {
        leaf({ stop: 'fwatchdog runs the process its fprocess variable names, and no ENV of the image sets it' });
        return;
      }
      leaf({ through: true });
      visit(fprocess.split(/\s+/), null, at, [...chain, here], depth + 1, false, [], dir);
      return;
    }
    // `node node_modules/pm2/bin/pm2-runtime x`: a package's binary run by node, followed as that binary.
    if (base === 'node' || base === 'nodejs') {
      const script = eff.findIndex((a, k) => k > 0 && !a.startsWith('-'));
      if (script > 0 && eff[script]!.includes('node_modules/')) {
        visit(eff.slice(script), shell, at, chain, depth + 1, viaShell, trailingArgs, dir);
        return;
      }
    }
    // pm2 / pm2-runtime with an ecosystem file: each app's script runs.
    if (/^pm2(-runtime|-docker)?$/.test(base)) {
      const operands = eff.slice(1).filter((a) => !a.startsWith('-'));
      const config = operands.find((a) => /(^|\/)(ecosystem|pm2|process)[\w.-]*\.(c?js|mjs|json|ya?ml|config\.js)$/.test(a) || /\.config\.c?js$/.test(a));
      if (config) {
        const file = toRepo(config, dir);
        const apps = file ? pm2AppsOf(model, file) : undefined;
        if (!apps) {
          leaf({ stop: `pm2 ecosystem file ${config} not found in the repository${file ? ` (${file})` : ''}` });
          return;
        }
        leaf({ through: true });
        for (const app of apps) {
          if (!app.script) continue;
          const appDir = app.cwd ? (toRepo(app.cwd, path.dirname(file!)) ?? path.dirname(file!)) : path.dirname(file!);
          const scriptWords = app.interpreter && app.interpreter !== 'node' && app.interpreter !== 'none' ? [app.interpreter, app.script] : ['node', app.script];
          const argvWords = /\.(m?js|cjs|ts|mts|cts)$/.test(app.script) ? scriptWords : [app.script, ...(app.args ?? [])];
          visit(argvWords, null, { file: file!, line: app.line, column: app.column }, [...chain, here], depth + 1, false, [], appDir);
        }
        return;
      }
    }
    // gulp <task>: the gulpfile's task, read statically, and the processes it starts (gulp runs in the gulpfile's folder).
    if (base === 'gulp' || (base === 'npx' && eff[1] === 'gulp')) {
      const args = eff.slice(base === 'npx' ? 2 : 1);
      let fileArg: string | undefined;
      let cwd = dir;
      const names: string[] = [];
      for (let i = 0; i < args.length; i++) {
        const a = args[i]!;
        const [flag, inline] = a.includes('=') ? [a.slice(0, a.indexOf('=')), a.slice(a.indexOf('=') + 1)] : [a, undefined];
        if (flag === '--gulpfile' || flag === '-f' || flag === '--cwd') {
          const v = inline ?? args[++i];
          if (v !== undefined && flag === '--cwd') cwd = toRepo(v, dir) ?? cwd;
          else if (v !== undefined) fileArg = v;
        } else if (!a.startsWith('-')) names.push(a);
      }
      const task = names[0] ?? 'default';
      const file = fileArg !== undefined ? toRepo(fileArg, cwd) : findGulpfile(model, cwd);
      const facts = file ? model.files.get(file)?.facts : undefined;
      const found = facts?.kind === 'ts' ? facts.gulpTasks?.find((t) => t.name === task) : undefined;
      if (!file || !found) {
        leaf({ stop: file && facts?.kind === 'ts' ? `gulp task ${task} not found statically in ${file}` : `gulpfile not found in the repository${file ? ` (${file})` : ''}` });
        return;
      }
      if (found.runs.length === 0) {
        leaf({ stop: `gulp task ${task} (${file}) starts no process the audit can read statically` });
        return;
      }
      leaf({ through: true });
      const gulpDir = path.dirname(/\/index\.[\w]+$/.test(file) && /gulpfile\.js\//.test(file) ? path.dirname(file) : file);
      const taskChain = [...chain, here, { file, line: found.line, column: found.column, label: `gulp task ${task}` }];
      for (const run of found.runs) {
        const place = { file, line: run.line, column: run.column };
        if (run.argv) visit(run.argv, null, place, taskChain, depth + 1, false, [], gulpDir);
        else if (run.text !== undefined) fromShellText(run.text, place, taskChain, depth + 1, [], gulpDir);
      }
      return;
    }
    // nps start / nps <script>: package-scripts.js
    if (base === 'nps' || (base === 'npx' && eff[1] === 'nps')) {
      const name = eff.slice(base === 'npx' ? 2 : 1).find((a) => !a.startsWith('-')) ?? 'default';
      const file = ['package-scripts.js', 'package-scripts.cjs', 'package-scripts.mjs'].map((f) => safeJoin(dir, f)).find((f) => f && model.files.get(f)?.kind === 'ts');
      const facts = file ? model.files.get(file)?.facts : undefined;
      const value = facts?.kind === 'ts' && facts.configObject ? npsScript(facts.configObject, name) : undefined;
      if (!file || !value) {
        leaf({ stop: file ? `nps script ${name} not found statically in ${file}` : 'nps package-scripts.js not found' });
        return;
      }
      leaf({ through: true });
      fromShellText(value.text, { file, line: value.line, column: value.column }, [...chain, here], depth + 1, [], dir);
      return;
    }
    leaf();
  };

  if (command.form === 'shell') {
    fromShellText(command.argv.join(' '), command.at, [], 0, [], startDir, busyboxSh, true);
  } else {
    visit(command.argv, null, command.at, [], 0, false, [], startDir);
  }
  return leaves;
}

interface ScriptTarget {
  /** The package.json (or nx project.json) that holds the script. */
  pkgPath: string;
  /** The folder its scripts run in, when the image build copied the package.json there from elsewhere. */
  runDir?: string;
  script: { name: string; value: string; line: number; column: number };
  scripts: Array<{ name: string; value: string; line: number; column: number }>;
  /** Where the script runs when not in pkgPath's folder (nx run-commands run at the workspace root). */
  cwd?: string;
}

/**
 * The package.json scripts a package-manager or task-runner command runs, in the folder or the
 * workspace packages it names; `{stop}` when it names them but they cannot be found; undefined when
 * the command runs no script (`npm ci`, `yarn tsc`: a binary).
 */
function scriptCall(model: ProjectModel, base: string, argv: string[], dir: string, toRepo: (p: string, dir: string) => string | undefined): { targets: ScriptTarget[]; extraArgs: string[] } | { stop: string } | undefined {
  const positional: string[] = [];
  const dashDash = argv.indexOf('--');
  let extraArgs = dashDash >= 0 ? argv.slice(dashDash + 1) : [];
  const selectors: string[] = [];
  let cwd = dir;
  let all = false;
  const valueOf = (i: number, a: string): [string | undefined, number] => {
    const eq = a.indexOf('=');
    return eq > 0 ? [a.slice(eq + 1), i] : [argv[i + 1], i + 1];
  };
  for (let i = 1; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--') break;
    if (!a.startsWith('-')) {
      positional.push(a);
      continue;
    }
    const flag = a.split('=')[0]!;
    if (flag === '--prefix' || flag === '--dir' || flag === '--cwd' || (flag === '-C' && base !== 'turbo')) {
      const [v, next] = valueOf(i, a);
      i = next;
      if (v !== undefined) cwd = toRepo(v, dir) ?? cwd;
    } else if (flag === '--workspace' || flag === '--filter' || flag === '--filter-prod' || flag === '-F' || flag === '--scope' || flag === '--projects' || flag === '-p' || (flag === '-w' && base === 'npm') || ((flag === '--include' || flag === '--from') && base === 'yarn')) {
      const [v, next] = valueOf(i, a);
      i = next;
      if (v !== undefined) selectors.push(...v.split(','));
    } else if ((flag === '--exclude' && base === 'yarn') || (flag === '--ignore' && base === 'lerna')) {
      // yarn workspaces foreach --exclude, lerna --ignore: the pnpm `!name` selector.
      const [v, next] = valueOf(i, a);
      i = next;
      if (v !== undefined) selectors.push(...v.split(',').map((x) => `!${x}`));
    } else if ((flag === '-j' || flag === '--jobs') && base === 'yarn') {
      i = valueOf(i, a)[1];
    } else if (flag === '--workspaces' || flag === '-ws' || flag === '-r' || flag === '--recursive') {
      all = true;
    } else if (flag === '--target' || flag === '-t') {
      const [v, next] = valueOf(i, a);
      i = next;
      if (v !== undefined && base === 'nx') positional.push(v);
    }
  }
  let name: string | undefined;
  if (base === 'npm') {
    const [sub, arg] = positional;
    if (sub === 'run' || sub === 'run-script' || sub === 'rum' || sub === 'urn') name = arg;
    else if (sub === 'start' || sub === 'restart' || sub === 'stop') name = sub;
    else if (sub === 'test' || sub === 't' || sub === 'tst') name = 'test';
    else return undefined;
  } else if (base === 'yarn') {
    let rest = positional;
    if (rest[0] === 'workspace' && rest[1] !== undefined) {
      selectors.push(rest[1]);
      rest = rest.slice(2);
    } else if (rest[0] === 'workspaces') {
      // `yarn workspaces foreach [-A] [--include x] run start` (berry), `yarn workspaces run start` (yarn 1):
      // every workspace that has the script.
      if (rest[1] !== 'foreach' && rest[1] !== 'run') return undefined;
      rest = rest.slice(rest[1] === 'run' ? 1 : 2);
      if (rest[0] !== 'run' && rest.length > 1) return undefined;
      if (selectors.every((x) => x.startsWith('!'))) all = true;
    }
    name = rest[0] === 'run' ? rest[1] : rest[0];
    if (name === undefined || ['install', 'add', 'remove', 'exec', 'dlx', 'global', 'node', 'upgrade', 'config'].includes(name)) return undefined;
  } else if (base === 'pnpm' || base === 'bun') {
    name = positional[0] === 'run' || positional[0] === 'run-script' ? positional[1] : positional[0];
    if (name === undefined || ['install', 'i', 'add', 'exec', 'dlx', 'x', 'remove', 'prune', 'deploy', 'fetch'].includes(name)) return undefined;
  } else if (base === 'turbo' || base === 'lerna') {
    name = positional[0] === 'run' ? positional[1] : base === 'turbo' ? positional[0] : undefined;
    if (!name) return undefined;
    if (selectors.length === 0) all = true;
  } else if (base === 'nx') {
    if (positional[0] === 'run' && positional[1]?.includes(':')) {
      const [project, target] = positional[1].split(':');
      selectors.push(project!);
      name = target;
    } else if (positional[0] === 'run-many') {
      name = positional[1];
      if (selectors.length === 0) all = true;
    } else if (positional.length >= 2) {
      name = positional[0];
      selectors.push(positional[1]!);
    } else return undefined;
    if (!name) return undefined;
  }
  if (!name) return undefined;
  // `npm start serve`, `yarn start serve`: the words after the script's name are its arguments too
  // (npm 7+, yarn, pnpm, bun), before any after `--`.
  if (base === 'npm' || base === 'yarn' || base === 'pnpm' || base === 'bun') {
    const at = positional.indexOf(name);
    if (at >= 0 && at + 1 < positional.length) extraArgs = [...positional.slice(at + 1), ...extraArgs];
  }
  if (base === 'nx') {
    const nx = nxTargets(model, selectors, all, name);
    if (nx) return 'stop' in nx ? nx : { targets: nx, extraArgs };
  }
  // npm, yarn and pnpm run the scripts of the nearest package.json at or above the folder.
  const nearest = model.packageJsonFor(cwd === '.' ? 'package.json' : `${cwd}/package.json`)?.path ?? (cwd === '.' ? 'package.json' : `${cwd}/package.json`);
  // No package.json there in the repository: the image build may have copied one there (`RUN cp install/package.json .`).
  const copied = selectors.length === 0 && !all && !model.files.has(nearest) ? toRepo('package.json', cwd) : undefined;
  const imagePkg = copied !== undefined && copied !== nearest && model.files.get(copied)?.kind === 'package-json' ? copied : undefined;
  const pkgPaths = selectors.length > 0 ? workspacePackages(model, selectors, cwd, toRepo) : all ? model.ofKind('package-json').filter((p) => !p.isTest).map((p) => p.path) : [imagePkg ?? nearest];
  if (pkgPaths.length === 0) return { stop: `no package of the repository is named ${selectors.join(', ')}` };
  const targets: ScriptTarget[] = [];
  for (const pkgPath of [...new Set(pkgPaths)].sort()) {
    const pkg = model.files.get(pkgPath)?.facts;
    if (pkg?.kind !== 'package-json') continue;
    const script = pkg.scripts.find((s) => s.name === name);
    if (script) targets.push({ pkgPath, script, scripts: pkg.scripts, ...(pkgPath === imagePkg ? { runDir: cwd } : {}) });
  }
  if (targets.length > 0) return { targets, extraArgs };
  // yarn, pnpm and bun run a binary of that name when no script has it.
  if ((base === 'yarn' || base === 'pnpm' || base === 'bun') && positional[0] !== 'run' && selectors.length === 0 && model.files.has(pkgPaths[0]!)) return undefined;
  if (base === 'nx') return { stop: `nx target ${name} is neither a project.json target nor a package.json script` };
  const where = pkgPaths.length === 1 ? pkgPaths[0]! : `${pkgPaths.length} packages`;
  return { stop: model.files.has(pkgPaths[0]!) || pkgPaths.length > 1 ? `scripts.${name} not found in ${where}` : `${where} not found in the repository` };
}

/**
 * What `nx run p:t` runs when project.json defines the target: the commands of nx:run-commands (at
 * the workspace root or options.cwd), the package.json script of nx:run-script, `node <main>` of the
 * build target a node executor names; a stop for other executors. undefined when no project.json
 * defines it (nx then runs the package.json script of that name).
 */
function nxTargets(model: ProjectModel, selectors: string[], all: boolean, name: string): ScriptTarget[] | { stop: string } | undefined {
  const projects: Array<{ file: string; name: string; project: NxProject }> = [];
  for (const f of model.ofKind('structured')) {
    if (f.isTest || !/(^|\/)project\.json$/.test(f.path) || !f.facts.docs[0]) continue;
    const project = nxProject(f.facts.docs[0]);
    if (!project) continue;
    const dir = path.dirname(f.path);
    const pkg = model.files.get(dir === '.' ? 'package.json' : `${dir}/package.json`)?.facts;
    projects.push({ file: f.path, name: project.name ?? (pkg?.kind === 'package-json' ? pkg.name : undefined) ?? path.basename(dir), project });
  }
  const positive = selectors.filter((x) => !x.startsWith('!'));
  const negative = selectors.filter((x) => x.startsWith('!')).map((x) => x.slice(1));
  const chosen = projects.filter((p) => (positive.length === 0 ? all || negative.length > 0 : positive.some((x) => scriptNameMatches(p.name, x, '\0'))) && !negative.some((x) => scriptNameMatches(p.name, x, '\0')));
  const targets: ScriptTarget[] = [];
  const stops: string[] = [];
  for (const { file, name: projectName, project } of chosen.sort((a, b) => (a.file < b.file ? -1 : 1))) {
    const target = project.targets.get(name);
    if (!target) continue;
    // nx runs commands and executors from the workspace root (the folder of nx.json).
    const root = nxWorkspaceRoot(model, file);
    const projectDir = path.dirname(file);
    if (target.kind === 'commands') {
      const cwd = target.cwd !== undefined ? (safeJoin(root, target.cwd) ?? root) : root;
      target.commands.forEach((c, i) => targets.push({ pkgPath: file, script: { name: i === 0 ? name : `${name}#${i}`, value: c.text, line: c.line, column: c.column }, scripts: [], cwd }));
      if (target.commands.length === 0) stops.push(`nx target ${projectName}:${name} runs nx:run-commands without a command`);
    } else if (target.kind === 'script') {
      const pkg = model.files.get(projectDir === '.' ? 'package.json' : `${projectDir}/package.json`)?.facts;
      const script = pkg?.kind === 'package-json' ? pkg.scripts.find((x) => x.name === target.script) : undefined;
      if (script && pkg?.kind === 'package-json') targets.push({ pkgPath: path.join(projectDir, 'package.json'), script, scripts: pkg.scripts });
      else stops.push(`nx target ${projectName}:${name} runs scripts.${target.script}, not found in ${path.join(projectDir, 'package.json')}`);
    } else if (target.kind === 'node') {
      const [buildProject, buildName] = target.buildTarget.includes(':') ? target.buildTarget.split(':') : [projectName, target.buildTarget];
      const owner = buildProject === projectName ? project : projects.find((p) => p.name === buildProject)?.project;
      const build = owner?.targets.get(buildName!);
      if (build?.kind === 'build' && build.main) targets.push({ pkgPath: file, script: { name, value: `node ${quoteWord(build.main.value)}`, line: build.main.line, column: build.main.column }, scripts: [], cwd: root });
      else stops.push(`nx target ${projectName}:${name} runs the build target ${target.buildTarget}, which names no main file`);
    } else if (target.kind === 'build') {
      stops.push(`nx run ${projectName}:${name} is a build, a one-off tool, not the service`);
    } else {
      stops.push(`nx target ${projectName}:${name} runs executor ${target.executor}, not followed`);
    }
  }
  if (targets.length > 0) return targets;
  return stops.length > 0 ? { stop: stops[0]! } : undefined;
}

/** The folder of the nearest nx.json at or above a file (the repository root when there is none). */
function nxWorkspaceRoot(model: ProjectModel, file: string): string {
  for (let dir = path.dirname(file); ; dir = path.dirname(dir)) {
    if (model.files.has(dir === '.' ? 'nx.json' : `${dir}/nx.json`)) return dir;
    if (dir === '.' || dir === '/' || dir === '') return '.';
  }
}

/**
 * package.json paths of the workspace packages the selectors name, pnpm `--filter` grammar: a package
 * name (wildcards allowed), a folder (`./apps/api`, `{apps/*}`), `name...` with its dependencies,
 * `...name` with its dependents, `^` to leave the package itself out, `!sel` to exclude (alone:
 * every package but those).
 */
function workspacePackages(model: ProjectModel, selectors: string[], dir: string, toRepo: (p: string, dir: string) => string | undefined): string[] {
  const packages = model.ofKind('package-json').filter((p) => !p.isTest);
  const include = new Set<string>();
  const exclude = new Set<string>();
  for (const selector of selectors) {
    const negated = selector.startsWith('!');
    const target = negated ? exclude : include;
    for (const p of selectedPackages(model, negated ? selector.slice(1) : selector, dir, toRepo)) target.add(p);
  }
  const base = selectors.every((x) => x.startsWith('!')) ? packages.map((p) => p.path) : [...include];
  return base.filter((p) => !exclude.has(p));
}

function selectedPackages(model: ProjectModel, selector: string, dir: string, toRepo: (p: string, dir: string) => string | undefined): string[] {
  const leading = /^\.\.\.(\^)?/.exec(selector);
  const trailing = /(\^)?\.\.\.$/.exec(selector);
  let s = selector.slice(leading ? leading[0].length : 0, selector.length - (trailing && trailing.index >= (leading?.[0].length ?? 0) ? trailing[0].length : 0));
  // `name[origin/main]`: a changed-since selector after the name; alone it names no package statically.
  const bracket = s.indexOf('[');
  if (bracket >= 0 && s.endsWith(']')) s = s.slice(0, bracket);
  if (s === '') return [];
  const roots = selectorRoots(model, s, dir, toRepo);
  const out = new Set(leading?.[1] || trailing?.[1] ? [] : roots);
  if (trailing) for (const p of workspaceClosure(model, roots, 'dependencies')) out.add(p);
  if (leading) for (const p of workspaceClosure(model, roots, 'dependents')) out.add(p);
  return [...out];
}

/** The packages one selector names, without graph operators: a name (wildcards allowed) or a folder. */
function selectorRoots(model: ProjectModel, selector: string, dir: string, toRepo: (p: string, dir: string) => string | undefined): string[] {
  const packages = model.ofKind('package-json').filter((p) => !p.isTest);
  const braced = /^\{(.*)\}$/.exec(selector);
  const s = braced ? braced[1]! : selector;
  if (braced || s.startsWith('.') || s.startsWith('/')) {
    // A folder, or a folder glob (`{apps/**}`, `./packages/*`), from the folder the command runs in.
    if (/[*?]/.test(s)) {
      const glob = path.normalize(path.join(dir, s.replace(/^\.\//, ''))).replace(/\/$/, '');
      return packages.filter((p) => pathGlobMatches(path.dirname(p.path), glob)).map((p) => p.path);
    }
    return packageAt(model, toRepo(s, dir) ?? toRepo(s, '.'));
  }
  const named = packages.filter((p) => p.facts.name !== undefined && scriptNameMatches(p.facts.name, s, '\0')).map((p) => p.path);
  if (named.length > 0) return named;
  // npm -w apps/api names a folder; nx names projects by folder when package.json has no name.
  const folder = packageAt(model, toRepo(s, dir) ?? toRepo(s, '.'));
  if (folder.length > 0) return folder;
  return packages.filter((p) => path.basename(path.dirname(p.path)) === s && !s.includes('/')).map((p) => p.path);
}

function packageAt(model: ProjectModel, folder: string | undefined): string[] {
  const pkgPath = folder === undefined ? undefined : folder === '.' ? 'package.json' : `${folder}/package.json`;
  return pkgPath && model.files.get(pkgPath)?.kind === 'package-json' ? [pkgPath] : [];
}

/** Workspace packages the roots depend on (or that depend on them), transitively, by package name. */
function workspaceClosure(model: ProjectModel, roots: string[], direction: 'dependencies' | 'dependents'): string[] {
  const packages = model.ofKind('package-json').filter((p) => !p.isTest);
  const byName = new Map(packages.flatMap((p) => (p.facts.name ? [[p.facts.name, p.path] as const] : [])));
  const edges = new Map<string, string[]>();
  for (const p of packages) {
    for (const d of p.facts.dependencies) {
      const to = byName.get(d.name);
      if (to === undefined || to === p.path || d.section === 'peerDependencies') continue;
      const [from, into] = direction === 'dependencies' ? [p.path, to] : [to, p.path];
      const list = edges.get(from) ?? [];
      list.push(into);
      edges.set(from, list);
    }
  }
  const seen = new Set<string>(roots);
  const queue = [...roots];
  while (queue.length > 0) for (const next of edges.get(queue.shift()!) ?? []) if (!seen.has(next)) (seen.add(next), queue.push(next));
  return [...seen].filter((p) => !roots.includes(p));
}

/**
 * The source files a simple command starts, or why it stops: `node dist/main.js` (build outputs
 * mapped back through tsconfig outDir/rootDir), ts-node/tsx/nodemon/bun, `npx ts-node`, `fastify
 * start app.js` (the plugin is the server), `nest start` (nest-cli.json), pm2 with a script.
 */
function leafTargets(model: ProjectModel, argv: string[], dir: string, toRepo: (p: string, dir: string) => string | undefined): { entries: string[]; stop?: string; generatedServer?: string } {
  let words = argv;
  const head = (words[0] ?? '').split('/').pop() ?? '';
  // Package runners: `npx ts-node x.ts`, `pnpm exec tsx x.ts`, `yarn node x.js`.
  if (head === 'npx' || head === 'bunx' || ((head === 'pnpm' || head === 'yarn' || head === 'npm') && (words[1] === 'exec' || words[1] === 'node' || words[1] === 'dlx'))) {
    words = words.slice(head === 'npx' || head === 'bunx' ? 1 : words[1] === 'node' ? 1 : 2);
    while (words[0]?.startsWith('-')) words = words.slice(words[0] === '-p' || words[0] === '--package' ? 2 : 1);
    if (words[0] === '--') words = words.slice(1);
    words = effectiveArgv(words).argv;
  }
  const program = words[0];
  if (program === undefined) return { entries: [], stop: 'empty command' };
  if (/[*?[\]]/.test(program)) return { entries: [], stop: `${program} is shell syntax (a pattern), not a command` };
  if (program.startsWith('-')) return { entries: [], stop: `arguments (${program}) to the image's own entrypoint, a program from the image` };
  const base = program.split('/').pop()!;
  const dirs = repoDirs(model);
  const source = (p: string, where: string): string | undefined => {
    const repoPath = toRepo(p, where);
    if (repoPath === undefined) return undefined;
    const hit = model.sourceForRuntimePath(repoPath, '.');
    if (hit) return hit;
    // A folder the build generates (`build/dist/server.js` after `cp -r dist build/`): without it.
    const parts = repoPath.split('/');
    for (let i = 0; i < parts.length - 1; i++) {
      const prefix = parts.slice(0, i + 1).join('/');
      if (dirs.has(prefix)) continue;
      const without = [...parts.slice(0, i), ...parts.slice(i + 1)].join('/');
      return model.sourceForRuntimePath(without, '.');
    }
    return undefined;
  };
  if (HARMLESS_COMMANDS.has(base)) return { entries: [], stop: `${base} is a shell utility` };
  if (/^pm2(-runtime|-docker)?$/.test(base) || base === 'forever') {
    const script = words.slice(1).find((a) => !a.startsWith('-') && a !== 'start' && a !== 'run');
    if (!script) return { entries: [], stop: `${base} without a script or ecosystem file` };
    const hit = /\.(m?js|cjs|ts|mts|cts)$/.test(script) ? source(script, dir) : undefined;
    return hit ? { entries: [hit] } : { entries: [], stop: `${base} runs ${script}, which is not mapped to a source file of the repository` };
  }
  if (NODE_PROGRAMS.test(base)) {
    for (let i = 1; i < words.length; i++) {
      const arg = words[i]!;
      if (arg === 'watch' || arg === 'run' || arg === '--') continue;
      if (arg === '-e' || arg === '--eval' || arg === '-p' || arg === '--print') return { entries: [], stop: `${base} ${arg} runs inline code` };
      if (NODE_VALUE_OPTIONS.has(arg)) {
        i++;
        continue;
      }
      if (arg.startsWith('-')) continue;
      if (arg.startsWith('$')) return { entries: [], stop: `the script is a variable (${arg}), known only at run time` };
      const isFolderArg = arg === '.' || arg === './' || arg === '..';
      const direct = isFolderArg ? undefined : source(arg, dir);
      if (direct) return { entries: withBuiltImports(model, direct) };
      // `node .` / `node packages/api`: a folder runs its package.json main, else its index.js.
      const folder = isFolderArg || !/\.[\w-]+$/.test(arg) ? toRepo(arg, dir) : undefined;
      if (folder !== undefined && dirs.has(folder)) {
        const pkg = model.files.get(folder === '.' ? 'package.json' : `${folder}/package.json`)?.facts;
        const main = pkg?.kind === 'package-json' && pkg.main ? pkg.main.value : 'index.js';
        const inFolder = source(main, folder);
        return inFolder ? { entries: [inFolder] } : { entries: [], stop: `${arg} runs ${path.join(folder, main)}, which is not mapped to a source file of the repository` };
      }
      const repoPath = toRepo(arg, dir);
      if (repoPath === undefined) return { entries: [], stop: `${arg} is an image path no COPY of a known Dockerfile maps to the repository` };
      if (/(^|\/)server\.js$/.test(arg) && nextStandalone(model, dir)) return { entries: [], stop: `${arg} is the Next.js standalone server generated by next build`, generatedServer: 'the Next.js standalone server' };
      return { entries: [], stop: `${arg} is not a source file of the repository, nor a build output mapped back to one (${repoPath})` };
    }
    if (base === 'nodemon') return { entries: [], stop: 'nodemon without a script (nodemon.json or package.json main decides)' };
    return { entries: [], stop: `${base} without a script` };
  }
  if (base === 'fastify' && words[1] === 'start') {
    // fastify-cli loads the plugin the file exports and starts the server itself.
    const operands: string[] = [];
    for (let i = 2; i < words.length; i++) {
      const a = words[i]!;
      if (a.startsWith('-')) {
        if (!a.includes('=') && /^-(p|a|l|x|r|T|s|-port|-address|-log-level|-prefix|-require|-plugin-timeout|-socket|-options|-body-limit|-import)$/.test(a)) i++;
        continue;
      }
      operands.push(a);
    }
    const hit = operands[0] ? source(operands[0], dir) : undefined;
    return hit ? { entries: [hit] } : { entries: [], stop: `fastify start ${operands[0] ?? ''}: the plugin file is not a source file of the repository` };
  }
  if (base === 'nest' && words[1] === 'start') {
    const entryFlag = words.indexOf('--entryFile');
    const pkg = model.packageJsonFor(dir === '.' ? 'package.json' : `${dir}/package.json`);
    const pkgDir = pkg ? path.dirname(pkg.path) : dir;
    const nestCli = model.files.get(pkgDir === '.' ? 'nest-cli.json' : `${pkgDir}/nest-cli.json`)?.facts;
    const config = nestCli?.kind === 'structured' && nestCli.docs[0] && typeof nestCli.docs[0].value === 'object' && nestCli.docs[0].value !== null ? (nestCli.docs[0].value as Record<string, unknown>) : {};
    const sourceRoot = typeof config.sourceRoot === 'string' ? config.sourceRoot : 'src';
    const entryFile = entryFlag > 0 && words[entryFlag + 1] ? words[entryFlag + 1]! : typeof config.entryFile === 'string' ? config.entryFile : 'main';
    const hit = model.resolveSourcePath(path.normalize(path.join(pkgDir, sourceRoot, entryFile)));
    return hit ? { entries: [hit] } : { entries: [], stop: `nest start: ${path.join(pkgDir, sourceRoot, entryFile)} not found` };
  }
  if (base === 'remix-serve' || base === 'react-router-serve') {
    return { entries: [], stop: `${words.slice(0, 2).join(' ')} is a framework server: ${base === 'remix-serve' ? 'Remix' : 'React Router'} builds it from ${routerAppFolder(model, dir)}, not one source file` };
  }
  if (/^(next|nuxt|nuxi|astro|vite|serve|http-server|gatsby|svelte-kit)$/.test(base)) {
    return { entries: [], stop: `${words.slice(0, 2).join(' ')} is a framework server: the framework, not one source file, starts the app` };
  }
  // An executable JavaScript launcher (`./bin/www`, its shebang runs node).
  const launcher = program.includes('/') && !/\.[\w-]+$/.test(base) ? toRepo(program, dir) : undefined;
  if (launcher !== undefined && model.files.get(launcher)?.facts.kind === 'ts') return { entries: withBuiltImports(model, launcher) };
  if (/\.(m?js|cjs|ts|mts|cts)$/.test(program)) {
    const hit = source(program, dir);
    return hit ? { entries: [hit] } : { entries: [], stop: `${program} is not a source file of the repository` };
  }
  if (ONE_OFF_TOOL.test(words.slice(0, 3).join(' '))) return { entries: [], stop: `${words.slice(0, 3).join(' ')} is a one-off tool, not the service` };
  if (SCRIPT_RUNNERS.has(base) || base === 'npm-run-all' || base === 'run-p' || base === 'run-s' || base === 'concurrently') return { entries: [], stop: `${words.slice(0, 3).join(' ')} runs no script of the repository` };
  const asFile = toRepo(program, dir);
  if (program.includes('/') && asFile && model.files.has(asFile)) return { entries: [], stop: `${program} is a ${model.files.get(asFile)!.kind} file, not followed` };
  // A path names a file the image holds, maybe from the repository (an extensionless launcher);
  // a bare name is a program installed in the image.
  if (program.includes('/') && asFile !== undefined && model.packageJsonFor(asFile) !== undefined && !/^\/(usr|bin|sbin|opt)\//.test(program)) {
    return { entries: [], stop: `${program} is not a source file the audit reads (an extensionless launcher or a generated file)` };
  }
  return { entries: [], stop: `${base} is a program from the image, not a file of the repository` };
}

/**
 * An entry and the sources of the build outputs it requires: a launcher (`bin/parse-server`:
 * `require('../lib/cli/parse-server')`) starts code the repository holds only as source, which the
 * import graph does not reach (the build output is not in the repository).
 */
function withBuiltImports(model: ProjectModel, entry: string): string[] {
  const facts = model.files.get(entry)?.facts;
  // Only launchers: a server file importing a framework's build (`./build/server/index.js` of Remix)
  // is itself the entry, and its build is not a mirror of one source folder.
  if (facts?.kind !== 'ts' || path.basename(entry).includes('.')) return [entry];
  const out = [entry];
  // The package's tsconfig (outDir/rootDir) decides where its build output comes from.
  const pkgDir = path.dirname(model.packageJsonFor(entry)?.path ?? 'package.json');
  for (const imp of facts.imports) {
    if (imp.typeOnly || imp.lazy || !imp.specifier.startsWith('.') || model.resolveImport(entry, imp.specifier) !== undefined) continue;
    const target = path.join(path.dirname(entry), imp.specifier);
    const inPackage = pkgDir === '.' ? target : target.startsWith(`${pkgDir}/`) ? target.slice(pkgDir.length + 1) : undefined;
    const built = inPackage !== undefined ? model.sourceForRuntimePath(inPackage, pkgDir) : model.sourceForRuntimePath(target, '.');
    if (built && !out.includes(built)) out.push(built);
  }
  return out;
}

/** The app folder a Remix / React Router build comes from: `appDirectory` of its config, else `app/`. */
function routerAppFolder(model: ProjectModel, dir: string): string {
  const pkg = model.packageJsonFor(dir === '.' ? 'package.json' : `${dir}/package.json`);
  const pkgDir = pkg ? path.dirname(pkg.path) : dir;
  let appDirectory = 'app';
  for (const name of ['react-router.config.ts', 'react-router.config.js', 'remix.config.js', 'remix.config.mjs', 'remix.config.cjs']) {
    const facts = model.files.get(pkgDir === '.' ? name : `${pkgDir}/${name}`)?.facts;
    const config = facts?.kind === 'ts' ? facts.configObject : undefined;
    const value = config?.kind === 'object' ? config.entries.find((e) => e.key === 'appDirectory')?.value : undefined;
    if (value?.kind === 'literal' && typeof value.value === 'string') appDirectory = value.value;
    if (config) break;
  }
  const folder = safeJoin(pkgDir, appDirectory) ?? appDirectory;
  const root = model.resolveSourcePath(`${folder}/root`);
  return root ? `${folder}/ (${root})` : `${folder}/ (not found in the repository)`;
}

function nextStandalone(model: ProjectModel, dir: string): boolean {
  const pkg = model.packageJsonFor(dir === '.' ? 'package.json' : `${dir}/package.json`);
  return [...model.files.keys()].some((f) => NEXT_CONFIG_NAMES.includes(path.basename(f))) || (pkg?.facts.dependencies ?? []).some((d) => d.name === 'next');
}

/** The gulpfile gulp-cli finds from a folder: there or in a folder above. */
function findGulpfile(model: ProjectModel, dir: string): string | undefined {
  const names = ['gulpfile.js', 'gulpfile.ts', 'gulpfile.mjs', 'gulpfile.cjs', 'gulpfile.babel.js', 'gulpfile.js/index.js', 'gulpfile.js/index.ts'];
  for (let d = dir; ; d = path.dirname(d)) {
    const hit = names.map((n) => (d === '.' ? n : `${d}/${n}`)).find((f) => model.files.get(f)?.facts.kind === 'ts');
    if (hit) return hit;
    if (d === '.' || d === '/' || d === '') return undefined;
  }
}

/** pm2 apps of an ecosystem file (JS by its static object, JSON or YAML by its document). */
function pm2AppsOf(model: ProjectModel, file: string): ReturnType<typeof pm2Apps> | undefined {
  const facts = model.files.get(file)?.facts;
  if (facts?.kind === 'ts') return facts.configObject ? pm2Apps(facts.configObject) : undefined;
  if (facts?.kind === 'structured' && facts.docs[0]) return pm2Apps(fromDoc(facts.docs[0].value));
  return undefined;
}

function fromDoc(value: unknown, depth = 0): StaticValue {
  if (depth > 20) return { kind: 'unknown', line: 1, column: 1 };
  if (Array.isArray(value)) return { kind: 'array', items: value.map((v) => fromDoc(v, depth + 1)), line: 1, column: 1 };
  if (value !== null && typeof value === 'object') return { kind: 'object', entries: Object.entries(value).map(([key, v]) => ({ key, value: fromDoc(v, depth + 1) })), line: 1, column: 1 };
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return { kind: 'literal', value, line: 1, column: 1 };
  return { kind: 'unknown', line: 1, column: 1 };
}

/** `scripts.start` of nps package-scripts.js: a string, or `{script: '...'}`, `default` for `nps`. */
function npsScript(config: StaticValue, name: string): { text: string; line: number; column: number } | undefined {
  let node = config.kind === 'object' ? config.entries.find((e) => e.key === 'scripts')?.value : undefined;
  for (const part of name.split('.')) {
    if (node?.kind !== 'object') return undefined;
    node = node.entries.find((e) => e.key === part)?.value;
  }
  if (node?.kind === 'object') node = node.entries.find((e) => e.key === 'script')?.value ?? node.entries.find((e) => e.key === 'default')?.value;
  if (node?.kind === 'object') node = node.entries.find((e) => e.key === 'script')?.value;
  return node?.kind === 'literal' && typeof node.value === 'string' ? { text: node.value, line: node.line, column: node.column } : undefined;
}

/** Every folder that holds a file of the model (for COPY sources that are folders). */
function repoDirs(model: ProjectModel): Set<string> {
  return model.memo('run-commands:dirs', () => {
    const dirs = new Set<string>(['.']);
    for (const f of model.files.keys()) for (let d = path.dirname(f); d !== '.' && !dirs.has(d); d = path.dirname(d)) dirs.add(d);
    return dirs;
  });
}

/**
 * The build context of a Dockerfile nothing names one for: its folder, unless its COPY sources are
 * only found from the repository root (`COPY apps/web ./` in apps/web/Dockerfile built with `-f`).
 */
function inferredContext(model: ProjectModel, dfPath: string): string {
  const dir = path.dirname(dfPath);
  if (dir === '.') return dir;
  const facts = model.files.get(dfPath)?.facts;
  if (facts?.kind !== 'dockerfile') return dir;
  const dirs = repoDirs(model);
  const exists = (p: string | undefined) => p !== undefined && (model.files.has(p) || dirs.has(p));
  let fromDir = 0;
  let fromRoot = 0;
  for (const stage of facts.stages) {
    for (const ins of stage.instructions) {
      if ((ins.keyword !== 'COPY' && ins.keyword !== 'ADD') || ins.flags.some((f) => f.startsWith('--from='))) continue;
      const words = ins.execForm ?? ins.text.split(/\s+/).filter(Boolean);
      for (const word of words.slice(0, -1)) {
        const src = expandWord(word, facts, stage, ins.line);
        if (src === undefined || src === '.' || src === './' || /[*?$]/.test(src) || src.startsWith('/')) continue;
        // `COPY ./dist/packages/api .`: a build output, found by the folder it was built from.
        const built = src.replace(/^\.\//, '').replace(/^(dist|build|out)\//, '');
        const inDir = exists(safeJoin(dir, src)) || (built !== src.replace(/^\.\//, '') && exists(safeJoin(dir, built)));
        const inRoot = exists(safeJoin('.', src)) || (built !== src.replace(/^\.\//, '') && exists(safeJoin('.', built)));
        // `COPY package.json .` is found in both places in a workspace package: it decides nothing.
        if (inDir && inRoot) continue;
        if (inDir) fromDir++;
        else if (inRoot) fromRoot++;
      }
    }
  }
  return fromRoot > 0 && fromDir === 0 ? '.' : dir;
}

/** A word put back into a command line (the follower parses it again). */
function quoteWord(word: string): string {
  return /^[\w@%+=:,./-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`;
}

function safeJoin(dir: string, p: string): string | undefined {
  const joined = path.normalize(path.join(dir, p.replace(/^\.\//, '')));
  if (joined.startsWith('..') || joined.startsWith('/')) return undefined;
  return joined === '' ? '.' : joined;
}

/** `Dockerfile CMD → npm start → scripts.start` for messages. */
export function describeChain(leaf: RunLeaf): string {
  const parts = [leaf.command.label, ...leaf.chain.map((s) => s.label)];
  return [...new Set(parts)].join(' → ');
}

/**
 * Whether the stage is built, through its FROM chain, on an image whose entrypoint runs node with the
 * CMD as its arguments: the official node image (`node:20-alpine`, `docker.io/library/node`) and the
 * distroless Node.js images.
 */
function officialNodeBase(facts: DockerfileFacts, stage: DockerStage): boolean {
  const chain = stageChain(facts, stage);
  const root = chain[chain.length - 1]!;
  return /^((docker\.io\/)?library\/)?node$|^gcr\.io\/distroless\/nodejs\d*(-debian\d+)?$/.test(root.image.name ?? '');
}
