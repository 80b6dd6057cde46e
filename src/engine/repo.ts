// Repository facts read from the .git folder as data. We never run `git` inside the scanned tree: a
// hostile repository's .git/config (core.fsmonitor, hooks) can make git commands execute code.

import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import type { RepoFacts } from '../model/project-model.js';

/** Indexes of very large repositories run to tens of megabytes; beyond this we do without. */
const MAX_INDEX_SIZE = 64 * 1024 * 1024;

export function readRepoFacts(root: string): RepoFacts {
  const found = findGitDirAndWorkTree(root);
  if (!found) {
    const other = findOtherVcs(root);
    return other ? { isGitRepo: false, otherVcs: other } : { isGitRepo: false };
  }
  const { gitDir, workTree } = found;
  const common = commonDir(gitDir);
  const facts: RepoFacts = { isGitRepo: true, tags: readGitTags(common), shallow: existsSync(path.join(common, 'shallow')) };
  const tracked = readIndexPaths(path.join(gitDir, 'index'));
  if (tracked) {
    const prefix = path.relative(workTree, path.resolve(root)).split(path.sep).join('/');
    facts.trackedFiles = prefix === '' ? tracked : tracked.filter((p) => p.startsWith(`${prefix}/`)).map((p) => p.slice(prefix.length + 1));
  }
  return facts;
}

function findOtherVcs(root: string): string | undefined {
  for (let dir = path.resolve(root); ; dir = path.dirname(dir)) {
    for (const name of ['.hg', '.svn', '.fossil', '_darcs', '.pijul', '.jj']) {
      if (existsSync(path.join(dir, name))) return name;
    }
    if (path.dirname(dir) === dir) return undefined;
  }
}

/** The .git directory of the work tree that contains `root`, or null. */
export function findGitDir(root: string): string | null {
  return findGitDirAndWorkTree(root)?.gitDir ?? null;
}

function findGitDirAndWorkTree(root: string): { gitDir: string; workTree: string } | null {
  for (let dir = path.resolve(root); ; dir = path.dirname(dir)) {
    const candidate = path.join(dir, '.git');
    try {
      if (existsSync(candidate)) {
        const info = statSync(candidate);
        if (info.isDirectory()) return { gitDir: candidate, workTree: dir };
        // Worktrees and submodules: `.git` is a file `gitdir: <path>`.
        const m = /^gitdir:\s*(.+)$/m.exec(readFileSync(candidate, 'utf8'));
        if (m) return { gitDir: path.resolve(dir, m[1]!.trim()), workTree: dir };
      }
    } catch {
      return null;
    }
    if (path.dirname(dir) === dir) return null;
  }
}

/** A linked worktree keeps refs in the main repository's folder, named by its `commondir` file. */
function commonDir(gitDir: string): string {
  try {
    const rel = readFileSync(path.join(gitDir, 'commondir'), 'utf8').trim();
    if (rel) return path.resolve(gitDir, rel);
  } catch {
    // not a linked worktree
  }
  return gitDir;
}

/** Tag names from refs/tags and packed-refs. */
export function readGitTags(gitDir: string): string[] {
  const tags = new Set<string>();
  const walk = (dir: string, prefix: string, depth: number) => {
    if (depth > 8) return;
    let entries;
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch {
      return;
    }
    for (const e of entries) {
      if (e.isDirectory()) walk(path.join(dir, e.name), `${prefix}${e.name}/`, depth + 1);
      else tags.add(prefix + e.name);
    }
  };
  walk(path.join(gitDir, 'refs', 'tags'), '', 0);
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

/**
 * Paths of the git index (`.git/index`, versions 2, 3 and 4), read as data. Returns null when the
 * file is missing, too large or not an index this reader understands.
 */
export function readIndexPaths(indexFile: string): string[] | null {
  let buf: Buffer;
  try {
    if (statSync(indexFile).size > MAX_INDEX_SIZE) return null;
    buf = readFileSync(indexFile);
  } catch {
    return null;
  }
  return parseIndex(buf);
}

export function parseIndex(buf: Buffer): string[] | null {
  if (buf.length < 12 || buf.toString('latin1', 0, 4) !== 'DIRC') return null;
  const version = buf.readUInt32BE(4);
  if (version < 2 || version > 4) return null;
  const count = buf.readUInt32BE(8);
  const paths: string[] = [];
  let offset = 12;
  let previous = '';
  for (let i = 0; i < count; i++) {
    const start = offset;
    // ctime, mtime, dev, ino, mode, uid, gid, size (40 bytes), object id (20), flags (2).
    if (offset + 62 > buf.length) return null;
    const flags = buf.readUInt16BE(offset + 60);
    offset += 62;
    if (version >= 3 && flags & 0x4000) offset += 2;
    let name: string;
    if (version === 4) {
      // Prefix compression: a varint of bytes to drop from the previous path, then the suffix.
      let byte = buf[offset++];
      if (byte === undefined) return null;
      let strip = byte & 0x7f;
      while (byte & 0x80) {
        byte = buf[offset++];
        if (byte === undefined) return null;
        strip = ((strip + 1) << 7) | (byte & 0x7f);
      }
      const end = buf.indexOf(0, offset);
      if (end < 0 || strip > previous.length) return null;
      name = previous.slice(0, previous.length - strip) + buf.toString('utf8', offset, end);
      offset = end + 1;
    } else {
      const end = buf.indexOf(0, offset);
      if (end < 0) return null;
      name = buf.toString('utf8', offset, end);
      // Entries are padded with 1 to 8 NULs to a multiple of 8 bytes.
      offset = start + ((end - start + 8) & ~7);
    }
    previous = name;
    paths.push(name);
  }
  return paths;
}
