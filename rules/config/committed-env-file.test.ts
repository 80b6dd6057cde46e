import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import rule from './committed-env-file.js';
import { fixturesDirOf, ruleTester } from '../../src/testing/rule-tester.js';
import { parseIndex } from '../../src/util/git-data.js';

// A committed .env needs a git index that says so. Fixture folders inside this repository cannot
// carry a .git folder, and their tracked state would change with our own commits, so these cases
// are small repositories written to a temporary folder, with an index written here (version 2).

const made: string[] = [];

function indexV2(paths: string[]): Buffer {
  const entries = [...paths].sort().map((p) => {
    const name = Buffer.from(p, 'utf8');
    const fixed = Buffer.alloc(62);
    fixed.writeUInt32BE(0o100644, 24);
    fixed.writeUInt16BE(Math.min(name.length, 0xfff), 60);
    const length = (62 + name.length + 8) & ~7;
    return Buffer.concat([fixed, name, Buffer.alloc(length - 62 - name.length)]);
  });
  const header = Buffer.alloc(12);
  header.write('DIRC', 0, 'latin1');
  header.writeUInt32BE(2, 4);
  header.writeUInt32BE(paths.length, 8);
  const body = Buffer.concat([header, ...entries]);
  return Buffer.concat([body, createHash('sha1').update(body).digest()]);
}

/** Writes a repository to a temporary folder; returns its path relative to the rule's fixtures. */
function repo(files: Record<string, string>, tracked: string[]): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'tfa-env-'));
  made.push(dir);
  mkdirSync(path.join(dir, '.git'));
  writeFileSync(path.join(dir, '.git', 'HEAD'), 'ref: refs/heads/main\n');
  writeFileSync(path.join(dir, '.git', 'index'), indexV2(tracked));
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    writeFileSync(path.join(dir, name), text);
  }
  return path.relative(fixturesDirOf(rule), dir);
}

afterAll(() => {
  for (const dir of made) rmSync(dir, { recursive: true, force: true });
});

const committed = repo(
  {
    '.env': '# local\nDATABASE_URL=postgres://app@db:5432/app\nLOG_LEVEL=debug\n',
    'services/api/.env.production': 'EMPTY=\nSMTP_HOST=smtp.example.com\n',
    '.env.test': 'LOG_LEVEL=silent\n',
    '.env.example': 'DATABASE_URL=\n',
  },
  ['.env', '.env.example', '.env.test', 'services/api/.env.production'],
);
const untracked = repo(
  {
    '.gitignore': '.env.local\n',
    '.env': 'VITE_API_URL=https://api.example.com\n',
    '.env.local': 'DATABASE_URL=postgres://app@localhost/app\n',
    '.env.production': 'SMTP_HOST=smtp.example.com\n',
  },
  ['.gitignore'],
);
const onlyEmpty = repo({ '.env': 'DATABASE_URL=\nLOG_LEVEL=\n', '.env.template': 'LOG_LEVEL=info\n' }, ['.env', '.env.template']);

ruleTester(rule, {
  valid: ['templates-and-test-fixtures', onlyEmpty],
  invalid: [
    {
      fixture: committed,
      errors: [
        { file: '.env', line: 2, column: 1, severity: 'error', message: '.env is committed to git with 2 values' },
        { file: 'services/api/.env.production', line: 2, severity: 'error', message: 'with 1 value:' },
      ],
    },
    {
      fixture: untracked,
      errors: [
        { file: '.env', line: 1, severity: 'info', message: 'public front-end build variables' },
        { file: '.env.production', line: 1, severity: 'warning', message: 'is not ignored by .gitignore: the next `git add .` commits it' },
      ],
    },
  ],
});

describe('git index reader', () => {
  it('reads version 4 (prefix-compressed) paths', () => {
    const paths = ['.env', 'services/api/.env', 'services/api/src/index.ts'];
    const header = Buffer.alloc(12);
    header.write('DIRC', 0, 'latin1');
    header.writeUInt32BE(4, 4);
    header.writeUInt32BE(paths.length, 8);
    let previous = '';
    const entries = paths.map((p) => {
      let common = 0;
      while (common < previous.length && common < p.length && previous[common] === p[common]) common++;
      const strip = previous.length - common;
      previous = p;
      const fixed = Buffer.alloc(62);
      fixed.writeUInt16BE(p.length, 60);
      return Buffer.concat([fixed, Buffer.from([strip]), Buffer.from(p.slice(common)), Buffer.alloc(1)]);
    });
    expect(parseIndex(Buffer.concat([header, ...entries]))).toEqual(paths);
  });

  it('gives up on what is not an index', () => {
    expect(parseIndex(Buffer.from('not an index at all'))).toBeNull();
    expect(parseIndex(indexV2(['a']).subarray(0, 40))).toBeNull();
  });
});
