// The layers run one way. Each folder of src/ (and rules/) has a rank; a module may import its own
// folder and folders of a lower rank, never a higher one, and never a sibling of the same rank (the
// engine and the rules are siblings: the engine runs whatever rules it is given). README "How it is
// built" states the same order. Imports are read with a regex over the source (static `import` /
// `export ... from` and `import('...')`), which is enough for this code base: every import is a
// relative specifier on one statement (`import x from`, `export … from`, `import('…')`, `import '…'`).

import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

/** Lowest first. Folders of one rank may not import each other. */
export const LAYERS: ReadonlyArray<readonly string[]> = [
  ['src/secrets', 'src/version.ts'],
  ['src/util'],
  ['src/parsing'],
  ['src/knowledge'],
  ['src/discovery'],
  ['src/model'],
  ['src/rule-api'],
  ['src/engine', 'rules'],
  ['src/config'],
  ['src/scoring'],
  ['src/reporters', 'src/testing'],
  ['src/cli', 'src/index.ts'],
];

/**
 * Imports that run against the layers today, each with the change that removes it. The test fails
 * when one of them is gone, so that the list only shrinks.
 */
// Every exception is gone (the glob matcher and the git reader now live in src/util): keep it so.
const KNOWN_EXCEPTIONS: ReadonlyArray<{ from: string; to: string; why: string }> = [
];

interface Edge {
  from: string;
  to: string;
}

function walk(dir: string, out: string[]): string[] {
  for (const entry of readdirSync(path.join(repo, dir), { withFileTypes: true })) {
    const rel = `${dir}/${entry.name}`;
    if (entry.isDirectory()) {
      if (entry.name !== '__fixtures__' && entry.name !== 'node_modules') walk(rel, out);
    } else if (entry.isFile() && entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts') && !entry.name.endsWith('.test.ts')) out.push(rel);
  }
  return out;
}

const IMPORT = /(?:^|\n)\s*(?:import|export)\s[^;'"]*?from\s*['"]([^'"]+)['"]|\bimport\(\s*['"]([^'"]+)['"]\s*\)|(?:^|\n)\s*import\s*['"]([^'"]+)['"]/g;

export function importsOf(file: string): string[] {
  const text = readFileSync(path.join(repo, file), 'utf8');
  const out: string[] = [];
  for (const m of text.matchAll(IMPORT)) {
    const spec = m[1] ?? m[2] ?? m[3]!;
    if (!spec.startsWith('.')) continue;
    out.push(path.posix.normalize(path.posix.join(path.posix.dirname(file), spec)).replace(/\.js$/, '.ts'));
  }
  return out;
}

/** The unit a file belongs to: a layer entry that is a file, else its folder under src/, else rules. */
function unitOf(file: string): string | undefined {
  for (const layer of LAYERS) for (const unit of layer) if (file === unit || file.startsWith(`${unit}/`)) return unit;
  return undefined;
}

function rankOf(unit: string): number {
  return LAYERS.findIndex((layer) => layer.includes(unit));
}

const files = [...walk('src', []), ...walk('rules', [])].sort();
const edges: Edge[] = files.flatMap((from) => importsOf(from).map((to) => ({ from, to })));

describe('layers', () => {
  it('every source file belongs to a layer', () => {
    expect(files.length).toBeGreaterThan(100);
    expect(files.filter((f) => unitOf(f) === undefined)).toEqual([]);
  });

  it('reads the imports (the parser sees the edges it must judge)', () => {
    // If the regex stopped matching, every later check would pass vacuously.
    expect(edges.length).toBeGreaterThan(500);
    expect(edges).toContainEqual({ from: 'src/cli/main.ts', to: 'src/engine/audit.ts' });
    expect(edges).toContainEqual({ from: 'src/engine/worker.ts', to: 'src/engine/per-file.ts' });
  });

  it('no module imports a higher layer or a sibling of its own rank', () => {
    const violations: string[] = [];
    for (const e of edges) {
      const a = unitOf(e.from);
      const b = unitOf(e.to);
      if (!a || !b || a === b) continue;
      const ra = rankOf(a);
      const rb = rankOf(b);
      if (rb < ra) continue;
      if (KNOWN_EXCEPTIONS.some((x) => x.from === e.from && x.to === e.to)) continue;
      violations.push(`${e.from} -> ${e.to} (${a} may not import ${b}: ${rb > ra ? 'higher layer' : 'sibling'})`);
    }
    expect(violations).toEqual([]);
  });

  it('each known exception still exists (remove it from the list when its import is gone)', () => {
    const gone = KNOWN_EXCEPTIONS.filter((x) => !edges.some((e) => e.from === x.from && e.to === x.to));
    expect(gone).toEqual([]);
  });

  it('the engine, the reporters and the rule API never import the built-in rules', () => {
    const registry = edges.filter((e) => e.to.startsWith('rules/') && !e.from.startsWith('rules/'));
    expect([...new Set(registry.map((e) => e.from))].sort()).toEqual(['src/cli/commands/index.ts', 'src/cli/commands/model.ts', 'src/cli/main.ts', 'src/index.ts']);
  });

  it('README "How it is built" draws the layers in this order, highest first', () => {
    const readme = readFileSync(path.join(repo, 'README.md'), 'utf8');
    const start = readme.indexOf('## How it is built');
    const diagram = readme.slice(readme.indexOf('```', start), readme.indexOf('```', readme.indexOf('```', start) + 3));
    const drawn = LAYERS.flat()
      .filter((unit) => unit !== 'src/version.ts')
      .map((unit) => ({ unit, at: diagram.indexOf(unit.endsWith('.ts') ? unit : `${unit}/`) }));
    expect(drawn.filter((d) => d.at < 0).map((d) => d.unit)).toEqual([]);
    const ranks = drawn.sort((a, b) => a.at - b.at).map((d) => rankOf(d.unit));
    expect(ranks).toEqual([...ranks].sort((a, b) => b - a));
  });

  it('has no cycle between folders (the known exceptions aside)', () => {
    const graph = new Map<string, Set<string>>();
    for (const e of edges) {
      if (KNOWN_EXCEPTIONS.some((x) => x.from === e.from && x.to === e.to)) continue;
      const a = folderOf(e.from);
      const b = folderOf(e.to);
      if (a === b) continue;
      (graph.get(a) ?? graph.set(a, new Set()).get(a)!).add(b);
    }
    expect(cyclesOf(graph)).toEqual([]);
  });
});

/** The folder for the cycle check: src/<folder> or rules (a rule's factor folders are one unit). */
function folderOf(file: string): string {
  const parts = file.split('/');
  if (parts[0] === 'rules') return 'rules';
  return parts.length > 2 ? `${parts[0]}/${parts[1]}` : file;
}

/** Each strongly connected group of two or more folders (Tarjan), sorted, as `a <-> b <-> c`. */
export function cyclesOf(graph: ReadonlyMap<string, ReadonlySet<string>>): string[] {
  let next = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const out: string[] = [];
  const visit = (v: string) => {
    index.set(v, next);
    low.set(v, next++);
    stack.push(v);
    onStack.add(v);
    for (const w of graph.get(v) ?? []) {
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!));
    }
    if (low.get(v) === index.get(v)) {
      const group: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        onStack.delete(w);
        group.push(w);
      } while (w !== v);
      if (group.length > 1) out.push(group.sort().join(' <-> '));
    }
  };
  for (const v of [...graph.keys()].sort()) if (!index.has(v)) visit(v);
  return out.sort();
}
