import { describe, expect, it } from 'vitest';
import { chmodSync, existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { cli, findings, git, makeRepo, TOKEN, writeFiles } from './helpers.js';

const secret = `export const token = "${TOKEN}";\n`;

function committedRepo(): string {
  const dir = makeRepo({ 'src/old.ts': secret, 'src/ok.ts': 'export const ok = 1;\n', Dockerfile: 'FROM node\n' }, { git: true });
  git(dir, 'add', '-A');
  git(dir, 'commit', '-q', '-m', 'init');
  return dir;
}

describe('changed-files mode', () => {
  it('--staged reports findings in staged files only', async () => {
    const dir = committedRepo();
    writeFiles(dir, { 'src/new.ts': secret, 'src/unstaged.ts': secret });
    git(dir, 'add', 'src/new.ts');
    expect(await findings(['--staged'], dir)).toMatchObject({ code: 1, list: ['error config/hardcoded-secret src/new.ts:1'] });
    // The whole project is still audited without the flag.
    expect((await findings([], dir)).list).toHaveLength(4);
  });

  it('--staged works before the first commit and in a sub-folder of the repository', async () => {
    const dir = makeRepo({ 'svc/src/a.ts': secret, 'other/b.ts': secret }, { git: true });
    git(dir, 'add', '-A');
    expect((await findings(['--staged'], dir)).list).toEqual(['error config/hardcoded-secret other/b.ts:1', 'error config/hardcoded-secret svc/src/a.ts:1']);
    expect((await findings(['--staged', 'svc'], dir)).list).toEqual(['error config/hardcoded-secret src/a.ts:1']);
  });

  it('--changed-since <ref> reports files changed on the branch since it left the ref, plus staged ones', async () => {
    const dir = committedRepo();
    git(dir, 'checkout', '-q', '-b', 'feature');
    writeFiles(dir, { 'src/feature.ts': secret });
    git(dir, 'add', 'src/feature.ts');
    git(dir, 'commit', '-q', '-m', 'feature');
    writeFiles(dir, { 'src/staged.ts': secret, 'src/untracked.ts': secret });
    git(dir, 'add', 'src/staged.ts');
    expect((await findings(['--changed-since', 'main'], dir)).list).toEqual(['error config/hardcoded-secret src/feature.ts:1', 'error config/hardcoded-secret src/staged.ts:1']);
  });

  it('--changed-since refuses option-like and unknown refs', async () => {
    const dir = committedRepo();
    expect(await cli(['--changed-since=--output=/tmp/x'], dir)).toMatchObject({ code: 2, stderr: 'twelve-factor-audit: --changed-since: "--output=/tmp/x" is not a git ref (a branch, tag or commit)\n' });
    expect(await cli(['--changed-since', 'nope'], dir)).toMatchObject({ code: 2, stderr: 'twelve-factor-audit: --changed-since: unknown git ref "nope" (fetch it first, e.g. git fetch origin main)\n' });
  });

  it('when git itself fails, --changed-since shows git\'s first error line (escaped), not "not inside a git repository"', async () => {
    const dir = committedRepo();
    // A broken global config is not read at all (git runs with GIT_CONFIG_GLOBAL=/dev/null).
    const brokenGlobal = path.join(makeRepo({ 'gitconfig': '[broken\n' }), 'gitconfig');
    const saved = process.env.GIT_CONFIG_GLOBAL;
    process.env.GIT_CONFIG_GLOBAL = brokenGlobal;
    try {
      expect((await findings(['--changed-since', 'HEAD'], dir)).code).toBe(0);
    } finally {
      if (saved === undefined) delete process.env.GIT_CONFIG_GLOBAL;
      else process.env.GIT_CONFIG_GLOBAL = saved;
    }
    // The repository's own config is: broken, git refuses to run, and says why.
    writeFiles(dir, { '.git/config': '[core\n\u001b[31mbad\n' });
    const r = await cli(['--changed-since', 'HEAD'], dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(`twelve-factor-audit: --changed-since: git cannot read the repository at ${dir}: fatal: bad config line 1 in file .git/config\n`);
  });

  it('--staged outside a git repository is a one-line error', async () => {
    const dir = makeRepo({ 'src/a.ts': secret });
    expect(await cli(['--staged'], dir)).toMatchObject({ code: 2, stderr: `twelve-factor-audit: --staged needs a git repository, and ${dir} is not inside one\n` });
  });

  it('file arguments: the whole project is modelled, only findings in those files are reported', async () => {
    const dir = committedRepo();
    writeFiles(dir, { 'src/new.ts': secret, 'docs/readme.md': '# x\n' });
    expect(await findings(['src/new.ts', 'Dockerfile', 'docs/readme.md'], dir)).toMatchObject({
      code: 1,
      list: ['error build-release-run/unpinned-image Dockerfile:1', 'error config/hardcoded-secret src/new.ts:1'],
    });
    // Absolute paths (lint-staged) and a sub-folder as the current directory: the root is the work tree.
    expect((await findings([path.join(dir, 'src/old.ts')], path.join(dir, 'src'))).list).toEqual(['error config/hardcoded-secret src/old.ts:1']);
    expect((await findings(['src/ok.ts'], dir)).list).toEqual([]);
  });

  it('file arguments that do not exist, and --write-baseline with a scope, are usage errors', async () => {
    const dir = committedRepo();
    expect(await cli(['src/gone.ts', 'src/ok.ts'], dir)).toMatchObject({ code: 2, stderr: 'twelve-factor-audit: no such file or directory: src/gone.ts\n' });
    expect(await cli(['--staged', '--write-baseline', 'b.json'], dir)).toMatchObject({
      code: 2,
      stderr: 'twelve-factor-audit: --write-baseline records the whole project: run it without --staged, --changed-since or file names\n',
    });
  });

  it('suppressions and the baseline apply in changed-files mode too', async () => {
    const dir = committedRepo();
    await cli(['--write-baseline', '.tfa-baseline.json'], dir);
    writeFiles(dir, { 'src/old.ts': `// moved\n${secret}`, 'src/new.ts': `// twelve-factor-disable-next-line config/hardcoded-secret -- fixture\n${secret}${secret}` });
    git(dir, 'add', 'src/old.ts', 'src/new.ts');
    expect((await findings(['--staged', '--baseline', '.tfa-baseline.json'], dir)).list).toEqual(['error config/hardcoded-secret src/new.ts:3']);
  });
});

describe('file arguments outside the project', () => {
  it('are a usage error', async () => {
    const project = committedRepo();
    const elsewhere = makeRepo({ 'a.ts': secret });
    expect(await cli([path.join(elsewhere, 'a.ts')], project)).toMatchObject({ code: 2, stderr: `twelve-factor-audit: ${path.join(elsewhere, 'a.ts')} is outside the audited project ${project}\n` });
  });
});

describe('git is run defensively', () => {
  it('a repository config that would run programs (fsmonitor, external diff, textconv, clean filter, pager) runs none of them', async () => {
    const dir = committedRepo();
    const marker = path.join(dir, 'ran');
    const script = path.join(dir, 'evil.sh');
    writeFiles(dir, { 'evil.sh': `#!/bin/sh\necho "$0 $*" >> "${marker}"\ncat\n`, '.gitattributes': '*.ts filter=evil diff=evil\n' });
    chmodSync(script, 0o755);
    for (const [key, value] of [
      ['core.fsmonitor', script],
      ['core.pager', script],
      ['diff.external', script],
      ['diff.evil.textconv', script],
      ['diff.evil.command', script],
      ['filter.evil.clean', script],
      ['filter.evil.smudge', script],
      ['core.hooksPath', path.join(dir, 'hooks')],
    ]) {
      git(dir, 'config', key!, value!);
    }
    writeFiles(dir, { 'src/new.ts': secret });
    // Staging runs the clean filter (that is git add, run by the test, not by the audit).
    git(dir, '-c', 'filter.evil.clean=cat', '-c', 'core.fsmonitor=false', 'add', 'src/new.ts');
    writeFiles(dir, { 'src/old.ts': `${secret}// edited, not staged\n` });
    expect((await findings(['--staged'], dir)).list).toEqual(['error config/hardcoded-secret src/new.ts:1']);
    expect((await findings(['--changed-since', 'HEAD'], dir)).list).toEqual(['error config/hardcoded-secret src/new.ts:1']);
    expect(existsSync(marker) ? readFileSync(marker, "utf8") : "").toBe("");
  });
});
