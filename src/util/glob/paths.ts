// Whole-path globs read from scanned files: package.json `workspaces` and pnpm-workspace.yaml,
// .dockerignore patterns, tsconfig.json `exclude`, script patterns of npm-run-all.
// Such globs are hostile input: compiled to a regular expression, `**/**/**/...` or `*a*a*a*...`
// backtrack exponentially. This matcher simulates the glob as a set of states over the path, one
// step per character: O(path length x glob length) whatever the glob.

import { posix } from 'node:path';

type Token = { kind: 'literal'; char: string } | { kind: 'star' } | { kind: 'globstar' } | { kind: 'one' };

/** Globs longer than this match nothing (no workspace glob is that long). */
const MAX_GLOB_LENGTH = 1024;

/**
 * Path globs of configuration: a double star anywhere matches any run of characters (a slash right
 * after it included, so `<double star>/x` also matches `x`), `*` any run without `/`, `?` one
 * character but `/`.
 */
export function pathGlobMatches(path: string, glob: string): boolean {
  if (glob.length > MAX_GLOB_LENGTH) return false;
  const tokens: Token[] = [];
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i]!;
    if (c === '*' && glob[i + 1] === '*') {
      tokens.push({ kind: 'globstar' });
      i++;
      if (glob[i + 1] === '/') i++;
    } else if (c === '*') tokens.push({ kind: 'star' });
    else if (c === '?') tokens.push({ kind: 'one' });
    else tokens.push({ kind: 'literal', char: c });
  }
  return simulate(tokens, path, '/');
}

/** `build:*` against script names: `*` matches any run without `stop`; every other character is literal. */
export function wildcardMatches(text: string, pattern: string, stop: string): boolean {
  if (pattern.length > MAX_GLOB_LENGTH) return false;
  const tokens: Token[] = [...pattern].map((char) => (char === '*' ? { kind: 'star' as const } : { kind: 'literal' as const, char }));
  return simulate(tokens, text, stop);
}

/** Runs the glob as a set of states over the text: one step per character, no backtracking. */
function simulate(tokens: Token[], text: string, separator: string): boolean {
  const n = tokens.length;
  let current = new Uint8Array(n + 1);
  let next = new Uint8Array(n + 1);
  const close = (states: Uint8Array) => {
    // A star may match nothing: whoever stands before it also stands after it.
    for (let i = 0; i < n; i++) {
      const t = tokens[i]!;
      if (states[i] && (t.kind === 'star' || t.kind === 'globstar')) states[i + 1] = 1;
    }
  };
  current[0] = 1;
  close(current);
  for (const ch of text) {
    next.fill(0);
    let alive = false;
    for (let i = 0; i < n; i++) {
      if (!current[i]) continue;
      const t = tokens[i]!;
      if (t.kind === 'literal') {
        if (t.char === ch) next[i + 1] = 1;
      } else if (t.kind === 'one') {
        if (ch !== separator) next[i + 1] = 1;
      } else if (t.kind === 'star') {
        if (ch !== separator) next[i] = 1;
      } else next[i] = 1;
    }
    close(next);
    for (let i = 0; i <= n; i++) if (next[i]) alive = true;
    if (!alive) return false;
    [current, next] = [next, current];
  }
  return current[n] === 1;
}

/** Workspace globs (`packages/*`, `apps/**`, `./services/api/`): the whole path; a `!` exclusion matches nothing here. */
export function matchesWorkspaceGlob(rel: string, glob: string): boolean {
  const clean = glob.replace(/^\.\//, '').replace(/\/$/, '');
  if (clean.startsWith('!')) return false;
  return pathGlobMatches(rel, clean);
}

/** .dockerignore semantics: patterns from the context root, later ones win, `!` re-includes, a folder excludes its contents. */
export function isDockerIgnored(rel: string, patterns: readonly string[]): boolean {
  let ignored = false;
  for (const raw of patterns) {
    const negate = raw.startsWith('!');
    const pattern = posix.normalize((negate ? raw.slice(1) : raw).trim().replace(/^\/+/, '')).replace(/\/$/, '');
    if (pattern === '' || pattern === '.') continue;
    const parts = rel.split('/');
    let hit = false;
    for (let i = 1; i <= parts.length && !hit; i++) hit = pathGlobMatches(parts.slice(0, i).join('/'), pattern);
    if (hit) ignored = !negate;
  }
  return ignored;
}

/**
 * tsconfig.json `exclude` semantics: patterns relative to the tsconfig's folder (`./` allowed), the
 * whole path, a matched folder excludes its contents (`data/static/codefixes/**`, `scripts`).
 */
export function isTsconfigExcluded(rel: string, patterns: readonly string[]): boolean {
  for (const raw of patterns) {
    let pattern = raw.trim().replace(/^(\.\/)+/, '');
    while (pattern.endsWith('/')) pattern = pattern.slice(0, -1);
    if (pattern === '' || pattern === '.' || pattern.startsWith('../')) continue;
    // Most patterns start with a folder's name: a path outside it is told apart without a match.
    const wild = pattern.search(/[*?]/);
    const literal = wild < 0 ? pattern : pattern.slice(0, wild);
    if (!rel.startsWith(literal)) continue;
    if (wild < 0) {
      if (rel.length === pattern.length || rel[pattern.length] === '/') return true;
      continue;
    }
    // The file itself, or a folder above it (`pattern/` and everything under it).
    if (pathGlobMatches(rel, pattern) || pathGlobMatches(rel, `${pattern}/**`)) return true;
  }
  return false;
}
