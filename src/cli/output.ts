import { randomBytes } from 'node:crypto';
import { lstat, mkdir, rename, unlink, writeFile } from 'node:fs/promises';
import path from 'node:path';

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
