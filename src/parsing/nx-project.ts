// nx project.json targets, read from the parsed JSON document (never by running nx): what `nx run
// p:serve` / `nx serve p` runs when the target is an executor rather than a package.json script.
// Only the executors whose effect is plain from their options are described: `nx:run-commands`
// (options.command / options.commands, options.cwd), `nx:run-script` (options.script), and the node
// executors (`@nx/js:node`, `@nx/node:node`, `@nrwl/node:execute`...) that run the `main` of the
// build target named by options.buildTarget.

import type { StructuredDoc } from './facts.js';
import { escapePointer } from './structured.js';

export interface NxPlace {
  line: number;
  column: number;
}

export type NxTarget =
  | { kind: 'commands'; commands: Array<{ text: string } & NxPlace>; cwd?: string; at: NxPlace }
  | { kind: 'script'; script: string; at: NxPlace }
  | { kind: 'node'; buildTarget: string; at: NxPlace }
  | { kind: 'build'; main?: { value: string } & NxPlace; at: NxPlace }
  | { kind: 'other'; executor: string; at: NxPlace };

export interface NxProject {
  /** `name` of project.json; absent: nx names the project after package.json or the folder. */
  name?: string;
  targets: Map<string, NxTarget>;
}

/** Executors that run the built `main` of their build target with node. */
const NODE_EXECUTOR = /^@(nx|nrwl)\/(js|node):(node|execute)$/;
/** Build executors whose options.main is the source entry. */
const BUILD_EXECUTOR = /^@(nx|nrwl)\/(js|node|webpack|esbuild|rollup|vite):(tsc|swc|webpack|esbuild|build|rollup|node)$|^@(nx|nrwl)\/(js|node|esbuild|webpack|rspack):/;
const MAX_COMMANDS = 100;

export function nxProject(doc: StructuredDoc): NxProject | undefined {
  const root = doc.value;
  if (!isRecord(root) || !isRecord(root.targets)) return undefined;
  const place = (pointer: string): NxPlace => {
    // A scalar's own position (`#value`), else its key's.
    const [line, column] = doc.positions[`${pointer}#value`] ?? doc.positions[pointer] ?? [doc.line, 1];
    return { line, column };
  };
  const targets = new Map<string, NxTarget>();
  for (const [name, raw] of Object.entries(root.targets)) {
    if (!isRecord(raw)) continue;
    const ptr = `/targets/${escapePointer(name)}`;
    const at = place(ptr);
    const options = isRecord(raw.options) ? raw.options : {};
    const executor = typeof raw.executor === 'string' ? raw.executor : undefined;
    // `"command": "..."` on the target is nx's shorthand for nx:run-commands.
    if (executor === undefined || executor === 'nx:run-commands' || executor === '@nrwl/workspace:run-commands') {
      const commands: Array<{ text: string } & NxPlace> = [];
      if (typeof raw.command === 'string') commands.push({ text: raw.command, ...place(`${ptr}/command`) });
      if (typeof options.command === 'string') commands.push({ text: options.command, ...place(`${ptr}/options/command`) });
      if (Array.isArray(options.commands)) {
        options.commands.slice(0, MAX_COMMANDS).forEach((c, i) => {
          const text = typeof c === 'string' ? c : isRecord(c) && typeof c.command === 'string' ? c.command : undefined;
          if (text !== undefined) commands.push({ text, ...place(`${ptr}/options/commands/${i}${typeof c === 'string' ? '' : '/command'}`) });
        });
      }
      if (commands.length > 0 || executor !== undefined) {
        targets.set(name, { kind: 'commands', commands, ...(typeof options.cwd === 'string' ? { cwd: options.cwd } : {}), at });
        continue;
      }
    }
    if (executor === undefined) continue;
    if (executor === 'nx:run-script' && typeof options.script === 'string') targets.set(name, { kind: 'script', script: options.script, at: place(`${ptr}/options/script`) });
    else if (NODE_EXECUTOR.test(executor) && typeof (options.buildTarget ?? options.buildTargetName) === 'string') targets.set(name, { kind: 'node', buildTarget: String(options.buildTarget ?? options.buildTargetName), at: place(`${ptr}/options/buildTarget`) });
    else if (BUILD_EXECUTOR.test(executor) && typeof options.main === 'string') targets.set(name, { kind: 'build', main: { value: options.main, ...place(`${ptr}/options/main`) }, at });
    else targets.set(name, { kind: 'other', executor, at: place(`${ptr}/executor`) });
  }
  return { ...(typeof root.name === 'string' ? { name: root.name } : {}), targets };
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}
