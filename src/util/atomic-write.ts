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
  const dir = path.dirname(target);
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  removeStaleTemps(dir, path.basename(target));
  const tmp = `${target}.${process.pid}.${randomBytes(8).toString('hex')}.tmp`;
  try {
    // A large file (the facts of a cold run) comes as stretches, written as they are made.
    const fd = openSync(tmp, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | (constants.O_NOFOLLOW ?? 0), 0o600);
    try {
      for (const chunk of typeof text === 'string' ? [text] : text) {
        const bytes = Buffer.from(chunk);
        for (let done = 0; done < bytes.length; ) done += writeSync(fd, bytes, done, bytes.length - done);
      }
    } finally {
      closeSync(fd);
    }
    await rename(tmp, target);
  } catch (err) {
    await rm(tmp, { force: true });
    throw err;
  }
}
