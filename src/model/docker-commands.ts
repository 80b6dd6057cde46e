// What Dockerfile RUN lines do, read from their parsed shell commands (never from the raw text):
// package-manager installs, system package installs, the stages a stage builds on.

import { derivedFrom } from './dependencies.js';
import type { DockerfileFacts, DockerInstruction, DockerStage, ShellCommand } from '../parsing/facts.js';
import path from 'node:path';
import { effectiveArgv, isShellProgram, parseShellLine } from '../parsing/shell.js';
import { substitute } from '../parsing/dockerfile.js';
import { pathGlobMatches } from '../util/glob/index.js';

export interface RunCommand {
  ins: DockerInstruction;
  /** Where the command starts: the RUN line plus the command's line offset inside it. */
  line: number;
  column: number;
  /** argv with wrappers (`exec`, `env`, `sudo`) removed. */
  argv: string[];
  cmd: ShellCommand;
  /** The next command of the same RUN when this one pipes into it. */
  pipesInto?: ShellCommand;
}

/** Every simple command of the RUN instructions of a stage, in order. Exec-form RUN is a command too. */
export function runCommands(stage: DockerStage): RunCommand[] {
  const out: RunCommand[] = [];
  for (const ins of stage.instructions) {
    if (ins.keyword !== 'RUN') continue;
    const commands = ins.commands ?? (ins.execForm ? execFormCommands(ins.execForm) : []);
    commands.forEach((cmd, i) => {
      const next = commands[i + 1];
      out.push({ ins, line: ins.line + cmd.lineOffset, column: cmd.lineOffset === 0 ? ins.column : 1, argv: stripWrappers(cmd.argv), cmd, ...(next && next.joinedBy === '|' ? { pipesInto: next } : {}) });
    });
  }
  return out;
}

function execFormCommands(argv: string[]): ShellCommand[] {
  // ["sh", "-c", "npm install && ..."] runs a shell line.
  const [program, flag, line] = argv;
  if (program && isShellProgram(program) && flag === '-c' && line !== undefined) return parseShellLine(line);
  return [{ argv, assignments: [], redirects: [], joinedBy: null, background: false, lineOffset: 0 }];
}

export function stripWrappers(argv: string[]): string[] {
  let rest = effectiveArgv(argv).argv;
  while (rest[0] === 'sudo') {
    rest = rest.slice(1);
    while (rest[0]?.startsWith('-')) rest = rest.slice(rest[0] === '-u' || rest[0] === '-g' ? 2 : 1);
    rest = effectiveArgv(rest).argv;
  }
  return rest;
}

/** Stage indexes by lower-case name, built once per Dockerfile: a chain of stages is then linear. */
function namedStages(facts: DockerfileFacts): Map<string, number[]> {
  return derivedFrom(facts, 'named-stages', () => {
    const map = new Map<string, number[]>();
    for (const s of facts.stages) {
      if (!s.name) continue;
      const key = s.name.toLowerCase();
      const list = map.get(key);
      if (list) list.push(s.index);
      else map.set(key, [s.index]);
    }
    return map;
  });
}

/** The stage and the earlier stages it is built FROM, nearest first. */
export function stageChain(facts: DockerfileFacts, stage: DockerStage): DockerStage[] {
  const chain: DockerStage[] = [stage];
  const byName = namedStages(facts);
  let current = stage;
  while (current.fromStage && chain.length <= facts.stages.length) {
    const indexes = byName.get(current.fromStage.toLowerCase()) ?? [];
    // The nearest earlier stage of that name (a later stage cannot be a base).
    let parentIndex = -1;
    for (let i = indexes.length - 1; i >= 0; i--) {
      if (indexes[i]! < current.index) {
        parentIndex = indexes[i]!;
        break;
      }
    }
    const parent = parentIndex >= 0 ? facts.stages[parentIndex] : undefined;
    if (!parent) break;
    chain.push(parent);
    current = parent;
  }
  return chain;
}

export function stageByName(facts: DockerfileFacts, name: string, before: number): DockerStage | undefined {
  const lower = name.toLowerCase();
  if (/^\d+$/.test(name)) return facts.stages[Number(name)];
  return facts.stages.slice(0, before).reverse().find((s) => s.name?.toLowerCase() === lower);
}

/** What a stage copies or mounts files from (`COPY --from=x`, `RUN --mount=…,from=x`): stage names or images, as written. */
function stageSources(stage: DockerStage): string[] {
  const out: string[] = [];
  for (const ins of stage.instructions) {
    for (const flag of ins.flags) {
      if (ins.keyword === 'COPY' && flag.startsWith('--from=')) out.push(flag.slice('--from='.length));
      else if (ins.keyword === 'RUN' && flag.startsWith('--mount=')) {
        const from = /(?:^|,)from=([^,]+)/.exec(flag.slice('--mount='.length))?.[1];
        if (from !== undefined) out.push(from);
      }
    }
  }
  return out;
}

/**
 * The stages whose ENV and ARG can end up in a built image: the FROM chain of the last stage and of
 * every stage nothing else in the file builds on, copies from or mounts (a possible `--target`).
 * A builder stage that others only `COPY --from` is left out: its environment stays in the build.
 * A reference that cannot be resolved (`--from=$STAGE`, an external image) marks nothing, so the
 * answer errs towards more stages.
 */
export function stagesInAnImage(facts: DockerfileFacts): Set<number> {
  return derivedFrom(facts, 'stages-in-an-image', () => {
    const referenced = new Set<number>();
    const mark = (name: string, before: number) => {
      if (name.includes('$')) return;
      const other = stageByName(facts, name, before);
      if (other) referenced.add(other.index);
    };
    for (const s of facts.stages) {
      const chain = stageChain(facts, s);
      if (chain.length > 1) referenced.add(chain[1]!.index);
      for (const name of stageSources(s)) mark(name, s.index);
    }
    const inImage = new Set<number>();
    for (const s of facts.stages) {
      if (s.index !== facts.stages.length - 1 && referenced.has(s.index)) continue;
      for (const c of stageChain(facts, s)) inImage.add(c.index);
    }
    return inImage;
  });
}

/**
 * A stage named for development, tests or a CI check, as a `--target` names one (`test`,
 * `development`, `dev-tools`, hcengineering's `linter`).
 */
const NON_PRODUCTION_STAGE = /^(dev|develop|development|local|debug|test|tests|testing|e2e|lint|linter|linting)([_-][\w-]*)?$/i;

/**
 * Stages only a `--target` naming them builds, and named for development, tests or a check: the last stage
 * (the image a plain `docker build` makes) neither builds on them nor copies or mounts anything from
 * them, directly or through other stages (Twake's `test` and `development` beside the `production`
 * stage its workflow releases). What is installed there never ships. A stage the last one reaches,
 * whatever its name (getting-started copies files out of its `test` stage), stays in; a reference
 * that cannot be resolved (`--from=$STAGE`) leaves every stage in.
 */
export function nonProductionTargetStages(facts: DockerfileFacts): Set<number> {
  return derivedFrom(facts, 'non-production-target-stages', () => {
    const out = new Set<number>();
    const last = facts.stages[facts.stages.length - 1];
    if (!last) return out;
    const reached = new Set<number>();
    let unresolved = false;
    const queue: DockerStage[] = [last];
    const reach = (stage: DockerStage) => {
      for (const c of stageChain(facts, stage)) {
        if (reached.has(c.index)) continue;
        reached.add(c.index);
        queue.push(c);
      }
    };
    const follow = (name: string, before: number) => {
      if (name.includes('$')) unresolved = true;
      else {
        const other = stageByName(facts, name, before);
        if (other) reach(other);
      }
    };
    reach(last);
    while (queue.length > 0) {
      const s = queue.pop()!;
      for (const name of stageSources(s)) follow(name, s.index);
    }
    if (unresolved) return out;
    for (const s of facts.stages) if (!reached.has(s.index) && s.name !== undefined && NON_PRODUCTION_STAGE.test(s.name)) out.add(s.index);
    return out;
  });
}

/** System packages a command installs: apt-get/apt install, apk add, yum/dnf/microdnf install. */
export function systemPackagesInstalled(argv: string[]): string[] {
  const [program, sub] = argv;
  if (!program) return [];
  const base = program.split('/').pop()!;
  let rest: string[] | undefined;
  if ((base === 'apt-get' || base === 'apt' || base === 'yum' || base === 'dnf' || base === 'microdnf' || base === 'zypper') && argv.includes('install')) {
    rest = argv.slice(argv.indexOf('install') + 1);
  } else if (base === 'apk' && argv.includes('add')) {
    rest = argv.slice(argv.indexOf('add') + 1);
  } else if (base === 'apt-get' && sub === undefined) rest = [];
  if (!rest) return [];
  const out: string[] = [];
  for (let i = 0; i < rest.length; i++) {
    const a = rest[i]!;
    if (a.startsWith('-')) {
      // apk add --virtual .build-deps names a group, not a package.
      if ((a === '--virtual' || a === '-t' || a === '--repository' || a === '-X') && i + 1 < rest.length) i++;
      continue;
    }
    // `pkg=1.2-3`, `pkg>=1`, `pkg@edge`
    out.push(a.replace(/[=<>@].*$/, '').toLowerCase());
  }
  return out;
}

export type NodeInstallKind = 'npm-install' | 'npm-ci' | 'yarn-install' | 'pnpm-install' | 'bun-install';

export interface NodeInstall {
  kind: NodeInstallKind;
  /** Installs named packages (`npm install -g pm2`, `yarn add x`) rather than the package.json. */
  packages: string[];
  global: boolean;
  argv: string[];
}

/** A package-manager install: npm install/ci, yarn [install|add], pnpm install/add, bun install. */
export function nodeInstall(argv: string[]): NodeInstall | undefined {
  const [program, ...rest] = argv;
  if (!program) return undefined;
  const pm = program.split('/').pop()!;
  if (pm !== 'npm' && pm !== 'yarn' && pm !== 'pnpm' && pm !== 'bun') return undefined;
  // The subcommand is the first word that is not an option (`npm --prefix x install`).
  let i = 0;
  while (i < rest.length && rest[i]!.startsWith('-')) i += OPTIONS_WITH_VALUE.has(rest[i]!) ? 2 : 1;
  const sub = rest[i];
  const args = rest.slice(i + 1);
  let global = args.includes('-g') || args.includes('--global') || args.some((a) => a === '--location=global');
  let kind: NodeInstallKind | undefined;
  let positional: string[] = [];
  const words = (list: string[]) => {
    const out: string[] = [];
    for (let j = 0; j < list.length; j++) {
      const a = list[j]!;
      if (a.startsWith('-')) {
        if (OPTIONS_WITH_VALUE.has(a)) j++;
        continue;
      }
      out.push(a);
    }
    return out;
  };
  if (pm === 'npm') {
    if (sub === 'ci' || sub === 'clean-install' || sub === 'install-clean' || sub === 'isntall-clean') kind = 'npm-ci';
    else if (sub === 'install' || sub === 'i' || sub === 'add' || sub === 'in' || sub === 'ins' || sub === 'inst' || sub === 'insta' || sub === 'instal' || sub === 'isnt' || sub === 'isnta' || sub === 'isntal') {
      kind = 'npm-install';
      positional = words(args);
    }
  } else if (pm === 'yarn') {
    if (sub === 'global' && rest[i + 1] === 'add') {
      kind = 'yarn-install';
      global = true;
      positional = words(rest.slice(i + 2));
    } else if (sub === 'install' || (sub === undefined && !rest.some((a) => YARN_INFO_FLAGS.has(a)))) kind = 'yarn-install';
    else if (sub === 'add') {
      kind = 'yarn-install';
      positional = words(args);
    }
  } else if (pm === 'pnpm') {
    if (sub === 'install' || sub === 'i') kind = 'pnpm-install';
    else if (sub === 'add') {
      kind = 'pnpm-install';
      positional = words(args);
    }
  } else if (pm === 'bun') {
    if (sub === 'install' || sub === 'i') kind = 'bun-install';
    else if (sub === 'add') {
      kind = 'bun-install';
      positional = words(args);
    }
  }
  if (!kind) return undefined;
  return { kind, packages: positional, global, argv };
}

/** Bare `yarn` installs, but with one of these it only prints (the `yarn --version` smoke test of an image that ships yarn). */
const YARN_INFO_FLAGS = new Set(['--version', '-v', '--help', '-h']);

const OPTIONS_WITH_VALUE = new Set([
  '--prefix', '-C', '--dir', '--cwd', '--workspace', '-w', '--filter', '-F', '--registry', '--cache', '--userconfig', '--globalconfig',
  '--modules-folder', '--mutex', '--network-timeout', '--loglevel', '--omit', '--include', '--only', '--tag', '--location', '--reporter',
  '--network-concurrency', '--child-concurrency', '--save-prefix', '--cache-folder', '--cache-dir', '--store-dir', '--virtual-store-dir',
]);

/** Does this install leave devDependencies out? */
export function omitsDev(install: NodeInstall, env: Map<string, string>): boolean {
  const a = install.argv;
  if (a.some((x) => /^--(omit|only)=(dev|prod|production)$/.test(x) && !x.startsWith('--only=dev'))) return true;
  for (let i = 0; i < a.length; i++) if ((a[i] === '--omit' && a[i + 1] === 'dev') || (a[i] === '--only' && /^prod/.test(a[i + 1] ?? ''))) return true;
  if (a.includes('--production') || a.includes('--prod') || a.includes('-P') || a.includes('--production=true')) return true;
  if (a.includes('--production=false') || a.includes('--include=dev')) return false;
  // npm and yarn classic skip devDependencies when NODE_ENV=production (npm: `omit` defaults to dev).
  return env.get('NODE_ENV') === 'production' && (install.kind === 'npm-install' || install.kind === 'npm-ci' || install.kind === 'yarn-install' || install.kind === 'pnpm-install');
}

/** `npm prune --production` / `--omit=dev`, `pnpm prune --prod`. */
export function prunesDev(argv: string[]): boolean {
  const [program, sub] = argv;
  if (!program || sub !== 'prune') return false;
  const pm = program.split('/').pop();
  if (pm !== 'npm' && pm !== 'pnpm') return false;
  return argv.some((a) => a === '--production' || a === '--prod' || a === '--omit=dev') || (argv.includes('--omit') && argv.includes('dev'));
}

/** ENV values in force before a line of a stage chain (earlier stages first). */
export function envBefore(chain: DockerStage[], line: number, stageIndex: number): Map<string, string> {
  const env = new Map<string, string>();
  for (const s of [...chain].reverse()) {
    for (const e of s.env) {
      if (e.instruction !== 'ENV' || !e.hasValue) continue;
      if (s.index === stageIndex && e.line > line) continue;
      env.set(e.name, e.value);
    }
  }
  return env;
}

/**
 * Where a path of a stage's image comes from in the repository: the COPY/ADD instructions of the
 * stage and of the stages it is built FROM map image paths back to build-context paths, and `COPY
 * --from=<stage>` continues in that stage. Undefined when no COPY put the path there (it comes from
 * the base image, or is generated at build time and not in the repository).
 */
export function imagePathToRepo(facts: DockerfileFacts, stage: DockerStage, absPath: string, contextDir: string, isFile: (repoPath: string) => boolean, isDir: (repoPath: string) => boolean, depth = 0, budget = { left: 2000 }, args?: BuildArgs): string | undefined {
  return locateImagePath(facts, stage, absPath, contextDir, isFile, isDir, depth, budget, args)?.path;
}

/**
 * Where imagePathToRepo looked: `sure` when the path is in the repository or a COPY line wrote that
 * very path (a file copied by its name); not sure when it is a guess inside a folder copied whole
 * whose source the repository does not have (a build's output: `.next/standalone`, `dist`).
 */
export interface ImagePathSource {
  path: string;
  sure: boolean;
  /**
   * What build writes the file, when it is no file of the repository although one of the repository
   * has its name: Next.js's standalone output holds a `server.js` that `next build` generates
   * (apitable's web-server image runs it, beside a custom dev server.js in the app's folder).
   */
  generated?: string;
}

/** Where an image path comes from (imagePathToRepo, with whether that is sure and what generates it). */
export function imagePathSource(facts: DockerfileFacts, stage: DockerStage, absPath: string, contextDir: string, isFile: (repoPath: string) => boolean, isDir: (repoPath: string) => boolean, args?: BuildArgs): ImagePathSource | undefined {
  return locateImagePath(facts, stage, absPath, contextDir, isFile, isDir, 0, { left: 2000 }, args);
}

function locateImagePath(facts: DockerfileFacts, stage: DockerStage, absPath: string, contextDir: string, isFile: (repoPath: string) => boolean, isDir: (repoPath: string) => boolean, depth: number, budget: { left: number }, args: BuildArgs | undefined): ImagePathSource | undefined {
  // A hostile Dockerfile (hundreds of stages each `COPY --from=<previous> / /`) would branch at every
  // stage: the budget bounds the COPY lines looked at per question.
  if (depth > 8 || budget.left <= 0) return undefined;
  let target = posixNormalize(absPath);
  const chain = stageChain(facts, stage);
  let fallback: ImagePathSource | undefined;
  for (const s of chain) {
    const ins = [...s.instructions].reverse();
    for (const copy of ins) {
      if (copy.keyword === 'RUN') {
        if (--budget.left <= 0) return undefined;
        // `RUN cp install/package.json .`: the path was copied inside the image from another one,
        // which earlier lines put there; the search goes on with that path.
        const copiedFrom = imageCopySource(facts, s, copy, target, chain, args);
        if (copiedFrom !== undefined) target = copiedFrom;
        continue;
      }
      if (copy.keyword !== 'COPY' && copy.keyword !== 'ADD') continue;
      if (--budget.left <= 0) return undefined;
      const words = copy.execForm ?? copy.text.split(/\s+/).filter(Boolean);
      if (words.length < 2) continue;
      // `COPY ./dist/packages/${component} .`: variables are substituted (a source whose variable has
      // no value is skipped; so is the line when its destination has one).
      const expand = (w: string) => expandWord(w, facts, s, copy.line, args);
      const sources = words.slice(0, -1).map(expand);
      const destWord = expand(words[words.length - 1]!);
      if (destWord === undefined) continue;
      const workdir = workdirOf(facts, s, copy.line, chain, args);
      const dest = posixNormalize(destWord.startsWith('/') ? destWord : `${workdir || '/'}/${destWord}`);
      const destIsDir = destWord.endsWith('/') || destWord === '.' || sources.length > 1;
      const fromFlag = copy.flags.find((f) => f.startsWith('--from='))?.slice('--from='.length);
      const from = fromFlag === undefined ? undefined : expand(fromFlag);
      if (fromFlag !== undefined && from === undefined) continue;
      for (const src of sources) {
        if (src === undefined || /^[a-z]+:\/\//i.test(src) || src.includes('$')) continue;
        const rest = remainderUnder(target, dest);
        if (rest === undefined) continue;
        if (src.includes('*') || src.includes('?')) {
          // `COPY server/package*.json ./`: a name pattern in the last part of a source copies each
          // matching file of that folder into the destination folder under its own name (rybbit's
          // manifests), from the build context or another stage. A pattern in a folder part is not followed.
          const folder = path.posix.dirname(src);
          if (!destIsDir || /[*?[]/.test(folder) || rest === '' || rest.includes('/')) continue;
          if (!pathGlobMatches(rest, path.posix.basename(src))) continue;
          if (from !== undefined) {
            // `COPY --from=builder /app/server/package*.json ./`: the same name in the other stage.
            const other = stageByName(facts, from, s.index);
            const hit = other ? locateImagePath(facts, other, posixNormalize(`${folder.startsWith('/') ? '' : '/'}${folder}/${rest}`), contextDir, isFile, isDir, depth + 1, budget, args) : undefined;
            if (hit !== undefined) return hit;
            continue;
          }
          const matched = path.posix.normalize(path.posix.join(contextDir, folder, rest));
          if (!matched.startsWith('..') && isFile(matched)) return { path: matched, sure: true };
          continue;
        }
        if (from !== undefined) {
          const other = stageByName(facts, from, s.index);
          if (!other) continue; // an external image: not the repository
          const srcAbs = posixNormalize(src.startsWith('/') ? src : `/${src}`);
          // Several sources into one folder: a file keeps its name, a folder's content is copied.
          const named = destIsDir ? rest === path.posix.basename(srcAbs) : rest === '';
          const inside = rest === '' ? srcAbs : `${srcAbs}/${rest}`;
          // The line copies the path by its name: whatever the other stage had there is what the image
          // holds, found or guessed.
          if (named) {
            const hit = locateImagePath(facts, other, srcAbs, contextDir, isFile, isDir, depth + 1, budget, args);
            if (hit !== undefined) return hit;
          }
          if (!named || destIsDir) {
            // A folder copied whole holds the path only if that folder has it: a guess about a build's
            // output (`COPY --from=installer /app/.next/standalone ./`) does not hide an earlier line
            // that copies the file by its name (rallly's `COPY --from=builder /app/scripts/docker-start.sh ./`).
            const hit = locateImagePath(facts, other, inside, contextDir, isFile, isDir, depth + 1, budget, args);
            // The destination folder itself is not a file copied into it (`COPY --from=builder
            // /app/web/next.config.js /app/web/package.json ./web/` says nothing of what ./web is).
            if (rest === '' && destIsDir && hit !== undefined && isFile(hit.path)) continue;
            if (hit?.sure) return hit;
            if (hit !== undefined) fallback ??= hit;
          }
          continue;
        }
        const srcRepo = path.posix.normalize(path.posix.join(contextDir, src));
        if (srcRepo.startsWith('..')) continue;
        if (isFile(srcRepo) || (!isDir(srcRepo) && !isDirLike(src))) {
          // A file copied to a folder keeps its name; copied to a path, it takes that name.
          if (destIsDir ? rest === path.posix.basename(srcRepo) : rest === '') return { path: srcRepo, sure: true };
          continue;
        }
        let joined = rest === '' ? srcRepo : path.posix.normalize(path.posix.join(srcRepo, rest));
        // Folders a build writes as a copy of the project: `turbo prune --docker` (out/json,
        // out/full), Next.js standalone output (`.next/standalone`, or `<distDir>/standalone` when
        // next.config sets one: apitable's `web_build`).
        const mirror = /^(.*\/)?(out\/(json|full)|[^/]+\/standalone)(\/|$)/.exec(joined);
        if (mirror && !isDir(mirror[0].replace(/\/$/, ''))) {
          // The server.js at the app's place in it (the app's folder, or the tracing root's copy of it)
          // is the one `next build` writes, whatever file of that name the repository has.
          const inside = joined.slice(mirror[0].length);
          if (mirror[2]!.endsWith('/standalone') && (inside === 'server.js' || inside === `${mirror[1] ?? ''}server.js`)) return { path: joined, sure: true, generated: 'the Next.js standalone server' };
          // A copy of the app's folder, or of the monorepo from its root (Next's tracing root, turbo
          // prune's out/full), whichever the repository has.
          const inApp = path.posix.normalize(`${mirror[1] ?? ''}${inside}` || '.');
          const inContext = path.posix.normalize(path.posix.join(contextDir, inside));
          joined = !isFile(inApp) && !isDir(inApp) && !inContext.startsWith('..') && (isFile(inContext) || isDir(inContext)) ? inContext : inApp;
        }
        if (isFile(joined) || isDir(joined)) return { path: joined, sure: true };
        // A build output folder laid out like the repository (nx builds `packages/web` to
        // `dist/packages/web` and copies its assets, `scripts/entrypoint.sh`, as they are): the file
        // at the same place in the repository, when one is there, two folders deep at least.
        const output = /^(?:.*\/)?(?:dist|build|out)\/([^/]+\/[^/]+\/.+)$/.exec(joined);
        if (output && isFile(output[1]!)) return { path: output[1]!, sure: true };
        // A source folder the build context gets from a script (`COPY ./pkg .` of a prepared copy):
        // the same path in the context, when it exists there.
        if (!isDir(srcRepo) && rest !== '') {
          // The copy mirrors the context, or the repository root when the context is a prepared folder.
          for (const mirrored of [path.posix.normalize(path.posix.join(contextDir, rest)), path.posix.normalize(rest)]) {
            if (!mirrored.startsWith('..') && (isFile(mirrored) || isDir(mirrored))) return { path: mirrored, sure: true };
          }
        }
        // Not in the repository (generated at build time): kept unless a later COPY line maps it.
        fallback ??= { path: joined, sure: false };
      }
    }
  }
  return fallback;
}

/**
 * Build arguments a build gives a Dockerfile (compose `build.args`, a CI step's `build-args`, a bake
 * target's `args`), by name: they replace the ARG defaults. Absent: the Dockerfile's own defaults.
 */
export type BuildArgs = ReadonlyMap<string, string>;

/**
 * The ARG and ENV values in force before a line of a stage, as Docker substitutes them in COPY, ADD
 * and WORKDIR: ENV is inherited from the stages the stage is built FROM, an ARG is seen only in the
 * stage that declares it (a global ARG too, once redeclared), ENV wins over an ARG of the same name,
 * and a build argument replaces an ARG's default. null: declared without a value anyone gives.
 */
export function variablesAt(facts: DockerfileFacts, stage: DockerStage, line: number, args?: BuildArgs): Map<string, string | null> {
  // Kept per stage (a Dockerfile with many COPY lines asks the same stage often) through
  // derivedFrom, which also hands what it read to the dependency record of each caller.
  const argsKey = args ? [...args].map(([k, v]) => `${k}=${v}`).sort().join('\u0000') : '';
  return derivedFrom(stage, `variables:${line}:${argsKey}`, () => computeVariablesAt(facts, stage, line, args));
}

function computeVariablesAt(facts: DockerfileFacts, stage: DockerStage, line: number, args?: BuildArgs): Map<string, string | null> {
  const globals = new Map<string, string | null>();
  for (const g of facts.globalArgs) globals.set(g.name, args?.get(g.name) ?? (g.hasValue ? substitute(g.value, globals) : null));
  let inherited = new Map<string, string | null>();
  let visible = new Map<string, string | null>();
  for (const s of stageChain(facts, stage).reverse()) {
    const env = new Map(inherited);
    visible = new Map(inherited);
    for (const a of s.env) {
      if (s === stage && a.line >= line) break;
      const raw = a.hasValue ? substitute(a.value, visible) : null;
      if (a.instruction === 'ENV') {
        env.set(a.name, raw);
        visible.set(a.name, raw);
      } else if (!env.has(a.name)) visible.set(a.name, args?.get(a.name) ?? (a.hasValue ? raw : globals.has(a.name) ? globals.get(a.name)! : null));
    }
    inherited = env;
  }
  return visible;
}

/** A word of a COPY/ADD/WORKDIR line with its variables substituted; undefined when one has no value. */
export function expandWord(word: string, facts: DockerfileFacts, stage: DockerStage, line: number, args?: BuildArgs): string | undefined {
  if (!word.includes('$')) return word;
  return substitute(word, variablesAt(facts, stage, line, args)) ?? undefined;
}

/**
 * The image path a RUN line's `cp`/`mv` copied to `target` (absolute), or undefined. Only plain
 * forms are read: no `cd` earlier in the line, no `-t`, no unresolved variable, no glob.
 */
function imageCopySource(facts: DockerfileFacts, stage: DockerStage, run: DockerInstruction, target: string, chain: DockerStage[], args: BuildArgs | undefined): string | undefined {
  const commands = run.commands ?? (run.execForm ? execFormCommands(run.execForm) : []);
  let found: string | undefined;
  for (const cmd of commands) {
    const argv = stripWrappers(cmd.argv);
    const program = argv[0]?.split('/').pop();
    if (program === 'cd' || program === 'pushd') return undefined;
    if (program !== 'cp' && program !== 'mv') continue;
    const options = argv.slice(1).filter((a) => a.startsWith('-'));
    if (options.some((o) => o === '-t' || o.startsWith('--target-directory'))) continue;
    const words = argv.slice(1).filter((a) => !a.startsWith('-')).map((w) => expandWord(w, facts, stage, run.line, args));
    if (words.length < 2 || words.some((w) => w === undefined || /[*?[\]$]/.test(w))) continue;
    const workdir = workdirOf(facts, stage, run.line, chain, args) || '/';
    const abs = (w: string) => posixNormalize(w.startsWith('/') ? w : `${workdir}/${w}`);
    const sources = (words as string[]).slice(0, -1).map(abs);
    const destWord = words[words.length - 1]!;
    const dest = abs(destWord);
    const destIsDir = destWord.endsWith('/') || destWord === '.' || sources.length > 1;
    const recursive = program === 'mv' || options.some((o) => /^-[a-zA-Z]*[rRa]/.test(o) || o === '--recursive' || o === '--archive');
    for (const src of sources) {
      const named = `${dest}/${path.posix.basename(src)}`;
      // Into a folder a file or folder keeps its name; to a new path it takes that name.
      if (!recursive) {
        if (target === named || (!destIsDir && target === dest)) found = src;
        continue;
      }
      const rest = remainderUnder(target, named) ?? (destIsDir ? undefined : remainderUnder(target, dest));
      if (rest !== undefined) found = rest === '' ? src : `${src}/${rest}`;
    }
  }
  return found;
}

/**
 * COPY/ADD lines of a stage and the stages it is built FROM that use a variable with no value (an
 * ARG without a default that no build gives): what they copy, and so the image's paths, is unknown.
 */
export function copiesWithUnknownVariables(facts: DockerfileFacts, stage: DockerStage, imagePaths: string[], args?: BuildArgs): Array<{ line: number; names: string[] }> {
  const out: Array<{ line: number; names: string[] }> = [];
  const chain = stageChain(facts, stage);
  for (const s of chain) {
    for (const ins of s.instructions) {
      if ((ins.keyword !== 'COPY' && ins.keyword !== 'ADD') || !ins.text.includes('$')) continue;
      // Only a COPY whose destination holds one of the paths: an unrelated one is not the reason.
      const words = ins.execForm ?? ins.text.split(/\s+/).filter(Boolean);
      const destWord = words.length >= 2 ? expandWord(words[words.length - 1]!, facts, s, ins.line, args) : undefined;
      if (destWord === undefined) continue;
      const dest = posixNormalize(destWord.startsWith('/') ? destWord : `${workdirOf(facts, s, ins.line, chain, args) || '/'}/${destWord}`);
      if (!imagePaths.some((p) => remainderUnder(posixNormalize(p), dest) !== undefined)) continue;
      const vars = variablesAt(facts, s, ins.line, args);
      const names = new Set<string>();
      for (const m of ins.text.matchAll(/\$\{([A-Za-z_][A-Za-z0-9_]*)(:?[-+][^}]*)?\}|\$([A-Za-z_][A-Za-z0-9_]*)/g)) {
        const name = (m[1] ?? m[3])!;
        if (m[2] === undefined && (vars.get(name) ?? null) === null) names.add(name);
      }
      if (names.size > 0) out.push({ line: ins.line, names: [...names] });
    }
  }
  return out.sort((a, b) => a.line - b.line);
}

/** WORKDIR in force at a line of a stage, inherited from the stages it is built FROM. */
export function workdirOf(facts: DockerfileFacts, stage: DockerStage, line: number, chain: DockerStage[], args?: BuildArgs): string {
  let workdir = '';
  const bases = chain.slice(chain.indexOf(stage) + 1).reverse();
  for (const s of [...bases, stage]) {
    for (const ins of s.instructions) {
      if (s === stage && ins.line > line) break;
      if (ins.keyword !== 'WORKDIR') continue;
      // `WORKDIR $APP_PATH`: a variable without a value keeps the text (an unknown folder, not the root).
      const text = expandWord(ins.text, facts, s, ins.line, args) ?? ins.text;
      workdir = text.startsWith('/') ? text : path.posix.join(workdir || '/', text);
    }
  }
  return workdir;
}

/** The WORKDIR of a stage at its end, inherited from its base stages. */
export function stageWorkdir(facts: DockerfileFacts, stage: DockerStage, args?: BuildArgs): string {
  return workdirOf(facts, stage, Number.MAX_SAFE_INTEGER, stageChain(facts, stage), args);
}

function remainderUnder(target: string, dest: string): string | undefined {
  if (target === dest) return '';
  const prefix = dest.endsWith('/') ? dest : `${dest}/`;
  return target.startsWith(prefix) ? target.slice(prefix.length) : undefined;
}

function isDirLike(src: string): boolean {
  return src === '.' || src.endsWith('/') || !/\.[A-Za-z0-9]+$/.test(path.posix.basename(src));
}

function posixNormalize(p: string): string {
  const n = path.posix.normalize(p);
  return n.length > 1 && n.endsWith('/') ? n.slice(0, -1) : n;
}
