// Glob matching for globs read from scanned files (package.json `workspaces`, pnpm-workspace.yaml,
// script patterns of npm-run-all, environment globs of a config file in the repository).
// Such globs are hostile input: compiled to a regular expression, `**/**/**/...` or `*a*a*a*...`
// backtrack exponentially. This matcher simulates the glob as a set of states over the path, one
// step per character: O(path length x glob length) whatever the glob.

type Token = { kind: 'literal'; char: string } | { kind: 'star' } | { kind: 'globstar' } | { kind: 'one' };

/** Globs longer than this match nothing (no workspace glob is that long). */
const MAX_GLOB_LENGTH = 1024;

function tokenize(glob: string): Token[] {
  const tokens: Token[] = [];
  const parts = glob.split('/');
  parts.forEach((part, i) => {
    if (i > 0) tokens.push({ kind: 'literal', char: '/' });
    if (part === '**') {
      tokens.push({ kind: 'globstar' });
      return;
    }
    for (const char of part) {
      if (char === '*') {
        // `**` inside a segment is the same as `*`; consecutive stars add nothing.
        if (tokens[tokens.length - 1]?.kind !== 'star') tokens.push({ kind: 'star' });
      } else if (char === '?') tokens.push({ kind: 'one' });
      else tokens.push({ kind: 'literal', char });
    }
  });
  return tokens;
}

/**
 * Does `path` (POSIX, relative) match `glob`? `**` as a whole segment matches any run of characters
 * including `/`; `*` any run without `/`; `?` one character other than `/`. No braces or classes.
 */
export function globMatches(path: string, glob: string): boolean {
  if (glob.length > MAX_GLOB_LENGTH) return false;
  return simulate(tokenize(glob), path, '/');
}

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
