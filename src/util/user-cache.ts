// Where the tool keeps what it writes between runs when asked to (--cache): a folder of the user's
// cache directory, never the audited tree. Here, below the engine and the parsers, because both the
// audit cache (engine/cache.ts) and the compiler's code cache (parsing/typescript-module.ts) use it.

import { realpathSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** The user's cache directory (XDG, macOS, Windows conventions); the tool keeps its files in a folder of it. */
export function userCacheDir(): string {
  if (process.platform === 'win32') return process.env.LOCALAPPDATA ?? path.join(os.homedir(), 'AppData', 'Local');
  if (process.platform === 'darwin') return path.join(os.homedir(), 'Library', 'Caches');
  const xdg = process.env.XDG_CACHE_HOME;
  // The XDG spec: a relative XDG_CACHE_HOME is invalid and ignored (it would land in the cwd, often the scanned tree).
  return xdg && path.isAbsolute(xdg) ? xdg : path.join(os.homedir(), '.cache');
}

/** The tool's own folder in it: default cache files and V8 code caches. */
export function toolCacheDir(): string {
  return path.join(userCacheDir(), 'twelve-factor-audit');
}

/**
 * The folder for V8 code caches (util/code-cache.ts) on a run that audits `trees`; undefined when
 * the tool's folder lies inside one of them (a home folder audited, XDG_CACHE_HOME set inside a
 * checkout): the audited tree is untrusted, and compiled code it could plant there would run. The
 * checksum of a code cache file only protects against damage, not against a forgery.
 */
export function codeCacheDirOutside(trees: readonly string[]): string | undefined {
  const dir = realOrResolved(toolCacheDir());
  for (const tree of trees) {
    const rel = path.relative(realOrResolved(tree), dir);
    if (rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel))) return undefined;
  }
  return toolCacheDir();
}

/** The real path of `p`, or of its nearest existing ancestor joined with the rest. */
function realOrResolved(p: string): string {
  const abs = path.resolve(p);
  try {
    return realpathSync(abs);
  } catch {
    const parent = path.dirname(abs);
    return parent === abs ? abs : path.join(realOrResolved(parent), path.basename(abs));
  }
}
