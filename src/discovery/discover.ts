// Lists the files to audit under the scanned root: globby with .gitignore honoured and the default
// ignores, symbolic links never followed out of the root.

import { lstat, realpath, stat } from 'node:fs/promises';
import path from 'node:path';
import { globby } from 'globby';
import { CANDIDATE_GLOBS, classify, DEFAULT_IGNORES, type CandidateKind } from './classify.js';

export interface DiscoveredFile {
  /** POSIX, relative to the root. */
  path: string;
  absPath: string;
  kind: CandidateKind;
  size: number;
}

export interface SkippedFile {
  path: string;
  reason: string;
}

export interface Discovery {
  root: string;
  files: DiscoveredFile[];
  skipped: SkippedFile[];
}

export interface DiscoverOptions {
  /** Extra ignore globs (config `ignore`). */
  ignore?: string[];
}

export async function discover(root: string, options: DiscoverOptions = {}): Promise<Discovery> {
  const absRoot = path.resolve(root);
  const realRoot = await realpath(absRoot);
  const entries = await globby(CANDIDATE_GLOBS, {
    cwd: absRoot,
    dot: true,
    gitignore: true,
    ignore: [...DEFAULT_IGNORES, ...(options.ignore ?? [])],
    // Symbolic links are listed but never followed: with onlyFiles, fast-glob would drop a link to a
    // file silently, and we want to read links that stay inside the root and report the others.
    followSymbolicLinks: false,
    onlyFiles: false,
    markDirectories: true,
    suppressErrors: true,
    caseSensitiveMatch: true,
  });
  const files: DiscoveredFile[] = [];
  const skipped: SkippedFile[] = [];
  // Sorted so that every later phase sees files in one order, whatever the file system returns.
  const unique = [...new Set(entries)].filter((e) => !e.endsWith('/')).sort();
  for (const rel of unique) {
    const kind = classify(rel);
    if (!kind) continue;
    const absPath = path.join(absRoot, rel);
    try {
      const link = await lstat(absPath);
      if (link.isSymbolicLink()) {
        const target = await realpath(absPath).catch(() => null);
        if (target === null) {
          skipped.push({ path: rel, reason: 'symbolic link whose target does not exist (or loops)' });
          continue;
        }
        if (target !== realRoot && !target.startsWith(realRoot + path.sep)) {
          skipped.push({ path: rel, reason: 'symbolic link pointing outside the scanned root' });
          continue;
        }
      }
      const info = await stat(absPath);
      if (!info.isFile()) continue;
      files.push({ path: rel, absPath, kind, size: info.size });
    } catch (err) {
      skipped.push({ path: rel, reason: `cannot be read (${(err as NodeJS.ErrnoException).code ?? 'error'})` });
    }
  }
  return { root: absRoot, files, skipped };
}
