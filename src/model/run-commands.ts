// Run commands followed to what really runs (the catalog's "run-command chains"). A run command comes
// from a Dockerfile CMD/ENTRYPOINT, a compose command/entrypoint, a k8s command/args, a Procfile line
// or package.json scripts.start; it leads through `npm start`/`npm run x` to package.json scripts,
// through npm-run-all/run-p/concurrently to their targets, through `sh -c` and entry shell scripts
// (with `exec "$@"` handing over to CMD) to the simple commands that finally run. Rules read the
// leaves and report at the line that does the harm, naming the chain.

import path from 'node:path/posix';
import type { ShellCommand } from '../parsing/facts.js';
import { effectiveArgv, parseShellLine } from '../parsing/shell.js';
import type { FileEnvironment } from './file-role.js';
import { finalStage, relativeToWorkdir, workdirAt, type ProjectModel } from './project-model.js';
import { scriptNameMatches } from '../util/glob/index.js';

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
  /** Dockerfile path, compose service name or k8s workload, to link services. */
  owner: string;
  /** An init (tini, dumb-init, docker `--init`/compose `init: true`) runs in front. */
  hasInit: boolean;
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
}

const MAX_DEPTH = 8;
/**
 * Leaves of one run command at most. Each script is followed once per run command (`seen`), so real
 * chains have a handful; the bound keeps a hostile package.json (thousands of scripts naming each
 * other through npm-run-all globs and concurrently) from growing the result without end.
 */
const MAX_LEAVES = 10_000;
const PACKAGE_MANAGERS = new Set(['npm', 'pnpm', 'yarn', 'bun']);
const SHELLS = new Set(['sh', 'bash', 'ash', 'dash', 'zsh']);

export function collectRunCommands(model: ProjectModel): RunCommand[] {
  const out: RunCommand[] = [];
  for (const df of model.ofKind('dockerfile')) {
    const stage = finalStage(df.facts);
    if (!stage) continue;
    const dir = path.dirname(df.path);
    let entrypoint: (typeof stage.instructions)[number] | undefined;
    let cmd: (typeof stage.instructions)[number] | undefined;
    for (const ins of stage.instructions) {
      if (ins.keyword === 'ENTRYPOINT') entrypoint = ins;
      if (ins.keyword === 'CMD') cmd = ins;
    }
    const main = entrypoint ?? cmd;
    if (!main) continue;
    const words = (ins: typeof main) => ins.execForm ?? (ins.text ? [ins.text] : []);
    const form: 'exec' | 'shell' = main.execForm ? 'exec' : 'shell';
    // Shell-form ENTRYPOINT ignores CMD; exec-form ENTRYPOINT gets CMD as arguments.
    const argv = entrypoint && cmd && entrypoint.execForm ? [...words(entrypoint), ...(cmd.execForm ?? ['/bin/sh', '-c', cmd.text])] : words(main);
    const workdir = workdirAt(stage.instructions, main.line);
    const all = argv.join(' ');
    out.push({
      origin: 'dockerfile',
      at: { file: df.path, line: main.line, column: main.column },
      label: `${path.basename(df.path)} ${main.keyword}`,
      form,
      argv,
      contextDir: dir,
      workdir,
      environment: stage.isFinal ? model.environmentOf(df.path) : 'dev',
      owner: df.path,
      hasInit: /\b(tini|dumb-init|catatonit)\b/.test(all),
      ...(entrypoint && cmd && entrypoint.execForm ? { argsAt: { file: df.path, line: cmd.line, column: cmd.column } } : {}),
    });
  }
  for (const compose of model.ofKind('compose')) {
    const dir = path.dirname(compose.path);
    for (const svc of compose.facts.services) {
      const command = svc.entrypoint ?? svc.command;
      if (!command) continue;
      const contextDir = svc.build ? path.normalize(path.join(dir, svc.build.context)) : dir;
      const env = svc.profiles.some((p) => /dev|test|debug/i.test(p)) ? 'dev' : model.environmentOf(compose.path);
      out.push({
        origin: 'compose',
        at: { file: compose.path, line: command.line, column: command.column },
        label: `compose service ${svc.name} ${svc.entrypoint ? 'entrypoint' : 'command'}`,
        // compose runs a string command without a shell (it splits it), so both forms are exec.
        form: 'exec',
        argv: command.argv,
        contextDir,
        workdir: '',
        environment: env,
        owner: `${compose.path}#${svc.name}`,
        hasInit: svc.init === true || /\b(tini|dumb-init)\b/.test(command.text),
      });
    }
  }
  for (const k8s of model.ofKind('k8s')) {
    for (const obj of k8s.facts.objects) {
      for (const c of obj.pod?.containers ?? []) {
        const argv = [...(c.command?.value ?? []), ...(c.args?.value ?? [])];
        if (argv.length === 0) continue;
        // `command: [sh, -c]` with the script in `args`: the harm is written in args.
        const shellOnly = c.command !== undefined && c.args !== undefined && c.command.value.every((w) => SHELLS.has(w.split('/').pop()!) || w.startsWith('-'));
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
          hasInit: /\b(tini|dumb-init)\b/.test(argv.join(' ')),
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
      environment: model.environmentOf(pkg.path),
      owner: pkg.path,
      hasInit: false,
    });
  }
  return out;
}

/** Every simple command a run command ends up running. */
export function resolveRunCommand(model: ProjectModel, command: RunCommand): RunLeaf[] {
  const leaves: RunLeaf[] = [];
  const seen = new Set<string>();

  const fromShellText = (text: string, at: SourcePlace, chain: ChainStep[], depth: number, trailingArgs: string[]) => {
    for (const sc of parseShellLine(text)) visit(sc.argv, sc, { ...at, line: at.line + sc.lineOffset }, chain, depth, true, trailingArgs);
  };

  const visit = (argv: string[], shell: ShellCommand | null, at: SourcePlace, chain: ChainStep[], depth: number, viaShell: boolean, trailingArgs: string[]) => {
    if (depth > MAX_DEPTH || leaves.length >= MAX_LEAVES) return;
    const { argv: eff, wrappers } = effectiveArgv(argv);
    const program = eff[0];
    if (program === undefined) return;
    const base = program.split('/').pop()!;
    const execs = wrappers.includes('exec');
    const leafViaShell = viaShell && !execs;
    const here: ChainStep = { ...at, label: eff.slice(0, 3).join(' ') };

    // "$@" in an entry script: the arguments the script was given (Dockerfile CMD after ENTRYPOINT).
    if ((program === '$@' || program === '"$@"') && trailingArgs.length > 0) {
      visit(trailingArgs, null, command.argsAt ?? command.at, [...chain, { ...at, label: 'exec "$@"' }], depth + 1, leafViaShell, []);
      return;
    }
    // sh -c "..."
    if (SHELLS.has(base) && eff[1] === '-c' && eff[2] !== undefined) {
      fromShellText(eff[2], at, [...chain, here], depth + 1, eff.slice(3));
      return;
    }
    // sh script.sh / bash ./entry.sh / ./docker-entrypoint.sh
    const scriptArg = SHELLS.has(base) ? eff.find((a, i) => i > 0 && !a.startsWith('-')) : /\.(sh|bash)$/.test(program) || program.startsWith('./') ? program : undefined;
    if (scriptArg !== undefined) {
      const rel = relativeToWorkdir(scriptArg.replace(/^\.\//, ''), command.workdir);
      const file = path.normalize(path.join(command.contextDir, rel));
      const script = model.files.get(file);
      if (script?.facts.kind === 'shell') {
        const key = `script:${file}`;
        if (seen.has(key)) return;
        seen.add(key);
        const args = SHELLS.has(base) ? eff.slice(eff.indexOf(scriptArg) + 1) : eff.slice(1);
        for (const sc of script.facts.commands) {
          visit(sc.argv, sc, { file, line: sc.lineOffset + 1, column: 1 }, [...chain, { ...at, label: file }], depth + 1, true, args.length > 0 ? args : trailingArgs);
        }
        return;
      }
    }
    // npm start / npm run x / yarn x / pnpm run x
    if (PACKAGE_MANAGERS.has(base)) {
      const sub = eff[1];
      const name = sub === 'run' || sub === 'run-script' ? eff[2] : sub === 'start' || sub === 'test' ? sub : base === 'yarn' || base === 'pnpm' || base === 'bun' ? sub : undefined;
      const pkgPath = command.contextDir === '.' ? 'package.json' : `${command.contextDir}/package.json`;
      const pkg = model.files.get(pkgPath)?.facts;
      const scripts = pkg?.kind === 'package-json' ? pkg.scripts : [];
      const script = name ? scripts.find((s) => s.name === name) : undefined;
      if (script) {
        const key = `script:${pkgPath}:${script.name}`;
        if (!seen.has(key)) {
          seen.add(key);
          // The package manager stays in front as the parent process of the script's shell.
          leaves.push({ command, argv: eff, wrappers, shell, at, chain, viaShell: leafViaShell });
          // npm runs `pre<name>` before and `post<name>` after a script (`prestart: npm run build`);
          // pnpm (since v7) and yarn 2+ do not, and yarn 1 cannot be told apart here.
          const hooks = base === 'npm' ? scripts.filter((s) => s.name === `pre${script.name}` || s.name === `post${script.name}`) : [];
          const pre = hooks.find((s) => s.name.startsWith('pre'));
          const post = hooks.find((s) => s.name.startsWith('post'));
          const runHook = (hook: typeof script) => {
            const hookKey = `script:${pkgPath}:${hook.name}`;
            if (seen.has(hookKey)) return;
            seen.add(hookKey);
            fromShellText(hook.value, { file: pkgPath, line: hook.line, column: hook.column }, [...chain, { ...here, label: `${here.label} (${hook.name})` }], depth + 1, []);
          };
          if (pre) runHook(pre);
          fromShellText(script.value, { file: pkgPath, line: script.line, column: script.column }, [...chain, here], depth + 1, []);
          if (post) runHook(post);
        }
        return;
      }
    }
    // npm-run-all / run-p / run-s / concurrently: their arguments name scripts or commands.
    if (base === 'npm-run-all' || base === 'run-p' || base === 'run-s' || base === 'concurrently') {
      leaves.push({ command, argv: eff, wrappers, shell, at, chain, viaShell: leafViaShell });
      const pkgPath = command.contextDir === '.' ? 'package.json' : `${command.contextDir}/package.json`;
      const pkg = model.files.get(pkgPath)?.facts;
      for (const arg of eff.slice(1)) {
        if (arg.startsWith('-')) continue;
        if (base === 'concurrently') {
          const m = /^(npm|yarn|pnpm):(.+)$/.exec(arg);
          if (m) visit([m[1]!, 'run', m[2]!], null, at, [...chain, here], depth + 1, false, []);
          else fromShellText(arg, at, [...chain, here], depth + 1, []);
        } else if (pkg?.kind === 'package-json') {
          // Not a regular expression: the pattern comes from the scanned package.json.
          for (const s of pkg.scripts) if (scriptNameMatches(s.name, arg, ':')) visit(['npm', 'run', s.name], null, at, [...chain, here], depth + 1, false, []);
        }
      }
      return;
    }
    leaves.push({ command, argv: eff, wrappers, shell, at, chain, viaShell: leafViaShell });
  };

  if (command.form === 'shell') {
    fromShellText(command.argv.join(' '), command.at, [], 0, []);
  } else {
    visit(command.argv, null, command.at, [], 0, false, []);
  }
  return leaves;
}

/** `Dockerfile CMD → npm start → scripts.start` for messages. */
export function describeChain(leaf: RunLeaf): string {
  const parts = [leaf.command.label, ...leaf.chain.slice(leaf.command.origin === 'package-start' ? 0 : 0).map((s) => s.label)];
  return [...new Set(parts)].join(' → ');
}
