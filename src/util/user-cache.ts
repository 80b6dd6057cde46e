// Where the tool keeps what it writes between runs when asked to (--cache): a folder of the user's
// cache directory, never the audited tree. Here, below the engine, because the bin reads it before
// anything else is loaded (the CLI bundle's code cache).

import { realpathSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { workTreeTop } from './git-data.js';

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

/**
 * codeCacheDirOutside for bin, which decides before the arguments are parsed: the trees a run may
 * audit are among the folders its arguments name, the current folder and its git work tree (the
 * root planAudit picks is one of them or inside them). An option's value taken for a folder only
 * makes the check stricter.
 */
export function codeCacheDirForArgs(args: readonly string[], cwd: string): string | undefined {
  const trees = [cwd];
  const top = workTreeTop(cwd);
  if (top !== null) trees.push(top);
  for (const arg of args) {
    if (arg.startsWith('-')) continue;
    const abs = path.resolve(cwd, arg);
    try {
      if (statSync(abs).isDirectory()) trees.push(abs);
    } catch {
      // not a folder: not a tree
    }
  }
  return codeCacheDirOutside(trees);
}
