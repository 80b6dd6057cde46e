import { randomBytes } from 'node:crypto';
import { rename, unlink, writeFile } from 'node:fs/promises';
import path from 'node:path';

export class OutputError extends Error {}

/** Writes a report atomically: a temp file beside the target, then a rename, so that an
 * interrupted run never leaves half a report where CI will read it. A failed write removes its
 * temp file and says which file could not be written, without a stack trace. */
export async function writeFileAtomic(target: string, content: string): Promise<void> {
  // Random suffix and exclusive create: never reuse (or follow) a file someone else put there.
  const tmp = path.join(path.dirname(target), `.${path.basename(target)}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`);
  try {
    await writeFile(tmp, content, { flag: 'wx', mode: 0o644 });
    await rename(tmp, target);
  } catch (err) {
    await unlink(tmp).catch(() => undefined);
    const e = err as NodeJS.ErrnoException;
    throw new OutputError(`cannot write the report to ${target}: ${e.code ?? e.message}`);
  }
}
