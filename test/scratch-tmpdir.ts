// Vitest global setup: the tests write their scratch trees with mkdtemp under os.tmpdir(). They run
// in one folder made for the run, which TMPDIR points the test workers to, and which is removed when
// the run ends: a test run leaves nothing behind in the machine's /tmp (a dozen runs had left ~600
// tfa-* folders there).

import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export default function setup(): () => void {
  const previous = process.env.TMPDIR;
  const dir = mkdtempSync(path.join(os.tmpdir(), 'tfa-tests-'));
  process.env.TMPDIR = dir;
  return () => {
    if (previous === undefined) delete process.env.TMPDIR;
    else process.env.TMPDIR = previous;
    rmSync(dir, { recursive: true, force: true });
  };
}
