// The git repository read as data: where the work tree and git directory are, HEAD and refs, tags,
// the index. Every reader of .git goes through this module. We never run `git` inside the scanned
// tree to learn these: a hostile repository's .git/config (core.fsmonitor, hooks) can make git
// commands execute code (--staged and --changed-since run git, hardened, in engine/changed-files.ts).
//
// `.git` and everything in it come from the tree: each file is read through the guarded reader
// (regular file, size cap, no link out of the git directory), so a FIFO at `.git/index` or a link to
// /dev/zero at `packed-refs` is simply not read. A `.git` file's `gitdir:` may point outside the work
// tree (that is what linked worktrees and submodules do) but only to a folder laid out as git lays
// them out (`…/worktrees/<name>`, `…/modules/<name>`) that holds a HEAD.

import { createHash } from 'node:crypto';
import { existsSync, lstatSync, readdirSync, realpathSync } from 'node:fs';
import path from 'node:path';
import { isInside, readGuarded, readGuardedText } from './guarded-read.js';

/** Indexes of very large repositories run to tens of megabytes; beyond this we do without. */
const MAX_INDEX_SIZE = 64 * 1024 * 1024;
/** HEAD, refs, commondir and `.git` files are a few bytes. */
const MAX_REF_FILE = 64 * 1024;
const MAX_PACKED_REFS = 16 * 1024 * 1024;
/** Tags read from refs/tags (a repository with more is read without the rest). */
const MAX_TAGS = 100_000;

/** Paths git tracks under `root` (POSIX, relative to it), or null outside a repository or without a readable index. */
export function readTrackedFiles(root: string): string[] | null {
  const found = findGitDirAndWorkTree(root);
  return found ? trackedUnder(root, found) : null;
}

export function trackedUnder(root: string, found: GitLocation): string[] | null {
  const tracked = readIndexPaths(path.join(found.gitDir, 'index'), found.gitDir);
  if (!tracked) return null;
  const prefix = path.relative(found.workTree, path.resolve(root)).split(path.sep).join('/');
  return prefix === '' ? tracked.slice() : tracked.filter((p) => p.startsWith(`${prefix}/`)).map((p) => p.slice(prefix.length + 1));
}

export interface GitLocation {
  /** The git directory (real path). */
  gitDir: string;
  /** The folder that holds `.git`. */
  workTree: string;
}

/**
 * The nearest folder at or above `dir` that holds a `.git` entry of any kind (directory, `gitdir:`
 * file, link), or null: where the work tree ends, for searches that must not climb out of it (config
 * files, .gitignore layers, the changed-files root). A `.git` that is no usable repository still ends it.
 */
export function workTreeTop(dir: string): string | null {
  for (let d = path.resolve(dir); ; d = path.dirname(d)) {
    if (existsSync(path.join(d, '.git'))) return d;
    if (path.dirname(d) === d) return null;
  }
}

/** The .git directory of the work tree that contains `root`, or null. */
export function findGitDir(root: string): string | null {
  return findGitDirAndWorkTree(root)?.gitDir ?? null;
}

/**
 * The git directory and work tree that contain `root`, or null. The nearest `.git` decides: a
 * directory (or a link to one inside its work tree), or a `gitdir:` file. A `.git` of any other
 * kind (a FIFO, a device, a link out) makes the folder not a repository.
 */
export function findGitDirAndWorkTree(root: string): GitLocation | null {
  for (let dir = path.resolve(root); ; dir = path.dirname(dir)) {
    const candidate = path.join(dir, '.git');
    let info;
    try {
      info = lstatSync(candidate);
    } catch {
      info = undefined;
    }
    if (info) {
      if (info.isDirectory()) return { gitDir: realOrSelf(candidate), workTree: dir };
      if (info.isSymbolicLink()) {
        try {
          const real = realpathSync(candidate);
          if (isInside(realOrSelf(dir), real) && lstatSync(real).isDirectory()) return { gitDir: real, workTree: dir };
        } catch {
          // dangling or looping
        }
        return null;
      }
      // Worktrees and submodules: `.git` is a file `gitdir: <path>`.
      const text = readGuardedText(candidate, { boundary: dir, maxSize: MAX_REF_FILE });
      if (typeof text !== 'string') return null;
      const m = /^gitdir:\s*(.+)$/m.exec(text);
      const gitDir = m ? linkedGitDir(path.resolve(dir, m[1]!.trim())) : null;
      return gitDir ? { gitDir, workTree: dir } : null;
    }
    if (path.dirname(dir) === dir) return null;
  }
}

/** A `gitdir:` target: a real folder named as git names them, holding a HEAD file. */
function linkedGitDir(target: string): string | null {
  let real: string;
  try {
    real = realpathSync(target);
    if (!lstatSync(real).isDirectory()) return null;
  } catch {
    return null;
  }
  const parent = path.basename(path.dirname(real));
  if (parent !== 'worktrees' && parent !== 'modules' && path.basename(real) !== '.git') return null;
  const head = readGuardedText(path.join(real, 'HEAD'), { boundary: real, maxSize: MAX_REF_FILE });
  return typeof head === 'string' && /^(ref: refs\/|[0-9a-f]{40})/.test(head) ? real : null;
}

function realOrSelf(p: string): string {
  try {
    return realpathSync(p);
  } catch {
    return p;
  }
}

/**
 * A linked worktree keeps refs in the main repository's folder, named by its `commondir` file: used
 * only when it names a git directory (`…/.git` or a bare repository with a HEAD).
 */
export function commonDir(gitDir: string): string {
  const rel = readGuardedText(path.join(gitDir, 'commondir'), { boundary: gitDir, maxSize: MAX_REF_FILE });
  if (typeof rel !== 'string' || rel.trim() === '') return gitDir;
  try {
    const real = realpathSync(path.resolve(gitDir, rel.trim()));
    const head = readGuardedText(path.join(real, 'HEAD'), { boundary: real, maxSize: MAX_REF_FILE });
    if (lstatSync(real).isDirectory() && typeof head === 'string') return real;
  } catch {
    // not there
  }
  return gitDir;
}

const OBJECT_ID = /^[0-9a-f]{40}([0-9a-f]{24})?$/;

/** What HEAD points at: the branch (when on one) and the commit id, each when it can be read. */
export function readHead(gitDir: string): { branch?: string; commit?: string } {
  const head = readSmall(gitDir, 'HEAD', MAX_REF_FILE)?.trim();
  if (!head) return {};
  const ref = /^ref:\s*(refs\/\S+)$/.exec(head);
  if (ref && isSafeRefName(ref[1]!)) {
    const refName = ref[1]!;
    const commit = resolveRef(gitDir, refName);
    return { ...(refName.startsWith('refs/heads/') ? { branch: refName.slice('refs/heads/'.length) } : {}), ...(commit ? { commit } : {}) };
  }
  return OBJECT_ID.test(head) ? { commit: head } : {};
}

/** A ref's object id from its loose file or packed-refs, in the work tree's own and common dirs. */
export function resolveRef(gitDir: string, refName: string): string | undefined {
  const dirs = [gitDir];
  // Linked worktrees keep HEAD in their own dir and refs in the common dir.
  const common = commonDir(gitDir);
  if (common !== gitDir) dirs.push(common);
  for (const dir of dirs) {
    const loose = readSmall(dir, refName, MAX_REF_FILE)?.trim();
    if (loose && OBJECT_ID.test(loose)) return loose;
  }
  for (const dir of dirs) {
    const packed = readSmall(dir, 'packed-refs', MAX_PACKED_REFS);
    if (!packed) continue;
    for (const line of packed.split('\n')) {
      const m = /^([0-9a-f]{40}(?:[0-9a-f]{24})?) (\S+)$/.exec(line);
      if (m && m[2] === refName) return m[1];
    }
  }
  return undefined;
}

/** git's own rules, the part that matters here: no `..`, no empty or dot-led parts, printable. */
function isSafeRefName(refName: string): boolean {
  return refName.length <= 1024 && /^[\x21-\x7e]+$/.test(refName) && !refName.split('/').some((part) => part === '' || part.startsWith('.') || part.endsWith('.lock')) && !refName.includes('..');
}

/** A file of the git directory, read guarded inside `dir`. */
function readSmall(dir: string, rel: string, max: number): string | undefined {
  const text = readGuardedText(path.join(dir, ...rel.split('/')), { boundary: dir, maxSize: max });
  return typeof text === 'string' ? text : undefined;
}

/** Tag names from refs/tags and packed-refs. */
export function readGitTags(gitDir: string): string[] {
  const tags = new Set<string>();
  const walk = (dir: string, prefix: string, depth: number) => {
    if (depth > 8 || tags.size >= MAX_TAGS) return;
    let entries;
    try {
      // A link at refs/tags (to / or /proc) is not listed.
      if (!lstatSync(dir).isDirectory()) return;
      entries = readdirSync(dir, { withFileTypes: true });
    } catch {
      return;
    }
    for (const e of entries) {
      if (tags.size >= MAX_TAGS) return;
      if (e.isDirectory()) walk(path.join(dir, e.name), `${prefix}${e.name}/`, depth + 1);
      else tags.add(prefix + e.name);
    }
  };
  walk(path.join(gitDir, 'refs', 'tags'), '', 0);
  const packed = readGuardedText(path.join(gitDir, 'packed-refs'), { boundary: gitDir, maxSize: MAX_PACKED_REFS });
  if (typeof packed === 'string') {
    for (const line of packed.split('\n')) {
      if (tags.size >= MAX_TAGS) break;
      const m = /^[0-9a-f]{40,64} refs\/tags\/(.+)$/.exec(line);
      if (m) tags.add(m[1]!);
    }
  }
  return [...tags].sort();
}

/**
 * Paths of the git index (`.git/index`, versions 2, 3 and 4), read as data. Returns null when the
 * file is missing, too large or not an index this reader understands.
 */
export function readIndexPaths(indexFile: string, gitDir = path.dirname(indexFile)): string[] | null {
  return loadIndex(indexFile, gitDir)?.index?.paths ?? null;
}

/** One parse of an index: its paths in order, where each entry starts, and where its extensions start. */
interface ParsedIndex {
  buf: Buffer;
  version: number;
  paths: string[];
  /** Byte offset of each entry (its stat data, then its object id and flags). */
  offsets: number[];
  /** Byte offset of the first extension (or of the trailing checksum). */
  end: number;
}

/**
 * Discovery (tracked files that .gitignore lists), the repository facts and the cache's git
 * validation all need the index: one read and parse per run while it is unchanged. `mtimeMs` is
 * the index file's own modification time, which tells racily clean entries (readUnmodifiedBlobIds).
 */
function loadIndex(indexFile: string, gitDir: string): { index: ParsedIndex | null; mtimeMs: number } | null {
  let stamp: string;
  let mtimeMs: number;
  try {
    const info = lstatSync(indexFile);
    stamp = `${indexFile}\0${info.ino}\0${info.size}\0${info.mtimeMs}\0${info.ctimeMs}`;
    mtimeMs = info.mtimeMs;
  } catch {
    return null;
  }
  if (lastIndex?.stamp !== stamp) {
    const buf = readGuarded(indexFile, { boundary: gitDir, maxSize: MAX_INDEX_SIZE });
    lastIndex = { stamp, mtimeMs, index: Buffer.isBuffer(buf) ? parseIndexLayout(buf) : null };
  }
  return lastIndex;
}

let lastIndex: { stamp: string; mtimeMs: number; index: ParsedIndex | null } | undefined;

export function parseIndex(buf: Buffer): string[] | null {
  return parseIndexLayout(buf)?.paths ?? null;
}

/** A path with a byte over 0x7f, which the Latin-1 view of the index does not spell as UTF-8 does. */
const NON_ASCII = /[^\x00-\x7f]/;

function parseIndexLayout(buf: Buffer): ParsedIndex | null {
  if (buf.length < 12 || buf.toString('latin1', 0, 4) !== 'DIRC') return null;
  const version = buf.readUInt32BE(4);
  if (version < 2 || version > 4) return null;
  const count = buf.readUInt32BE(8);
  const paths: string[] = [];
  const offsets: number[] = [];
  // The whole index as one Latin-1 string (a char per byte, so its offsets are the buffer's): each
  // path is then found and cut with string operations instead of a Buffer indexOf and toString per
  // entry, native calls whose overhead was most of the parse (6,400 entries: ~30 -> ~12 ms CPU).
  // A path with a byte over 0x7f is decoded from the buffer as UTF-8, as before.
  const text = buf.toString('latin1');
  let offset = 12;
  /** The previous path's bytes, as Latin-1: version 4 strips a count of bytes (not characters) from it. */
  let previous = '';
  for (let i = 0; i < count; i++) {
    const start = offset;
    // ctime, mtime, dev, ino, mode, uid, gid, size (40 bytes), object id (20), flags (2).
    if (offset + 62 > buf.length) return null;
    const flags = (buf[offset + 60]! << 8) | buf[offset + 61]!;
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
      const end = text.indexOf('\0', offset);
      if (end < 0 || strip > previous.length) return null;
      previous = previous.slice(0, previous.length - strip) + text.slice(offset, end);
      name = NON_ASCII.test(previous) ? Buffer.from(previous, 'latin1').toString('utf8') : previous;
      offset = end + 1;
    } else {
      const end = text.indexOf('\0', offset);
      if (end < 0) return null;
      name = pathAt(buf, text, offset, end);
      // Entries are padded with 1 to 8 NULs to a multiple of 8 bytes.
      offset = start + ((end - start + 8) & ~7);
    }
    paths.push(name);
    offsets.push(start);
  }
  return { buf, version, paths, offsets, end: offset };
}

/** The UTF-8 text of bytes `start` to `end` of the index, `text` being its Latin-1 view. */
function pathAt(buf: Buffer, text: string, start: number, end: number): string {
  const latin1 = text.slice(start, end);
  return NON_ASCII.test(latin1) ? buf.toString('utf8', start, end) : latin1;
}

/** What the file system says of a file now (discovery's lstat), compared with what the index recorded. */
export interface StatNow {
  size: number;
  mtimeMs: number;
  ctimeMs: number;
}

export interface UnmodifiedBlobIds {
  /**
   * The object id (SHA-1, base64) the index records for `filePath` (POSIX, relative to the root)
   * when git itself would take the file as unmodified without reading it: a tracked regular file
   * at stage 0, not marked assume-unchanged, skip-worktree or intent-to-add, whose size, mtime and
   * ctime are those recorded, and recorded before the index was written (a racily clean entry,
   * touched in the same instant as the index, is not). undefined otherwise: the caller reads it.
   */
  blobId(filePath: string, now: StatNow): string | undefined;
}

/**
 * The index of the work tree that holds `root`, as a source of blob ids for files git would call
 * unmodified (the cache's validation in --changed-since mode, engine/cache.ts), or null when it
 * cannot be used: no repository, no index, an index whose trailing checksum does not match (cut
 * short, damaged, or of a SHA-256 repository), or a split index (whose entries live in another file).
 * The index is read as data like everything under .git; nothing of the repository's config applies.
 */
export function readUnmodifiedBlobIds(root: string): UnmodifiedBlobIds | null {
  const found = findGitDirAndWorkTree(root);
  if (!found) return null;
  const loaded = loadIndex(path.join(found.gitDir, 'index'), found.gitDir);
  const index = loaded?.index;
  if (!loaded || !index || !indexIsWhole(index)) return null;
  const { buf, version } = index;
  const prefix = path.relative(found.workTree, path.resolve(root)).split(path.sep).join('/');
  if (prefix.startsWith('..')) return null;
  let byPath: Map<string, number> | undefined;
  const entryOf = (filePath: string): number | undefined => {
    if (!byPath) {
      byPath = new Map();
      const cut = prefix === '' ? 0 : prefix.length + 1;
      index.paths.forEach((p, i) => {
        if (cut > 0 && !p.startsWith(`${prefix}/`)) return;
        const rel = cut > 0 ? p.slice(cut) : p;
        // A path in conflict has entries at stages 1-3 and none at 0: never taken.
        const stage = (buf.readUInt16BE(index.offsets[i]! + 60) >> 12) & 3;
        byPath!.set(rel, stage === 0 && !byPath!.has(rel) ? i : -1);
      });
    }
    const i = byPath.get(filePath);
    return i === undefined || i < 0 ? undefined : index.offsets[i];
  };
  return {
    blobId(filePath, now) {
      const o = entryOf(filePath);
      if (o === undefined) return undefined;
      const flags = buf.readUInt16BE(o + 60);
      // assume-unchanged (git does not look at the file); skip-worktree and intent-to-add (extended flags).
      if (flags & 0x8000) return undefined;
      if (version >= 3 && flags & 0x4000 && buf.readUInt16BE(o + 62) & 0x6000) return undefined;
      if ((buf.readUInt32BE(o + 24) & 0xf000) !== 0x8000) return undefined; // not a regular file (a link, a submodule)
      // Times as Node computes mtimeMs/ctimeMs from the same seconds and nanoseconds.
      const ctimeMs = buf.readUInt32BE(o) * 1e3 + buf.readUInt32BE(o + 4) / 1e6;
      const mtimeMs = buf.readUInt32BE(o + 8) * 1e3 + buf.readUInt32BE(o + 12) / 1e6;
      if (now.size > 0xffffffff || buf.readUInt32BE(o + 36) !== now.size || mtimeMs !== now.mtimeMs || ctimeMs !== now.ctimeMs) return undefined;
      // Racily clean: a change in the same clock tick as the index write would keep these times.
      if (!(mtimeMs < loaded.mtimeMs && ctimeMs < loaded.mtimeMs)) return undefined;
      return buf.toString('base64', o + 40, o + 60);
    },
  };
}

/**
 * The index is complete and of the SHA-1 layout: its extensions run exactly to the trailing
 * checksum, which is the SHA-1 of everything before it (or zero, git's index.skipHash), and it has
 * no `link` extension (a split index keeps most entries in another file).
 */
function indexIsWhole(index: ParsedIndex): boolean {
  const { buf } = index;
  const limit = buf.length - 20;
  if (index.end > limit) return false;
  for (let at = index.end; at < limit; ) {
    if (at + 8 > limit || buf.toString('latin1', at, at + 4) === 'link') return false;
    at += 8 + buf.readUInt32BE(at + 4);
    if (at > limit) return false;
  }
  const trailer = buf.subarray(limit);
  return trailer.every((b) => b === 0) || createHash('sha1').update(buf.subarray(0, limit)).digest().equals(trailer);
}
