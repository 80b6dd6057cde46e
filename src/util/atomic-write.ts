// Writing a state file (the cache's index, facts and journal, discovery's folder listing) so that a
// reader sees the old file or the new one whole, never half of one, and so that nothing planted at
// the target or beside it is written through.

import { randomBytes } from 'node:crypto';
import { closeSync, constants, mkdirSync, openSync, writeSync } from 'node:fs';
import { rename, rm } from 'node:fs/promises';
import path from 'node:path';
import { removeStaleTemps } from './temp-files.js';

/**
 * Writes `text` (or its stretches, in order) to `target` through a temp file beside it: a random
 * name created exclusively (O_EXCL: a file or link planted at that name makes the write fail
 * instead of being followed or reused), owner-only, then a rename over the target (which replaces a link there, never writes
 * through it). Temp files that interrupted runs left behind are removed first.
 */
export async function writeAtomic(target: string, text: string | Iterable<string>): Promise<void> {
  let tmp: string | undefined;
  try {
    const temp = openTempBeside(target);
    tmp = temp.path;
    // A large file (the facts of a cold run) comes as stretches, written as they are made.
    try {
      for (const chunk of typeof text === 'string' ? [text] : text) writeAllSync(temp.fd, Buffer.from(chunk));
    } finally {
      closeSync(temp.fd);
    }
    await rename(tmp, target);
  } catch (err) {
    if (tmp !== undefined) await rm(tmp, { force: true });
    throw err;
  }
}

/**
 * A new temp file beside `target` (`<target>.<pid>.<random>.tmp`), created exclusively and
 * owner-only (a file or link planted at that name makes it fail instead of being followed or
 * reused), open for writing; its folder is created if missing and temp files that interrupted runs
 * left there are removed first. Throws when it cannot be created.
 */
export function openTempBeside(target: string): { fd: number; path: string } {
  const dir = path.dirname(target);
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  removeStaleTemps(dir, path.basename(target));
  const tmp = `${target}.${process.pid}.${randomBytes(8).toString('hex')}.tmp`;
  const fd = openSync(tmp, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | (constants.O_NOFOLLOW ?? 0), 0o600);
  return { fd, path: tmp };
}

/** Writes all of `bytes` to `fd` (writeSync may write less than it is given). */
export function writeAllSync(fd: number, bytes: Uint8Array): void {
  for (let done = 0; done < bytes.length; ) done += writeSync(fd, bytes, done, bytes.length - done);
}
