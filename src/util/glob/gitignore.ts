// .gitignore files, read exactly as git reads them (dir.c and wildmatch.c of git 2.x): one pattern a
// line, `#` comments, trailing spaces trimmed unless escaped, `!` re-includes, one trailing `/` for
// folders only, a pattern without a slash matched against the name at any depth, a pattern with a
// slash anchored at the folder of its .gitignore, the last matching pattern winning and a deeper
// .gitignore overriding the ones above it. Patterns are matched on UTF-8 bytes, as git does (`?` is
// one byte), with git's escapes, character classes (`[a-z]`, `[!a]`, `[^a]`, `[[:alpha:]]`) and `**`.
//
// Exactness matters for safety: a pattern this code matched more widely than git (a lone `\` once
// matched everything) hides files that git has committed, and their findings with them.
// test/hostile/gitignore.test.ts compares this matcher with `git check-ignore` on generated patterns.
//
// Never a regular expression: a .gitignore comes from the scanned repository. The matcher is git's
// own backtracking algorithm (its abort codes cut the search) plus a memo of (pattern, text)
// positions, so a line of 5,000 `*` costs polynomial time; patterns longer than MAX_PATTERN_BYTES
// are not used (longer than any path git can store, and a recursion-depth guard).

export interface IgnoreRule {
  /** The pattern as UTF-8 bytes, without `!`, a leading `/` and the trailing `/`. */
  pattern: Uint8Array;
  negate: boolean;
  /** Trailing `/`: matches folders only. */
  dirOnly: boolean;
  /** No `/` in the pattern: matched against the last path segment, at any depth. */
  basename: boolean;
  /** The pattern has no wildcard or escape: compared as a string. */
  literal?: string;
  /**
   * A basename pattern `*<text>` or `<text>*` whose text has no wildcard or escape (`*.log`,
   * `npm-debug.log*`): a name matches when it ends or starts with the text. A basename has no `/`,
   * so `*` there matches any run of bytes, and comparing UTF-8 strings at an end compares their
   * bytes; the general matcher would give the same answer at many times the cost.
   */
  suffix?: string;
  prefix?: string;
  /** A pattern `<folder>/**` without other wildcards: `<folder>/`, which a path inside it starts with. */
  inside?: string;
  /**
   * The pattern's text before its first wildcard or escape, when not empty: wildmatch compares
   * those bytes one by one from the start, so a text that does not start with them cannot match.
   */
  lead?: string;
}

/** Lines past this many in one .gitignore are not read (a generated file of 10,000 lines is fine). */
const MAX_RULES = 20_000;
/** Longer patterns are not used: PATH_MAX is 4096 bytes, and the matcher recurses once per `*`. */
const MAX_PATTERN_BYTES = 4096;

export function parseGitignore(text: string): IgnoreRule[] {
  const rules: IgnoreRule[] = [];
  // git splits on LF and drops one CR before it.
  for (const raw of text.split('\n')) {
    if (rules.length >= MAX_RULES) break;
    if (raw === '' || raw.startsWith('#')) continue;
    const rule = parseLine(trimTrailingSpaces(raw.endsWith('\r') ? raw.slice(0, -1) : raw));
    if (rule) rules.push(rule);
  }
  return rules;
}

function parseLine(line: string): IgnoreRule | undefined {
  if (line === '') return undefined;
  let p = line;
  let negate = false;
  if (p.startsWith('!')) {
    negate = true;
    p = p.slice(1);
  }
  let dirOnly = false;
  if (p.endsWith('/')) {
    dirOnly = true;
    p = p.slice(0, -1);
  }
  let basename = !p.includes('/');
  // match_pathname drops one leading `/` (anchoring is implied by a slash anywhere).
  if (!basename && p.startsWith('/')) p = p.slice(1);
  // `**/<name>` matches <name> in every folder: the same as the pattern `<name>` (gitignore(5)), which
  // the fast paths below then serve (`**/dist`, `**/*.log`).
  if (!basename && p.startsWith('**/') && p.length > 3 && !p.slice(3).includes('/') && !p.slice(3).includes('**')) {
    p = p.slice(3);
    basename = true;
  }
  if (p === '' && !basename) return undefined;
  const bytes = Buffer.from(p, 'utf8');
  if (bytes.length > MAX_PATTERN_BYTES) return undefined;
  if (!/[*?[\\]/.test(p)) return { pattern: bytes, negate, dirOnly, basename, literal: p };
  if (basename && p.length > 1 && p.startsWith('*') && !/[*?[\\]/.test(p.slice(1))) return { pattern: bytes, negate, dirOnly, basename, suffix: p.slice(1) };
  if (basename && p.length > 1 && p.endsWith('*') && !/[*?[\\]/.test(p.slice(0, -1))) return { pattern: bytes, negate, dirOnly, basename, prefix: p.slice(0, -1) };
  // `<folder>/**`: everything inside that folder (a path never ends with `/`).
  if (!basename && p.endsWith('/**') && !/[*?[\\]/.test(p.slice(0, -2))) return { pattern: bytes, negate, dirOnly, basename, inside: p.slice(0, -2) };
  const lead = p.slice(0, p.search(/[*?[\\]/));
  return { pattern: bytes, negate, dirOnly, basename, ...(lead !== '' ? { lead } : {}) };
}

/** git's trim_trailing_spaces: trailing spaces (not tabs) go, unless the first of them is escaped. */
function trimTrailingSpaces(line: string): string {
  let lastSpace = -1;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (c === ' ') {
      if (lastSpace < 0) lastSpace = i;
    } else if (c === '\\') {
      i++;
      if (i >= line.length) return line;
      lastSpace = -1;
    } else lastSpace = -1;
  }
  return lastSpace < 0 ? line : line.slice(0, lastSpace);
}

/** The rules of one .gitignore and where they apply. */
export interface IgnoreLayer {
  /**
   * Path of the scanned root as seen from the .gitignore's folder, with a trailing slash ('' when
   * the .gitignore is at the root or below it, `apps/api/` for one two folders above the root).
   */
  prefix: string;
  /** Folder of the .gitignore relative to the scanned root ('' for the root and above it). */
  dir: string;
  rules: IgnoreRule[];
}

/**
 * Is `rel` (POSIX, relative to the scanned root) ignored by these layers (outermost first)? Only
 * layers whose folder contains `rel` may be passed. A path inside an ignored folder is the caller's
 * business (the walk never enters one, as git never looks inside one).
 */
export function isIgnored(layers: readonly IgnoreLayer[], rel: string, isDir: boolean): boolean {
  return ignoreVerdict(layers, rel, isDir) ?? false;
}

/**
 * Is `rel` re-included by a `!` rule, the rule that decides it? (`node_modules` then
 * `!packages/node_modules`: the repository commits that folder as its own source, as node-red does.)
 */
export function isReincluded(layers: readonly IgnoreLayer[], rel: string, isDir: boolean): boolean {
  return ignoreVerdict(layers, rel, isDir) === false;
}

/** true: ignored; false: a `!` rule re-includes it; undefined: no rule matches it. */
function ignoreVerdict(layers: readonly IgnoreLayer[], rel: string, isDir: boolean): boolean | undefined {
  let ignored: boolean | undefined;
  let name: string | undefined;
  let nameBytes: Uint8Array | undefined;
  // The deepest layer decides; within a layer the last matching rule.
  for (let l = layers.length - 1; l >= 0 && ignored === undefined; l--) {
    const layer = layers[l]!;
    let local: string | undefined;
    let localBytes: Uint8Array | undefined;
    for (let i = layer.rules.length - 1; i >= 0; i--) {
      const rule = layer.rules[i]!;
      if (rule.dirOnly && !isDir) continue;
      let hit: boolean;
      if (rule.basename) {
        name ??= rel.slice(rel.lastIndexOf('/') + 1);
        if (rule.literal !== undefined) hit = rule.literal === name;
        else if (rule.suffix !== undefined) hit = name.endsWith(rule.suffix);
        else if (rule.prefix !== undefined) hit = name.startsWith(rule.prefix);
        else hit = (rule.lead === undefined || name.startsWith(rule.lead)) && wildmatch(rule.pattern, (nameBytes ??= Buffer.from(name, 'utf8')), false);
      } else {
        local ??= layer.prefix + (layer.dir === '' ? rel : rel.slice(layer.dir.length + 1));
        if (rule.literal !== undefined) hit = rule.literal === local;
        else if (rule.inside !== undefined) hit = local.startsWith(rule.inside);
        else hit = (rule.lead === undefined || local.startsWith(rule.lead)) && wildmatch(rule.pattern, (localBytes ??= Buffer.from(local, 'utf8')), true);
      }
      if (hit) {
        ignored = !rule.negate;
        break;
      }
    }
  }
  return ignored;
}

const MATCH = 0;
const NOMATCH = 1;
const ABORT_ALL = 2;
const ABORT_TO_STARSTAR = 3;

const SLASH = 0x2f;
const STAR = 0x2a;
const BACKSLASH = 0x5c;

/**
 * git's wildmatch() on bytes (no case folding: core.ignoreCase is off on the systems this reads
 * trees for). `pathname`: `*` and `?` do not match `/`, and `**` between slashes spans folders.
 */
export function wildmatch(pattern: Uint8Array, text: Uint8Array, pathname: boolean): boolean {
  const memo = new Map<number, number>();
  return dowild(pattern, 0, text, 0, pathname, memo) === MATCH;
}

function dowild(p: Uint8Array, pi: number, t: Uint8Array, ti: number, pathname: boolean, memo: Map<number, number>): number {
  const key = pi * (t.length + 1) + ti;
  const known = memo.get(key);
  if (known !== undefined) return known;
  const result = dowildUncached(p, pi, t, ti, pathname, memo);
  memo.set(key, result);
  return result;
}

function dowildUncached(p: Uint8Array, pi: number, t: Uint8Array, ti: number, pathname: boolean, memo: Map<number, number>): number {
  for (; pi < p.length; ti++, pi++) {
    let pch = p[pi]!;
    let tch = ti < t.length ? t[ti]! : 0;
    if (ti >= t.length && pch !== STAR) return ABORT_ALL;
    switch (pch) {
      case BACKSLASH:
        // A trailing backslash matches nothing (pch 0 never equals a path byte).
        pch = pi + 1 < p.length ? p[++pi]! : 0;
        if (tch !== pch) return NOMATCH;
        continue;
      case 0x3f: // ?
        if (pathname && tch === SLASH) return NOMATCH;
        continue;
      case STAR: {
        let matchSlash: boolean;
        if (p[pi + 1] === STAR) {
          const prev = pi - 1;
          pi++;
          while (p[pi + 1] === STAR) pi++;
          pi++; // first byte after the stars
          if ((prev < 0 || p[prev] === SLASH) && (pi >= p.length || p[pi] === SLASH || (p[pi] === BACKSLASH && p[pi + 1] === SLASH))) {
            // `**/` may match no folder at all: try the rest of the pattern here first.
            if (p[pi] === SLASH && dowild(p, pi + 1, t, ti, pathname, memo) === MATCH) return MATCH;
            matchSlash = true;
          } else matchSlash = !pathname;
        } else {
          pi++;
          matchSlash = !pathname;
        }
        if (pi >= p.length) {
          // Trailing `**` matches everything; a trailing `*` only what has no more slashes.
          if (!matchSlash && t.indexOf(SLASH, ti) >= 0) return NOMATCH;
          return MATCH;
        }
        if (!matchSlash && p[pi] === SLASH) {
          // One `*` then a slash: the rest of this folder name.
          const slash = t.indexOf(SLASH, ti);
          if (slash < 0) return NOMATCH;
          ti = slash;
          // The loop's increments consume the slash of both.
          continue;
        }
        for (;;) {
          if (ti >= t.length) break;
          const next = p[pi]!;
          if (!isGlobSpecial(next)) {
            // The text before the next literal byte belongs to the star.
            while (ti < t.length && (matchSlash || t[ti] !== SLASH) && t[ti] !== next) ti++;
            if (ti >= t.length || t[ti] !== next) return matchSlash ? ABORT_ALL : ABORT_TO_STARSTAR;
          }
          const matched = dowild(p, pi, t, ti, pathname, memo);
          if (matched !== NOMATCH) {
            if (!matchSlash || matched !== ABORT_TO_STARSTAR) return matched;
          } else if (!matchSlash && t[ti] === SLASH) return ABORT_TO_STARSTAR;
          ti++;
        }
        return ABORT_ALL;
      }
      case 0x5b: {
        // [
        const r = matchClass(p, pi, tch);
        if (r.abort) return ABORT_ALL;
        pi = r.end;
        if (r.matched === r.negated || (pathname && tch === SLASH)) return NOMATCH;
        continue;
      }
      default:
        if (tch !== pch) return NOMATCH;
        continue;
    }
  }
  return ti < t.length ? NOMATCH : MATCH;
}

function isGlobSpecial(c: number): boolean {
  return c === STAR || c === 0x3f || c === 0x5b || c === BACKSLASH;
}

/** A bracket expression starting at p[start] === '['; `end` is the index of its `]`. */
function matchClass(p: Uint8Array, start: number, tch: number): { matched: boolean; negated: boolean; end: number; abort?: true } {
  let pi = start + 1;
  let pch = p[pi] ?? 0;
  const negated = pch === 0x21 || pch === 0x5e; // ! or ^
  if (negated) pch = p[++pi] ?? 0;
  let prev = 0;
  let matched = false;
  do {
    if (pch === 0) return { matched, negated, end: pi, abort: true };
    if (pch === BACKSLASH) {
      pch = p[++pi] ?? 0;
      if (pch === 0) return { matched, negated, end: pi, abort: true };
      if (tch === pch) matched = true;
    } else if (pch === 0x2d && prev !== 0 && p[pi + 1] !== undefined && p[pi + 1] !== 0 && p[pi + 1] !== 0x5d) {
      // a range `prev-x`
      pch = p[++pi]!;
      if (pch === BACKSLASH) {
        pch = p[++pi] ?? 0;
        if (pch === 0) return { matched, negated, end: pi, abort: true };
      }
      if (tch <= pch && tch >= prev) matched = true;
      pch = 0;
    } else if (pch === 0x5b && p[pi + 1] === 0x3a) {
      // [:class:]
      const s = pi + 2;
      let q = s;
      while (q < p.length && p[q] !== 0x5d) q++;
      if (q >= p.length) return { matched, negated, end: q, abort: true };
      const len = q - s - 1;
      if (len < 0 || p[q - 1] !== 0x3a) {
        // No `:]`: an ordinary `[` in the set.
        pi = s - 2;
        pch = 0x5b;
        if (tch === pch) matched = true;
      } else {
        pi = q;
        const cls = Buffer.from(p.subarray(s, s + len)).toString('latin1');
        const test = CLASSES[cls];
        if (!test) return { matched, negated, end: pi, abort: true };
        if (test(tch)) matched = true;
        pch = 0;
      }
    } else if (tch === pch) matched = true;
    prev = pch;
    pch = p[++pi] ?? 0;
  } while (pch !== 0x5d);
  return { matched, negated, end: pi };
}

// git's sane_ctype: ASCII only; bytes of multi-byte UTF-8 characters are in no class.
const isDigit = (c: number) => c >= 0x30 && c <= 0x39;
const isUpper = (c: number) => c >= 0x41 && c <= 0x5a;
const isLower = (c: number) => c >= 0x61 && c <= 0x7a;
const isAlpha = (c: number) => isUpper(c) || isLower(c);
const isSpace = (c: number) => c === 0x20 || (c >= 0x09 && c <= 0x0d);
const isPrint = (c: number) => c >= 0x20 && c <= 0x7e;
const CLASSES: Record<string, (c: number) => boolean> = {
  alnum: (c) => isAlpha(c) || isDigit(c),
  alpha: isAlpha,
  blank: (c) => c === 0x20 || c === 0x09,
  cntrl: (c) => c < 0x20 || c === 0x7f,
  digit: isDigit,
  graph: (c) => isPrint(c) && c !== 0x20,
  lower: isLower,
  print: isPrint,
  punct: (c) => isPrint(c) && c !== 0x20 && !isAlpha(c) && !isDigit(c),
  space: isSpace,
  upper: isUpper,
  xdigit: (c) => isDigit(c) || (c >= 0x41 && c <= 0x46) || (c >= 0x61 && c <= 0x66),
};
