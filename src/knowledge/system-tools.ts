// What the code base knows about running other programs: the modules whose functions start a child
// process, and which of their functions do. The TS fact collector records these calls
// (dependencies/undeclared-system-tool, concurrency rules, migration-on-boot read them); adding a
// module is one entry here and one example in system-tools.test.ts.

export interface ChildProcessModule {
  module: string;
  /** Exported functions that start a process, with the child_process function each one acts as. */
  functions: Record<string, ChildProcessFn>;
  /** The default export is itself callable (`const spawn = require('cross-spawn'); spawn('ffmpeg')`). */
  callableDefault?: ChildProcessFn;
  why: string;
}

export type ChildProcessFn = 'exec' | 'execSync' | 'execFile' | 'execFileSync' | 'spawn' | 'spawnSync' | 'fork' | 'execa' | 'execaSync';

const NODE_FUNCTIONS: Record<string, ChildProcessFn> = {
  exec: 'exec',
  execSync: 'execSync',
  execFile: 'execFile',
  execFileSync: 'execFileSync',
  spawn: 'spawn',
  spawnSync: 'spawnSync',
  fork: 'fork',
};

export const CHILD_PROCESS_MODULES: ChildProcessModule[] = [
  { module: 'child_process', functions: NODE_FUNCTIONS, why: "Node's own" },
  { module: 'promisify-child-process', functions: { exec: 'exec', execFile: 'execFile', spawn: 'spawn', fork: 'fork' }, why: 'child_process functions returning promises, same arguments' },
  {
    module: 'execa',
    functions: { execa: 'execa', execaSync: 'execaSync', execaCommand: 'execa', execaCommandSync: 'execaSync', execaNode: 'fork' },
    callableDefault: 'execa',
    why: 'execa(file, args) runs a program (the default export before v6)',
  },
  { module: 'cross-spawn', functions: { spawn: 'spawn', sync: 'spawnSync' }, callableDefault: 'spawn', why: 'spawn() that resolves Windows shims, same arguments' },
];

export function childProcessModule(specifier: string): ChildProcessModule | undefined {
  const bare = specifier.replace(/^node:/, '');
  return CHILD_PROCESS_MODULES.find((m) => m.module === bare);
}

/**
 * Every name a child-process function goes by, for recognisers that only see the call
 * (`exec('prisma migrate deploy')`). cross-spawn's `sync` is left out: it is reached as `spawn.sync`,
 * and a bare `.sync()` is everyone's (glob.sync, sequelize.sync).
 */
export const CHILD_PROCESS_FUNCTION_NAMES = new Set(CHILD_PROCESS_MODULES.flatMap((m) => Object.keys(m.functions)).filter((n) => n !== 'sync'));

/** Functions that take `{ detached: true }` and return a child that outlives the caller once unref()-ed. */
export const DETACHABLE_CHILD_FUNCTIONS = new Set(['spawn', 'fork', 'exec', 'execFile', 'execa', 'execaNode']);

/** Programs that run a Node script. */
const NODE_PROGRAMS = /^(node|nodejs|ts-node|tsx|bun)$/;
/** Package managers, which run a package script (a server, or as often a build: `npm run build`). */
const PACKAGE_MANAGERS = /^(npm|yarn|pnpm)$/;

/**
 * Does this child-process call start another Node process (`fork(...)`, `spawn('node', [...])`)?
 * With `packageScripts`, `spawn('npm', ['start'])` counts too.
 */
export function startsNodeProcess(call: { fn: string; command?: string }, packageScripts = true): boolean {
  if (call.fn === 'fork') return true;
  if (call.fn !== 'spawn' && call.fn !== 'execa') return false;
  const program = call.command ?? '';
  return NODE_PROGRAMS.test(program) || (packageScripts && PACKAGE_MANAGERS.test(program));
}
