// Glob patterns of the config file (ignore, overrides.files, environments), with gitignore-like
// meaning: a pattern without a slash matches a name at any depth (`*.test.ts`, `Dockerfile.dev`), a
// pattern with a slash is anchored at the folder of the config file (`k8s/dev/**`, `/compose.yml`),
// and a pattern that matches a folder matches everything inside it (`k8s/overlays/dev`).
// Written here rather than taken from node:path (matchesGlob is experimental on Node 20) or a
// transitive dependency.

const cache = new Map<string, RegExp>();

export function globToRegExp(pattern: string): RegExp {
  const hit = cache.get(pattern);
  if (hit) return hit;
  let p = pattern.trim().replace(/\\/g, '/');
  if (p.startsWith('./')) p = p.slice(2);
  const anchored = p.startsWith('/') || p.replace(/\/+$/, '').includes('/');
  p = p.replace(/^\/+/, '').replace(/\/+$/, '');
  let re = '';
  for (let i = 0; i < p.length; i++) {
    const c = p[i]!;
    if (c === '*') {
      if (p[i + 1] === '*') {
        const atStart = i === 0 || p[i - 1] === '/';
        const atEnd = i + 2 === p.length || p[i + 2] === '/';
        if (atStart && atEnd) {
          if (i + 2 === p.length) re += '.*';
          else {
            re += '(?:.*/)?';
            i += 1; // the slash after `**` is part of the optional group
          }
          i += 1;
          continue;
        }
        re += '[^/]*';
        i += 1;
        continue;
      }
      re += '[^/]*';
    } else if (c === '?') re += '[^/]';
    else if (c === '{') {
      const close = p.indexOf('}', i);
      if (close < 0) {
        re += '\\{';
        continue;
      }
      const alternatives = p.slice(i + 1, close).split(',').map((a) => globToRegExp(`/${a}`).source.replace(/^\^/, '').replace(/(\(\?:\/\.\*\)\?)?\$$/, ''));
      re += `(?:${alternatives.join('|')})`;
      i = close;
    } else if (c === '[') {
      const close = p.indexOf(']', i + 1);
      if (close < 0) {
        re += '\\[';
        continue;
      }
      const body = p.slice(i + 1, close).replace(/^!/, '^').replace(/\\/g, '\\\\');
      re += `[${body}]`;
      i = close;
    } else re += c.replace(/[.+^$()|\\]/g, '\\$&');
  }
  const compiled = new RegExp(`^${anchored ? '' : '(?:.*/)?'}${re}(?:/.*)?$`);
  cache.set(pattern, compiled);
  return compiled;
}

/** True when the POSIX path (relative to the pattern's base folder) matches the pattern. */
export function matchGlob(pattern: string, file: string): boolean {
  return globToRegExp(pattern).test(file);
}

export function matchAny(patterns: readonly string[], file: string): boolean {
  return patterns.some((p) => matchGlob(p, file));
}

/**
 * Re-expresses a pattern written relative to the config folder for a scan root `prefix` below it
 * (`prefix` is the root relative to the config folder, POSIX, '' when they are the same). Returns
 * null when the pattern cannot match anything under the root.
 */
export function rebaseGlob(pattern: string, prefix: string): string | null {
  if (prefix === '') return pattern;
  let p = pattern.trim().replace(/\\/g, '/').replace(/^\.\//, '');
  const anchored = p.startsWith('/') || p.replace(/\/+$/, '').includes('/');
  // A name pattern that matches a folder above the root covers the whole root.
  if (!anchored) return prefix.split('/').some((seg) => globToRegExp(`/${p}`).test(seg)) ? '**' : pattern;
  if (p.startsWith('**/')) return pattern;
  p = p.replace(/^\/+/, '');
  const segments = p.split('/');
  const prefixSegments = prefix.split('/');
  let i = 0;
  for (const seg of prefixSegments) {
    const pat = segments[i];
    if (pat === undefined) return '**'; // the pattern names a folder that holds the whole root
    if (pat === '**') return `/${segments.slice(i).join('/')}`;
    if (!globToRegExp(`/${pat}`).test(seg)) return null;
    i++;
  }
  const rest = segments.slice(i).join('/');
  return rest === '' ? '**' : `/${rest}`;
}

/** The same pattern in fast-glob syntax (what discovery's globby walk takes as an ignore). */
export function toFastGlob(pattern: string): string[] {
  let p = pattern.trim().replace(/\\/g, '/').replace(/^\.\//, '');
  const anchored = p.startsWith('/') || p.replace(/\/+$/, '').includes('/');
  p = p.replace(/^\/+/, '').replace(/\/+$/, '');
  if (p === '**' || p === '') return ['**'];
  const base = anchored ? p : `**/${p}`;
  return base.endsWith('/**') ? [base] : [base, `${base}/**`];
}
