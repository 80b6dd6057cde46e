// Class: every file the tool reads without having listed it itself (.git and what is in it, the
// config file, package.json for the report's name, source lines for snippets, the cache) goes
// through one guarded reader: a regular file, inside its root, under a size cap, no link out, never
// a FIFO or a device. Each case runs the built CLI in a child process with a timeout, because a
// blocking read would hang an in-process run and the test with it.

import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readGuarded } from '../../src/util/guarded-read.js';
import { readBytes } from '../../src/engine/read-file.js';
import { removeDir, tempDirs } from './helpers.js';

const REPO = path.resolve(import.meta.dirname, '..', '..');
const BIN = path.join(REPO, 'bin', 'twelve-factor-audit.js');
const IS_WINDOWS = process.platform === 'win32';
const dir = tempDirs();

function mkfifo(p: string): void {
  const r = spawnSync('mkfifo', [p]);
  if (r.status !== 0) throw new Error(`mkfifo failed: ${r.stderr}`);
}

function cli(args: string[], cwd = REPO): { code: number | null; stdout: string; stderr: string; timedOut: boolean } {
  const r = spawnSync(process.execPath, ['--max-old-space-size=512', BIN, ...args], { cwd, encoding: 'utf8', timeout: 60_000, env: { ...process.env, XDG_CACHE_HOME: dir('reads-cache') } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr, timedOut: r.error !== undefined || r.signal !== null };
}

function service(root: string): void {
  mkdirSync(root, { recursive: true });
  writeFileSync(path.join(root, 'package.json'), JSON.stringify({ name: 'svc', version: '1.0.0', scripts: { start: 'node server.js' } }));
  writeFileSync(path.join(root, 'Dockerfile'), 'FROM node:latest\nCMD ["node", "server.js"]\n');
}

/** A .git folder with HEAD and refs, as git makes them. */
function gitDir(root: string): string {
  const g = path.join(root, '.git');
  mkdirSync(path.join(g, 'refs', 'heads'), { recursive: true });
  mkdirSync(path.join(g, 'refs', 'tags'), { recursive: true });
  writeFileSync(path.join(g, 'HEAD'), 'ref: refs/heads/main\n');
  return g;
}

describe.skipIf(IS_WINDOWS)('reads: special files and links where the tool reads without listing', () => {
  const cases: Array<{ name: string; make: (root: string) => void }> = [
    { name: '.git is a FIFO', make: (root) => mkfifo(path.join(root, '.git')) },
    { name: '.git is a link to /dev/zero', make: (root) => symlinkSync('/dev/zero', path.join(root, '.git')) },
    { name: '.git/index is a FIFO', make: (root) => mkfifo(path.join(gitDir(root), 'index')) },
    { name: '.git/index is a link to /dev/zero', make: (root) => symlinkSync('/dev/zero', path.join(gitDir(root), 'index')) },
    { name: '.git/packed-refs is a FIFO', make: (root) => mkfifo(path.join(gitDir(root), 'packed-refs')) },
    { name: '.git/packed-refs is a link to /dev/zero', make: (root) => symlinkSync('/dev/zero', path.join(gitDir(root), 'packed-refs')) },
    { name: '.git/commondir is a FIFO', make: (root) => mkfifo(path.join(gitDir(root), 'commondir')) },
    { name: '.git/HEAD is a FIFO', make: (root) => { const g = gitDir(root); removeDir(path.join(g, 'HEAD')); mkfifo(path.join(g, 'HEAD')); } },
    { name: '.git/refs/heads/main is a FIFO', make: (root) => mkfifo(path.join(gitDir(root), 'refs', 'heads', 'main')) },
    { name: '.git/refs/tags is a link to /', make: (root) => { const g = gitDir(root); removeDir(path.join(g, 'refs', 'tags')); symlinkSync('/', path.join(g, 'refs', 'tags')); } },
    { name: 'a parent folder\'s .git is a FIFO', make: (root) => mkfifo(path.join(path.dirname(root), '.git')) },
    { name: 'package.json is a FIFO', make: (root) => { removeDir(path.join(root, 'package.json')); mkfifo(path.join(root, 'package.json')); } },
    { name: '.twelve-factor.yml is a FIFO', make: (root) => mkfifo(path.join(root, '.twelve-factor.yml')) },
  ];
  for (const c of cases) {
    it(`${c.name}: the run ends, exit 0 or 1`, { timeout: 90_000 }, () => {
      const parent = dir('reads');
      const root = path.join(parent, 'svc');
      service(root);
      c.make(root);
      const r = cli([root, '--format', 'json']);
      expect(r.timedOut, `${c.name}: timed out`).toBe(false);
      expect(r.stderr).not.toMatch(/internal error|heap out of memory/i);
      expect([0, 1], r.stderr).toContain(r.code);
      const report = JSON.parse(r.stdout) as { findings: Array<{ ruleId: string; file: string }> };
      expect(report.findings.some((f) => f.ruleId === 'build-release-run/unpinned-image')).toBe(true);
    });
  }

  it('a config file linked to /etc/passwd is refused unread: exit 2, nothing of it quoted', () => {
    const root = dir('reads-config');
    service(root);
    symlinkSync('/etc/passwd', path.join(root, '.twelve-factor.yml'));
    const r = cli([root, '--format', 'json']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/\.twelve-factor\.yml: cannot read the config file: a symbolic link pointing outside the scanned root/);
    expect(r.stderr).not.toMatch(/root:|nologin|\/bin\/(ba)?sh/);
  });

  it('a config file over the size limit is refused unread', () => {
    const root = dir('reads-config-size');
    service(root);
    writeFileSync(path.join(root, '.twelve-factor.yml'), `# ${'x'.repeat(2 * 1024 * 1024)}\nextends: recommended\n`);
    const r = cli([root, '--format', 'json']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/cannot read the config file: \d+ bytes, over the 1048576-byte limit/);
  });

  it('a package.json linked out of the root does not name the report', () => {
    const outside = dir('reads-outside');
    writeFileSync(path.join(outside, 'package.json'), JSON.stringify({ name: 'someone-elses-project', version: '1.0.0' }));
    const root = dir('reads-pkg');
    writeFileSync(path.join(root, 'Dockerfile'), 'FROM node:latest\n');
    symlinkSync(path.join(outside, 'package.json'), path.join(root, 'package.json'));
    const r = cli([root, '--format', 'json']);
    const report = JSON.parse(r.stdout) as { target: { name: string } };
    expect(report.target.name).not.toBe('someone-elses-project');
    expect(r.stdout).not.toContain('someone-elses-project');
  });

  it('a .git link out of the work tree is not read as the repository', () => {
    const other = dir('reads-other-repo');
    const g = gitDir(other);
    writeFileSync(path.join(g, 'packed-refs'), `${'a'.repeat(40)} refs/tags/v9.9.9-from-elsewhere\n`);
    writeFileSync(path.join(g, 'HEAD'), `${'b'.repeat(40)}\n`);
    const root = dir('reads-git-link');
    service(root);
    symlinkSync(g, path.join(root, '.git'));
    const r = cli([root, '--format', 'json']);
    expect(r.stdout).not.toContain('b'.repeat(40));
  });
});

describe.skipIf(IS_WINDOWS)('reads: the guarded reader itself', () => {
  it('refuses FIFOs, devices, links out, and files over the cap; reads a regular file inside', () => {
    const root = dir('guarded');
    writeFileSync(path.join(root, 'ok.txt'), 'hello');
    mkfifo(path.join(root, 'fifo'));
    symlinkSync('/dev/zero', path.join(root, 'zero'));
    symlinkSync('/etc/hostname', path.join(root, 'out'));
    writeFileSync(path.join(root, 'big.txt'), 'x'.repeat(100));
    expect(readGuarded(path.join(root, 'ok.txt'), { boundary: root, maxSize: 10 })).toEqual(Buffer.from('hello'));
    expect(readGuarded(path.join(root, 'fifo'), { boundary: root, maxSize: 10 })).toMatchObject({ kind: 'special', reason: 'not a regular file (a FIFO)' });
    expect(readGuarded(path.join(root, 'zero'), { boundary: root, maxSize: 10 })).toMatchObject({ kind: 'outside' });
    expect(readGuarded(path.join(root, 'zero'), { maxSize: 10 })).toMatchObject({ kind: 'special', reason: 'not a regular file (a device)' });
    expect(readGuarded(path.join(root, 'out'), { boundary: root, maxSize: 1000 })).toMatchObject({ kind: 'outside' });
    expect(readGuarded(path.join(root, 'big.txt'), { boundary: root, maxSize: 10 })).toMatchObject({ kind: 'too-large' });
    expect(readGuarded(path.join(root, 'nothing'), { boundary: root, maxSize: 10 })).toMatchObject({ kind: 'missing' });
  });

  it('the per-file read refuses a listed file that became a FIFO or a link before it was read', () => {
    const root = dir('swapped');
    mkfifo(path.join(root, 'was-a-file.ts'));
    symlinkSync('/etc/hostname', path.join(root, 'now-a-link.ts'));
    expect(readBytes(path.join(root, 'was-a-file.ts'))).toEqual({ reason: 'not a regular file (a FIFO)' });
    expect(readBytes(path.join(root, 'now-a-link.ts'))).toEqual({ reason: 'it became a symbolic link after it was listed' });
    writeFileSync(path.join(root, 'plain.ts'), 'export {};\n');
    expect(readBytes(path.join(root, 'plain.ts'))).toEqual(readFileSync(path.join(root, 'plain.ts')));
  });
});
