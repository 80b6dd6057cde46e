import { randomBytes } from 'node:crypto';
import { writeSync } from 'node:fs';
import { lstat, mkdir, readlink, rename, unlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { removeStaleTemps } from '../util/temp-files.js';

export class OutputError extends Error {}

/**
 * Writes a report (or a badge, a baseline: `what` names it in errors) to a file the user named.
 * A regular file, or a new one, is written atomically: a temp file beside it, then a rename, so that
 * an interrupted run never leaves half a report where CI will read it; missing parent folders are
 * created. Anything else is written in place and never renamed over: a device (`-o /dev/null`,
 * `/dev/stdout`), a FIFO, or a link (to one of those, or to a file), which stays a link. A failed
 * write removes its temp file and says in one line which file could not be written and why.
 */
export async function writeFileAtomic(target: string, content: string, what = 'the report'): Promise<void> {
  const fail = (err: unknown): never => {
    throw new OutputError(`cannot write ${what} to ${target}: ${describeError(err)}`);
  };
  const existing = await lstat(target).catch((err: NodeJS.ErrnoException) => (err.code === 'ENOENT' ? null : fail(err)));
  if (existing?.isDirectory()) fail(Object.assign(new Error('it is a folder'), { code: 'EISDIR' }));
  if (existing && !existing.isFile()) {
    // /dev/stdout when stdout is a socket (a spawning process's pipe) cannot be opened again: write
    // to the descriptor this process already holds.
    const fd = await ownDescriptor(target);
    if (fd !== undefined) {
      try {
        writeAll(fd, content);
      } catch (err) {
        fail(err);
      }
      return;
    }
    await writeFile(target, content, { flag: 'w' }).catch(fail);
    return;
  }
  await mkdir(path.dirname(target), { recursive: true }).catch(fail);
  // Random suffix and exclusive create: never reuse (or follow) a file someone else put there.
  const tmp = path.join(path.dirname(target), `.${path.basename(target)}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`);
  try {
    await writeFile(tmp, content, { flag: 'wx', mode: 0o644 });
    await rename(tmp, target);
  } catch (err) {
    await unlink(tmp).catch(() => undefined);
    fail(err);
  }
  // A run killed between the two steps above left its temp file: the next write to the same report
  // removes it (only ours by name, only regular files, only once too old to be a concurrent write).
  removeStaleTemps(path.dirname(target), `.${path.basename(target)}`);
}

const FD_PATH = /^\/(?:dev\/fd|proc\/self\/fd)\/([12])$/;
const STD_NAMES: Record<string, number> = { '/dev/stdout': 1, '/dev/stderr': 2 };

/** 1 or 2 when the path names this process's stdout or stderr (directly or by one link). */
async function ownDescriptor(target: string): Promise<number | undefined> {
  const direct = STD_NAMES[target] ?? (FD_PATH.exec(target) ? Number(FD_PATH.exec(target)![1]) : undefined);
  if (direct !== undefined) return direct;
  const link = await readlink(target).catch(() => undefined);
  if (link === undefined) return undefined;
  const m = FD_PATH.exec(link);
  return m ? Number(m[1]) : STD_NAMES[link];
}

function writeAll(fd: number, content: string): void {
  const bytes = Buffer.from(content, 'utf8');
  for (let off = 0; off < bytes.length; ) off += writeSync(fd, bytes, off);
}

const ERRNO_TEXT: Record<string, string> = {
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
  EISDIR: 'it is a folder',
  ENOTDIR: 'a parent is not a folder',
  EROFS: 'read-only file system',
  ENOSPC: 'no space left on the device',
  EDQUOT: 'disk quota exceeded',
  ENAMETOOLONG: 'the name is too long',
  ELOOP: 'too many levels of links',
  EEXIST: 'a file is in the way',
};

function describeError(err: unknown): string {
  const e = err as NodeJS.ErrnoException;
  if (e?.code && ERRNO_TEXT[e.code]) return `${ERRNO_TEXT[e.code]} (${e.code})`;
  return e?.code ?? e?.message ?? String(err);
}
