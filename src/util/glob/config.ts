// Glob patterns of the config file (ignore, overrides.files, environments, entrypoints), with
// gitignore-like meaning: a pattern without a slash matches a name at any depth (`*.test.ts`,
// `Dockerfile.dev`), a pattern with a slash is anchored at the folder of the config file
// (`k8s/dev/**`, `/compose.yml`), and a pattern that matches a folder matches everything inside it
// (`k8s/overlays/dev`). `*` and `?` stay in one segment, `**` spans segments, `{a,b}` and `[a-z]`.
//
// Matched without regular expressions: the config comes from the scanned repository, and a pattern
// such as `**/**/**/**/*a` compiled to a backtracking regex could hang the audit. Segments are
// matched by a memoised walk (pattern segments x path segments), characters by the classic
// two-pointer wildcard match, both polynomial whatever the pattern.

const MAX_EXPANSIONS = 64;

type Token = { t: 'lit'; c: string } | { t: 'any' } | { t: 'star' } | { t: 'class'; negate: boolean; ranges: Array<[string, string]> };

function normalize(pattern: string): { anchored: boolean; body: string } {
  let p = pattern.trim().replace(/\\/g, '/');
  if (p.startsWith('./')) p = p.slice(2);
  const anchored = p.startsWith('/') || trimTrailingSlashes(p).includes('/');
  return { anchored, body: trimTrailingSlashes(p.replace(/^\/+/, '')).replace(/\/{2,}/g, '/') };
}

/** `a{b,c}d` -> [`abd`, `acd`], nested braces too; at most MAX_EXPANSIONS results. */
export function expandBraces(pattern: string): string[] {
  const open = pattern.indexOf('{');
  if (open < 0) return [pattern];
  let depth = 0;
  let close = -1;
  const commas: number[] = [];
  for (let i = open; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === '{') depth++;
    else if (c === '}' && --depth === 0) {
      close = i;
      break;
    } else if (c === ',' && depth === 1) commas.push(i);
  }
  if (close < 0 || commas.length === 0) return [pattern]; // not a brace list: literal braces
  const head = pattern.slice(0, open);
  const tail = pattern.slice(close + 1);
  const bounds = [open, ...commas, close];
  const out: string[] = [];
  for (let k = 0; k + 1 < bounds.length && out.length < MAX_EXPANSIONS; k++) {
    for (const alt of expandBraces(head + pattern.slice(bounds[k]! + 1, bounds[k + 1]) + tail)) {
      if (out.length >= MAX_EXPANSIONS) break;
      out.push(alt);
    }
  }
  return out;
}

function tokenize(segment: string): Token[] {
  const tokens: Token[] = [];
  for (let i = 0; i < segment.length; i++) {
    const c = segment[i]!;
    if (c === '*') {
      if (tokens[tokens.length - 1]?.t !== 'star') tokens.push({ t: 'star' });
    } else if (c === '?') tokens.push({ t: 'any' });
    else if (c === '[') {
      const close = segment.indexOf(']', i + 2);
      if (close < 0) {
        tokens.push({ t: 'lit', c });
        continue;
      }
      let body = segment.slice(i + 1, close);
      const negate = body.startsWith('!') || body.startsWith('^');
      if (negate) body = body.slice(1);
      const ranges: Array<[string, string]> = [];
      for (let k = 0; k < body.length; k++) {
        if (body[k + 1] === '-' && k + 2 < body.length) {
          ranges.push([body[k]!, body[k + 2]!]);
          k += 2;
        } else ranges.push([body[k]!, body[k]!]);
      }
      tokens.push({ t: 'class', negate, ranges });
      i = close;
    } else tokens.push({ t: 'lit', c });
  }
  return tokens;
}

function tokenMatches(token: Token, c: string): boolean {
  if (token.t === 'any') return true;
  if (token.t === 'lit') return token.c === c;
  if (token.t === 'class') return token.ranges.some(([lo, hi]) => c >= lo && c <= hi) !== token.negate;
  return false;
}

/** One path segment against one pattern segment: two-pointer wildcard match, O(n*m) at worst. */
function segmentMatches(tokens: Token[], s: string): boolean {
  let ti = 0;
  let si = 0;
  let starAt = -1;
  let starSi = 0;
  while (si < s.length) {
    const token = tokens[ti];
    if (token && token.t !== 'star' && tokenMatches(token, s[si]!)) {
      ti++;
      si++;
    } else if (token?.t === 'star') {
      starAt = ti++;
      starSi = si;
    } else if (starAt >= 0) {
      ti = starAt + 1;
      si = ++starSi;
    } else return false;
  }
  while (tokens[ti]?.t === 'star') ti++;
  return ti === tokens.length;
}

interface Compiled {
  /** Pattern segments; null stands for `**`. */
  segments: Array<Token[] | null>;
}

const cache = new Map<string, Compiled[]>();

function compile(pattern: string): Compiled[] {
  const hit = cache.get(pattern);
  if (hit) return hit;
  const out = expandBraces(pattern).map((alt) => {
    const { anchored, body } = normalize(alt);
    const parts = body === '' ? ['**'] : body.split('/');
    if (!anchored) parts.unshift('**');
    // Consecutive `**` mean the same as one.
    const segments = parts.filter((p, i) => !(p === '**' && parts[i - 1] === '**')).map((p) => (p === '**' ? null : tokenize(p)));
    return { segments };
  });
  if (cache.size > 1000) cache.clear();
  cache.set(pattern, out);
  return out;
}

function matchCompiled(c: Compiled, path: string[]): boolean {
  const P = c.segments.length;
  const S = path.length;
  const memo = new Uint8Array((P + 1) * (S + 1)); // 0 unknown, 1 false, 2 true
  const go = (i: number, j: number): boolean => {
    const key = i * (S + 1) + j;
    if (memo[key]) return memo[key] === 2;
    let result: boolean;
    if (i === P) result = j > 0 || S === 0; // a matched folder covers what is inside it
    else {
      const seg = c.segments[i]!;
      if (seg === null) result = go(i + 1, j) || (j < S && go(i, j + 1));
      else result = j < S && segmentMatches(seg, path[j]!) && go(i + 1, j + 1);
    }
    memo[key] = result ? 2 : 1;
    return result;
  };
  return go(0, 0);
}

/** True when the POSIX path (relative to the pattern's base folder) matches the pattern. */
export function matchGlob(pattern: string, file: string): boolean {
  const path = file.split('/').filter((s) => s !== '' && s !== '.');
  return compile(pattern).some((c) => matchCompiled(c, path));
}

export function matchAny(patterns: readonly string[], file: string): boolean {
  return patterns.some((p) => matchGlob(p, file));
}

/**
 * Re-expresses a pattern written relative to the config folder for a scan root `prefix` below it
 * (`prefix` is the root relative to the config folder, POSIX, '' when they are the same). Returns the
 * patterns (braces expanded) that can still match something under the root.
 */
export function rebaseGlob(pattern: string, prefix: string): string[] {
  if (prefix === '') return [pattern];
  const prefixSegments = prefix.split('/');
  const out: string[] = [];
  for (const alt of expandBraces(pattern)) {
    const { anchored, body } = normalize(alt);
    // A name pattern that matches a folder above the root covers the whole root.
    if (!anchored) {
      const tokens = tokenize(body);
      out.push(prefixSegments.some((seg) => segmentMatches(tokens, seg)) ? '**' : alt);
      continue;
    }
    const segments = body.split('/');
    if (segments[0] === '**') {
      out.push(alt);
      continue;
    }
    let i = 0;
    let rebased: string | null = null;
    for (const seg of prefixSegments) {
      const pat = segments[i];
      if (pat === undefined) {
        rebased = '**'; // the pattern names a folder that holds the whole root
        break;
      }
      if (pat === '**') {
        rebased = `/${segments.slice(i).join('/')}`;
        break;
      }
      if (!segmentMatches(tokenize(pat), seg)) break;
      i++;
      if (i === prefixSegments.length) {
        const rest = segments.slice(i).join('/');
        rebased = rest === '' ? '**' : `/${rest}`;
      }
    }
    if (rebased !== null) out.push(rebased);
  }
  return out;
}

/** Without a regular expression: `/\/+$/` backtracks quadratically on a long run of slashes. */
function trimTrailingSlashes(text: string): string {
  let end = text.length;
  while (end > 0 && text.charCodeAt(end - 1) === 47) end--;
  return text.slice(0, end);
}
