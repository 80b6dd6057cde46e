// The one way to read a file the tool did not list itself (config files, package.json for the
// report's name, .git/HEAD, .git/index, packed-refs, commondir, source lines for snippets, the cache):
// the scanned tree is hostile, so such a path may be a FIFO (a read blocks for ever), a device or a
// link to one (/dev/zero never ends), or a link out of the tree (/etc/passwd quoted in an error).
//
// A read succeeds only for a regular file whose real path is inside `boundary`, no larger than
// `maxSize`. The file is opened without following a last link and without blocking, and is checked
// again on the open descriptor, so a file swapped for a FIFO between the check and the read is
// refused too.

import { closeSync, constants, fstatSync, lstatSync, openSync, readSync, realpathSync, type Stats } from 'node:fs';
import path from 'node:path';

export type GuardedReadFailure = {
  /** missing: no such file (callers usually treat it as absent, silently). */
  kind: 'missing' | 'outside' | 'special' | 'too-large' | 'error';
  /** Why, for a diagnostic: `a FIFO`, `over the 1048576-byte limit`... */
  reason: string;
};

export interface GuardedReadOptions {
  /** The trust boundary: the file's real path must be inside this folder's real path. Absent: no boundary (a path the user gave). */
  boundary?: string;
  maxSize: number;
}

const OPEN_FLAGS = constants.O_RDONLY | (constants.O_NOFOLLOW ?? 0) | (constants.O_NONBLOCK ?? 0) | (constants.O_NOCTTY ?? 0);

function realBoundary(boundary: string): string | null {
  try {
    return realpathSync(boundary);
  } catch {
    return null;
  }
}

export function isInside(root: string, target: string): boolean {
  if (target === root) return true;
  const rel = path.relative(root, target);
  return rel !== '' && !rel.startsWith('..') && !path.isAbsolute(rel);
}

export function specialKind(info: Stats): string {
  if (info.isFIFO()) return 'a FIFO';
  if (info.isSocket()) return 'a socket';
  if (info.isCharacterDevice() || info.isBlockDevice()) return 'a device';
  if (info.isSymbolicLink()) return 'a symbolic link';
  if (info.isDirectory()) return 'a folder';
  return 'a special file';
}

/** The bytes of `file`, or why it was not read. Never throws. */
export function readGuarded(file: string | Buffer, options: GuardedReadOptions): Buffer | GuardedReadFailure {
  let real: string | Buffer;
  try {
    real = typeof file === 'string' ? realpathSync(file) : realpathSync(file, { encoding: 'buffer' });
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return { kind: 'missing', reason: 'does not exist' };
    if (code === 'ELOOP') return { kind: 'outside', reason: 'a symbolic link that loops' };
    return { kind: 'error', reason: `cannot be read (${code ?? 'error'})` };
  }
  if (options.boundary !== undefined) {
    const root = realBoundary(options.boundary);
    const realText = typeof real === 'string' ? real : real.toString('utf8');
    if (root === null || !isInside(root, realText)) return { kind: 'outside', reason: 'a symbolic link pointing outside the scanned root' };
  }
  let fd: number;
  try {
    // lstat first: opening a device can have effects of its own (a watchdog, a tape); a FIFO is
    // opened non-blocking below anyway, in case it replaced the file in between.
    const before = lstatSync(real);
    if (!before.isFile()) return { kind: 'special', reason: `not a regular file (${specialKind(before)})` };
    if (before.size > options.maxSize) return { kind: 'too-large', reason: `${before.size} bytes, over the ${options.maxSize}-byte limit` };
    fd = openSync(real, OPEN_FLAGS);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return { kind: 'missing', reason: 'does not exist' };
    if (code === 'ELOOP') return { kind: 'outside', reason: 'a symbolic link (replaced while being read)' };
    return { kind: 'error', reason: `cannot be read (${code ?? 'error'})` };
  }
  try {
    const info = fstatSync(fd);
    if (!info.isFile()) return { kind: 'special', reason: `not a regular file (${specialKind(info)})` };
    return readAtMost(fd, info.size, options.maxSize);
  } catch (err) {
    return { kind: 'error', reason: `cannot be read (${(err as NodeJS.ErrnoException).code ?? 'error'})` };
  } finally {
    closeSync(fd);
  }
}

/**
 * Reads an open regular file of `expected` bytes (its fstat size). With a finite `maxSize`, reads on
 * to the end and refuses a file that grew past the limit; without one, reads what fstat said, as
 * readFileSync does.
 */
export function readAtMost(fd: number, expected: number, maxSize: number): Buffer | GuardedReadFailure {
  if (expected > maxSize) return { kind: 'too-large', reason: `${expected} bytes, over the ${maxSize}-byte limit` };
  if (maxSize === Infinity) {
    const buffer = Buffer.allocUnsafe(expected);
    let length = 0;
    while (length < expected) {
      const n = readSync(fd, buffer, length, expected - length, null);
      if (n === 0) break;
      length += n;
    }
    return buffer.subarray(0, length);
  }
  let buffer = Buffer.allocUnsafe(Math.min(maxSize + 1, expected + 1));
  let length = 0;
  for (;;) {
    if (length === buffer.length) {
      if (length > maxSize) return { kind: 'too-large', reason: `over the ${maxSize}-byte limit` };
      const bigger = Buffer.allocUnsafe(Math.min(maxSize + 1, buffer.length * 2));
      buffer.copy(bigger, 0, 0, length);
      buffer = bigger;
    }
    const n = readSync(fd, buffer, length, buffer.length - length, null);
    if (n === 0) break;
    length += n;
  }
  if (length > maxSize) return { kind: 'too-large', reason: `over the ${maxSize}-byte limit` };
  return buffer.subarray(0, length);
}

/** readGuarded, decoded as UTF-8 without a BOM. */
export function readGuardedText(file: string | Buffer, options: GuardedReadOptions): string | GuardedReadFailure {
  const bytes = readGuarded(file, options);
  if (!Buffer.isBuffer(bytes)) return bytes;
  const text = bytes.toString('utf8');
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

export function isReadFailure(value: unknown): value is GuardedReadFailure {
  return typeof value === 'object' && value !== null && !Buffer.isBuffer(value) && 'kind' in value && 'reason' in value;
}
