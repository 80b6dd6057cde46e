// .gitignore files, read as git reads them: one rule per line, `#` comments, `!` re-includes, a
// trailing `/` for folders only, a pattern with a slash anchored at the folder of its .gitignore,
// the last matching rule winning and a deeper .gitignore overriding the ones above it.
//
// Patterns are matched with the linear glob matcher of the config file (config/glob.ts), never
// compiled to regular expressions: a .gitignore comes from the scanned repository, and a line of
// 5,000 `*` compiled to a backtracking regex would hang the audit (test/hostile has that case).

import { matchGlob } from '../config/glob.js';

export interface IgnoreRule {
  pattern: string;
  negate: boolean;
  dirOnly: boolean;
}

/** Lines past this many in one .gitignore are not read (a generated file of 10,000 lines is fine). */
const MAX_RULES = 20_000;

export function parseGitignore(text: string): IgnoreRule[] {
  const rules: IgnoreRule[] = [];
  for (const raw of text.split(/\r?\n/)) {
    if (rules.length >= MAX_RULES) break;
    let line = trimUnescapedTrailingSpaces(raw);
    if (line === '' || line.startsWith('#')) continue;
    let negate = false;
    if (line.startsWith('!')) {
      negate = true;
      line = line.slice(1);
    } else if (line.startsWith('\\!') || line.startsWith('\\#')) {
      line = line.slice(1);
    }
    let dirOnly = false;
    while (line.endsWith('/')) {
      dirOnly = true;
      line = line.slice(0, -1);
    }
    if (line === '' || line === '/') continue;
    // `**/x` and `x` mean the same; `/x` and `a/x` are anchored (matchGlob reads them the same way).
    rules.push({ pattern: line.replace(/\\(.)/g, '$1'), negate, dirOnly });
  }
  return rules;
}

function trimUnescapedTrailingSpaces(line: string): string {
  let end = line.length;
  while (end > 0 && (line[end - 1] === ' ' || line[end - 1] === '\t') && line[end - 2] !== '\\') end--;
  return line.slice(0, end);
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
 * layers whose folder contains `rel` may be passed.
 */
export function isIgnored(layers: readonly IgnoreLayer[], rel: string, isDir: boolean): boolean {
  let ignored = false;
  for (const layer of layers) {
    const local = layer.prefix + (layer.dir === '' ? rel : rel.slice(layer.dir.length + 1));
    // Last matching rule of a file wins; a deeper file overrides a shallower one.
    for (let i = layer.rules.length - 1; i >= 0; i--) {
      const rule = layer.rules[i]!;
      if (rule.dirOnly && !isDir) continue;
      if (!matchGlob(rule.pattern, local)) continue;
      // `folder matches -> everything inside` is handled by the walk, which never enters an
      // ignored folder; here a pattern only decides for the path itself.
      ignored = !rule.negate;
      break;
    }
  }
  return ignored;
}
