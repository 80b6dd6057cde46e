// Temp files of atomic writes (`<name>.<pid>.<random>.tmp` beside the target) that a killed run left
// behind: removed by the next write to the same place. Used by the cache writer; the report writer
// (`.<name>.<pid>.<hex>.tmp`) calls it with the dotted name.

import { lstatSync, readdirSync, rmSync } from 'node:fs';
import path from 'node:path';

/** Older than this, a temp file is not a concurrent run's write in progress. */
export const STALE_TEMP_MS = 10 * 60 * 1000;

/** `<name>.<pid>.<random>.tmp` files in `dir` older than STALE_TEMP_MS; links and folders are left alone. */
export function removeStaleTemps(dir: string, name: string, now = Date.now()): void {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return;
  }
  for (const entry of names) {
    if (!entry.startsWith(`${name}.`) || !entry.endsWith('.tmp') || !/^\.\d+\.[0-9a-z]+\.tmp$/.test(entry.slice(name.length))) continue;
    const abs = path.join(dir, entry);
    try {
      const info = lstatSync(abs);
      if (info.isFile() && now - info.mtimeMs > STALE_TEMP_MS) rmSync(abs, { force: true });
    } catch {
      // gone already
    }
  }
}
