// Reading one source file for the per-file phase: the bytes (for the cache's content hash) and the
// text (UTF-8, BOM dropped), or why it cannot be audited. Shared by the main thread and the workers.
//
// The file was listed by discovery as a regular file inside the root, but the tree can change
// between the listing and the read: the file is opened without blocking and without following a
// last link (discovery gives a link's resolved target), checked again on the open descriptor, and
// read no further than the size limit, so a file swapped for a FIFO, a device or a link out is
// refused instead of hanging the run or reading another file.

import { closeSync, constants, fstatSync, openSync } from 'node:fs';
import { readAtMost, specialKind } from '../util/guarded-read.js';

const BINARY_SNIFF = 8000;
/** No file is read past this, whatever the caller's limit (lockfiles have the largest, tens of MB). */
const MAX_READ = 512 * 1024 * 1024;
const OPEN_FLAGS = constants.O_RDONLY | (constants.O_NOFOLLOW ?? 0) | (constants.O_NONBLOCK ?? 0) | (constants.O_NOCTTY ?? 0);

/**
 * Synchronous on purpose: for many small files one synchronous read costs a fraction of the three
 * thread-pool round trips of fs.promises open/readFile/close (profiled on the
 * 50-service bench tree: 890 ms of 2.6 s in the per-file phase went to async reads), and the per-file phase has nothing else to do meanwhile.
 */
export function readBytes(absPath: string | Uint8Array, maxSize = MAX_READ): Buffer | { reason: string } {
  let fd: number;
  try {
    fd = openSync(absPath as string, OPEN_FLAGS);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    return { reason: code === 'ELOOP' ? 'it became a symbolic link after it was listed' : `cannot be read (${code ?? 'error'})` };
  }
  try {
    const info = fstatSync(fd);
    if (!info.isFile()) return { reason: `not a regular file (${specialKind(info)})` };
    // Callers check the listed size against their limit; this catches a file swapped after the listing.
    if (info.size > maxSize) return { reason: `${info.size} bytes, over the ${maxSize}-byte limit (it grew after it was listed)` };
    const read = readAtMost(fd, info.size, Infinity);
    return Buffer.isBuffer(read) ? read : { reason: read.reason };
  } catch (err) {
    return { reason: `cannot be read (${(err as NodeJS.ErrnoException).code ?? 'error'})` };
  } finally {
    closeSync(fd);
  }
}

export function decodeText(buffer: Buffer): string | { reason: string } {
  const sniff = buffer.subarray(0, BINARY_SNIFF);
  if (sniff.includes(0)) return { reason: 'binary content (NUL bytes)' };
  let text = buffer.toString('utf8');
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  return text;
}

export function readText(absPath: string | Uint8Array): string | { reason: string } {
  const bytes = readBytes(absPath);
  return Buffer.isBuffer(bytes) ? decodeText(bytes) : bytes;
}
