// What a report says it audited (read from .git as data), and the source lines the HTML report shows:
// only from inside the audited folder, never with a secret in clear.

import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readTarget } from '../../src/reporters/target.js';
import { readSourceLines, redactLine } from '../../src/reporters/sources.js';
import type { Finding } from '../../src/rule-api/types.js';
import { fakeGit, tempDir } from './helpers.js';

const A = 'a'.repeat(40);
const B = 'b'.repeat(40);

describe('readTarget', () => {
  it('names the folder, or the root package.json name, and has no git without a repository', () => {
    const dir = path.join(tempDir('t'), 'billing');
    mkdirSync(dir);
    expect(readTarget(dir)).toEqual({ name: 'billing' });
    writeFileSync(path.join(dir, 'package.json'), '{"name":"@shop/billing"}');
    expect(readTarget(dir)).toEqual({ name: '@shop/billing' });
    writeFileSync(path.join(dir, 'package.json'), '{"name": 42');
    expect(readTarget(dir)).toEqual({ name: 'billing' });
  });

  it('reads the branch and its commit from a loose ref or from packed-refs', () => {
    const loose = tempDir('loose');
    fakeGit(loose, { branch: 'feature/x', commit: A });
    expect(readTarget(loose).git).toEqual({ commit: A, branch: 'feature/x', path: '' });
    const packed = tempDir('packed');
    fakeGit(packed, { branch: 'main', commit: B, packed: true });
    expect(readTarget(packed).git).toEqual({ commit: B, branch: 'main', path: '' });
  });

  it('reads a detached HEAD, a branch with no commit yet, and the folder inside the work tree', () => {
    const detached = tempDir('det');
    fakeGit(detached, { commit: A, detached: true });
    mkdirSync(path.join(detached, 'services', 'api'), { recursive: true });
    expect(readTarget(path.join(detached, 'services', 'api')).git).toEqual({ commit: A, path: 'services/api' });
    const empty = tempDir('empty');
    mkdirSync(path.join(empty, '.git'));
    writeFileSync(path.join(empty, '.git', 'HEAD'), 'ref: refs/heads/main\n');
    expect(readTarget(empty).git).toEqual({ branch: 'main', path: '' });
  });

  it('follows a linked worktree (.git file, commondir) without running git', () => {
    const top = tempDir('wt');
    const main = path.join(top, 'main');
    fakeGit(main, { branch: 'main', commit: A });
    mkdirSync(path.join(main, '.git', 'refs', 'heads', 'topic'), { recursive: true });
    writeFileSync(path.join(main, '.git', 'refs', 'heads', 'topic', 'one'), `${B}\n`);
    const wtGit = path.join(main, '.git', 'worktrees', 'one');
    mkdirSync(wtGit, { recursive: true });
    writeFileSync(path.join(wtGit, 'HEAD'), 'ref: refs/heads/topic/one\n');
    writeFileSync(path.join(wtGit, 'commondir'), '../..\n');
    const tree = path.join(top, 'one');
    mkdirSync(tree);
    writeFileSync(path.join(tree, '.git'), `gitdir: ${wtGit}\n`);
    expect(readTarget(tree).git).toEqual({ commit: B, branch: 'topic/one', path: '' });
  });

  it('ignores refs that climb out of .git and HEADs that are not refs or ids', () => {
    const dir = tempDir('hostile');
    fakeGit(dir, { commit: A });
    writeFileSync(path.join(dir, '.git', 'HEAD'), 'ref: refs/heads/../../../../etc/passwd\n');
    expect(readTarget(dir).git).toEqual({ path: '' });
    writeFileSync(path.join(dir, '.git', 'HEAD'), '<script>\n');
    expect(readTarget(dir).git).toEqual({ path: '' });
  });
});

function finding(file: string, line: number, extra: Partial<Finding> = {}): Finding {
  return { ruleId: 'logs/file-logging', factor: 'logs', severity: 'error', message: 'm', file, line, column: 1, remediation: 'r', ...extra };
}

describe('redactLine', () => {
  it.each([
    ['const t = "ghp_Q7w2Rt9Yk3Lm8Np4Zx6Vb1Hc5Jd0Fs2Gt7Ka";', 'const t = "ghp_… (40 chars)";'],
    ['DB_PASSWORD=Zq8!rT4#pL2m', 'DB_PASSWORD=Zq8!… (12 chars)'],
    ['API_TOKEN=hunter2hunter2', 'API_TOKEN=hunt… (14 chars)'],
    ['  key: Zm9vYmFyYmF6cXV4MTIzNDU2Nzg5MA==,', '  key: Zm9v… (32 chars),'],
    ['  password: "hunter2hunter2"', '  password: "hunt… (14 chars)"'],
    ['MIIEowIBAAKCAQEAv3Jb9Qm2r8XlK5wZyTt0nHc7PdsVg1uLq4aOe6iRfWkYpBxN', 'MIIE… (64 chars)'],
    ['postgres://app:q8Z!r2Lw9xKv@db:5432/app', 'postgres://app:q8Z!… (12 chars)@db:5432/app'],
  ])('redacts %j', (line, expected) => {
    expect(redactLine(line)).toBe(expected);
  });

  it.each(['const port = Number(process.env.PORT ?? 3000);', "password: process.env.DB_PASSWORD,", 'token: string;', 'const secret = readSecret(path);', 'apiKey: config.apiKey,', "import { createWriteStream } from 'node:fs';", 'FROM node:20.11-alpine3.19', 'DISABLE_USER_REGISTRATION_FLOW=false', '  const provider = new AfricasTalkingSmsProvider({', "import { thing } from '../../some/deeply/nested/module-name';"])('keeps %j', (line) => {
    expect(redactLine(line)).toBe(line);
  });
});

describe('readSourceLines', () => {
  it('reads the lines around each finding, replacing a secret finding line by its evidence', () => {
    const root = tempDir('src');
    writeFileSync(path.join(root, 'a.ts'), ['l1', 'l2', 'const key = "ghp_Q7w2Rt9Yk3Lm8Np4Zx6Vb1Hc5Jd0Fs2Gt7Ka";', 'l4', 'l5', 'l6', 'l7'].join('\n'));
    const lines = readSourceLines(root, [finding('a.ts', 3, { ruleId: 'config/hardcoded-secret', factor: 'config', evidence: 'ghp_… (40 chars)' }), finding('a.ts', 7)], { secretRules: new Set(['config/hardcoded-secret']) });
    expect(lines).toEqual({ 'a.ts': { 1: 'l1', 2: 'l2', 3: '[line redacted: ghp_… (40 chars)]', 4: 'l4', 5: 'l5', 6: 'l6', 7: 'l7' } });
  });

  it('reads nothing outside the audited folder, through .. or a symlink', () => {
    const top = tempDir('jail');
    const root = path.join(top, 'root');
    mkdirSync(root);
    writeFileSync(path.join(top, 'outside.ts'), 'SECRET OUTSIDE\n');
    symlinkSync(path.join(top, 'outside.ts'), path.join(root, 'link.ts'));
    expect(readSourceLines(root, [finding('../outside.ts', 1), finding('link.ts', 1), finding('/etc/passwd', 1), finding('missing.ts', 1)], { secretRules: new Set() })).toEqual({});
  });
});
