// Where the tool keeps what it writes between runs when asked to (--cache): a folder of the user's
// cache directory, never the audited tree. Here, below the engine, because the bin reads it before
// anything else is loaded (the CLI bundle's code cache).

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
