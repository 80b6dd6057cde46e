// Repository facts read from the .git folder as data. We never run `git` inside the scanned tree: a
// hostile repository's .git/config (core.fsmonitor, hooks) can make git commands execute code.

import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import type { RepoFacts } from '../model/project-model.js';

export function readRepoFacts(root: string): RepoFacts {
  return { isGitRepo: findGitDir(root) !== null };
}

/** The .git directory of the work tree that contains `root`, or null. */
export function findGitDir(root: string): string | null {
  for (let dir = path.resolve(root); ; dir = path.dirname(dir)) {
    const candidate = path.join(dir, '.git');
    try {
      if (existsSync(candidate)) {
        const info = statSync(candidate);
        if (info.isDirectory()) return candidate;
        // Worktrees and submodules: `.git` is a file `gitdir: <path>`.
        const m = /^gitdir:\s*(.+)$/m.exec(readFileSync(candidate, 'utf8'));
        if (m) return path.resolve(dir, m[1]!.trim());
      }
    } catch {
      return null;
    }
    if (path.dirname(dir) === dir) return null;
  }
}

/** Tag names from refs/tags and packed-refs. */
export function readGitTags(gitDir: string): string[] {
  const tags = new Set<string>();
  const walk = (dir: string, prefix: string) => {
    let entries;
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch {
      return;
    }
    for (const e of entries) {
      if (e.isDirectory()) walk(path.join(dir, e.name), `${prefix}${e.name}/`);
      else tags.add(prefix + e.name);
    }
  };
  walk(path.join(gitDir, 'refs', 'tags'), '');
  try {
    for (const line of readFileSync(path.join(gitDir, 'packed-refs'), 'utf8').split('\n')) {
      const m = /^[0-9a-f]{40,64} refs\/tags\/(.+)$/.exec(line);
      if (m) tags.add(m[1]!);
    }
  } catch {
    // no packed-refs
  }
  return [...tags].sort();
}
