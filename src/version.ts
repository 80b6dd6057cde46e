import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The package's own package.json, found upward from this module (src/ in tests, dist/src/ when built). */
function readOwnPackage(): { name: string; version: string; root: string } {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (;;) {
    try {
      const pkg = JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8')) as { name?: string; version?: string };
      if (pkg.name === 'twelve-factor-audit') return { name: pkg.name, version: pkg.version ?? '0.0.0', root: dir };
    } catch {
      // keep looking upward
    }
    const parent = path.dirname(dir);
    if (parent === dir) return { name: 'twelve-factor-audit', version: '0.0.0', root: dir };
    dir = parent;
  }
}

export const PACKAGE = readOwnPackage();
