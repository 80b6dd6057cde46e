import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseIndex } from './git-data.js';

const hasGit = spawnSync('git', ['--version']).status === 0;

describe('parseIndex', () => {
  // Short and long names (a cut of a string under 13 characters is a copy, over it a view), names
  // with UTF-8 bytes (decoded as UTF-8, not as the Latin-1 view the parse cuts paths from), nested
  // folders; in every index version git writes.
  const names = ['a.ts', 'src/index.ts', 'services/svc-0001/src/utils/validation.ts', 'caf\u00e9/men\u00fc.ts', 'docs/\u{1d4b3}-\u65e5\u672c.md', 'z/\u00ff.ts', 'x'];

  it.skipIf(!hasGit).each([2, 3, 4])('gives the paths git lists, index version %i', (version) => {
    const root = mkdtempSync(path.join(os.tmpdir(), 'tfa-index-'));
    const env = { ...process.env, GIT_CONFIG_NOSYSTEM: '1', GIT_CONFIG_GLOBAL: '/dev/null', HOME: '/nonexistent' };
    const git = (...args: string[]): string => execFileSync('git', args, { cwd: root, env, encoding: 'utf8' });
    git('init', '-q');
    for (const name of names) {
      mkdirSync(path.dirname(path.join(root, name)), { recursive: true });
      writeFileSync(path.join(root, name), `${name}\n`);
    }
    git('add', '.');
    // An intent-to-add entry carries the extended flags (2 more bytes), which version 3 and 4 allow.
    writeFileSync(path.join(root, 'later.ts'), '');
    if (version >= 3) git('add', '-N', 'later.ts');
    git('update-index', '--index-version', String(version));
    const listed = git('ls-files', '-z').split('\0').filter(Boolean);
    expect(listed.length).toBe(names.length + (version >= 3 ? 1 : 0));
    const buf = readFileSync(path.join(root, '.git', 'index'));
    expect(buf.readUInt32BE(4)).toBe(version);
    expect(parseIndex(buf)).toEqual(listed);
  });

  it('refuses what is not an index, or is cut short', () => {
    expect(parseIndex(Buffer.from('not an index at all'))).toBeNull();
    const header = Buffer.alloc(12);
    header.write('DIRC', 0, 'latin1');
    header.writeUInt32BE(2, 4);
    header.writeUInt32BE(1, 8);
    expect(parseIndex(header)).toBeNull();
  });
});
