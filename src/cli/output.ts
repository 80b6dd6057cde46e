import { rename, writeFile } from 'node:fs/promises';
import path from 'node:path';

/** Writes a report atomically: a temp file beside the target, then a rename, so that an
 * interrupted run never leaves half a report where CI will read it. */
export async function writeFileAtomic(target: string, content: string): Promise<void> {
  const tmp = path.join(path.dirname(target), `.${path.basename(target)}.${process.pid}.tmp`);
  await writeFile(tmp, content);
  await rename(tmp, target);
}
