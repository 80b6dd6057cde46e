// What Dockerfile RUN lines do, read from their parsed shell commands (never from the raw text):
// package-manager installs, system package installs, the stages a stage builds on.

import { derivedFrom } from './dependencies.js';
import type { DockerfileFacts, DockerInstruction, DockerStage, ShellCommand } from '../parsing/facts.js';
import path from 'node:path';
import { effectiveArgv, parseShellLine } from '../parsing/shell.js';

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
  if (program && /(^|\/)(ba|da|a|z)?sh$/.test(program) && flag === '-c' && line !== undefined) return parseShellLine(line);
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
    } else if (sub === undefined || sub === 'install') kind = 'yarn-install';
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
export function imagePathToRepo(facts: DockerfileFacts, stage: DockerStage, absPath: string, contextDir: string, isFile: (repoPath: string) => boolean, isDir: (repoPath: string) => boolean, depth = 0, budget = { left: 2000 }): string | undefined {
  // A hostile Dockerfile (hundreds of stages each `COPY --from=<previous> / /`) would branch at every
  // stage: the budget bounds the COPY lines looked at per question.
  if (depth > 8 || budget.left <= 0) return undefined;
  const target = posixNormalize(absPath);
  const chain = stageChain(facts, stage);
  let fallback: string | undefined;
  for (const s of chain) {
    const ins = [...s.instructions].reverse();
    for (const copy of ins) {
      if (copy.keyword !== 'COPY' && copy.keyword !== 'ADD') continue;
      if (--budget.left <= 0) return undefined;
      const words = copy.execForm ?? copy.text.split(/\s+/).filter(Boolean);
      if (words.length < 2) continue;
      const sources = words.slice(0, -1);
      const destWord = words[words.length - 1]!;
      const workdir = workdirOf(s, copy.line, chain);
      const dest = posixNormalize(destWord.startsWith('/') ? destWord : `${workdir || '/'}/${destWord}`);
      const destIsDir = destWord.endsWith('/') || destWord === '.' || sources.length > 1;
      const from = copy.flags.find((f) => f.startsWith('--from='))?.slice('--from='.length);
      for (const src of sources) {
        if (/^[a-z]+:\/\//i.test(src) || src.includes('$') || src.includes('*') || src.includes('?')) continue;
        const rest = remainderUnder(target, dest);
        if (rest === undefined) continue;
        if (from !== undefined) {
          const other = stageByName(facts, from, s.index);
          if (!other) continue; // an external image: not the repository
          const srcAbs = posixNormalize(src.startsWith('/') ? src : `/${src}`);
          // Several sources into one folder: a file keeps its name, a folder's content is copied.
          const candidates = destIsDir ? [rest === path.posix.basename(srcAbs) ? srcAbs : undefined, rest === '' ? srcAbs : `${srcAbs}/${rest}`] : [rest === '' ? srcAbs : `${srcAbs}/${rest}`];
          for (const inOther of candidates) {
            if (inOther === undefined) continue;
            const hit = imagePathToRepo(facts, other, inOther, contextDir, isFile, isDir, depth + 1, budget);
            if (hit !== undefined) return hit;
          }
          continue;
        }
        const srcRepo = path.posix.normalize(path.posix.join(contextDir, src));
        if (srcRepo.startsWith('..')) continue;
        if (isFile(srcRepo) || (!isDir(srcRepo) && !isDirLike(src))) {
          // A file copied to a folder keeps its name; copied to a path, it takes that name.
          if (destIsDir ? rest === path.posix.basename(srcRepo) : rest === '') return srcRepo;
          continue;
        }
        let joined = rest === '' ? srcRepo : path.posix.normalize(path.posix.join(srcRepo, rest));
        // Folders a build writes as a copy of the project: `turbo prune --docker` (out/json,
        // out/full), Next.js standalone output (.next/standalone).
        const mirror = /^(.*\/)?(out\/(json|full)|\.next\/standalone)(\/|$)/.exec(joined);
        if (mirror && !isDir(mirror[0].replace(/\/$/, ''))) joined = path.posix.normalize(`${mirror[1] ?? ''}${joined.slice(mirror[0].length)}` || '.');
        if (isFile(joined) || isDir(joined)) return joined;
        // A source folder the build context gets from a script (`COPY ./pkg .` of a prepared copy):
        // the same path in the context, when it exists there.
        if (!isDir(srcRepo) && rest !== '') {
          // The copy mirrors the context, or the repository root when the context is a prepared folder.
          for (const mirrored of [path.posix.normalize(path.posix.join(contextDir, rest)), path.posix.normalize(rest)]) {
            if (!mirrored.startsWith('..') && (isFile(mirrored) || isDir(mirrored))) return mirrored;
          }
        }
        // Not in the repository (generated at build time): kept unless a later COPY line maps it.
        fallback ??= joined;
      }
    }
  }
  return fallback;
}

/** WORKDIR in force at a line of a stage, inherited from the stages it is built FROM. */
function workdirOf(stage: DockerStage, line: number, chain: DockerStage[]): string {
  let workdir = '';
  const bases = chain.slice(chain.indexOf(stage) + 1).reverse();
  for (const s of [...bases, stage]) {
    for (const ins of s.instructions) {
      if (s === stage && ins.line > line) break;
      if (ins.keyword === 'WORKDIR') workdir = ins.text.startsWith('/') ? ins.text : path.posix.join(workdir || '/', ins.text);
    }
  }
  return workdir;
}

/** The WORKDIR of a stage at its end, inherited from its base stages. */
export function stageWorkdir(facts: DockerfileFacts, stage: DockerStage): string {
  return workdirOf(stage, Number.MAX_SAFE_INTEGER, stageChain(facts, stage));
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
