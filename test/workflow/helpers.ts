// Shared helpers for the workflow tests: temp repositories written from a map of files, the CLI run
// in-process, and git run in those temp repositories only (with a fixed identity and no user config).

import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll } from 'vitest';
import { run } from '../../src/cli/main.js';

/**
 * A test value in GitHub's token shape (not a real token): random-looking, since an alphabet run is a
 * sample to the detector, and ending in a valid checksum, since one that fails was never issued and is
 * not reported as live. Built from pieces so that this repository holds no whole token.
 */
export const TOKEN = ['ghp_', 'u8jzPde0IgxLd6GncfBAepfJBd0Kh8', '024xXH'].join('');

const made: string[] = [];
afterAll(() => {
  for (const dir of made) rmSync(dir, { recursive: true, force: true });
});

/** A temp folder with these files; `.git: true` makes it a git repository (git init). */
export function makeRepo(files: Record<string, string>, options: { git?: boolean } = {}): string {
  const dir = realpathSync(mkdtempSync(path.join(os.tmpdir(), 'tfa-wf-')));
  made.push(dir);
  if (options.git) git(dir, 'init', '-q', '-b', 'main');
  writeFiles(dir, files);
  return dir;
}

export function writeFiles(dir: string, files: Record<string, string>): void {
  for (const [rel, content] of Object.entries(files)) {
    const file = path.join(dir, rel);
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, content);
  }
}

export function git(cwd: string, ...args: string[]): string {
  return execFileSync('git', ['-c', 'user.name=test', '-c', 'user.email=test@example.com', '-c', 'commit.gpgsign=false', ...args], {
    cwd,
    encoding: 'utf8',
    env: { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: cwd, GIT_CONFIG_NOSYSTEM: '1', GIT_CONFIG_GLOBAL: '/dev/null' },
  });
}

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

export async function cli(argv: string[], cwd: string): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  const code = await run(argv, { stdout: (s) => (stdout += s), stderr: (s) => (stderr += s), isTTY: false, cwd });
  return { code, stdout, stderr };
}

export interface Short {
  ruleId: string;
  file: string;
  line: number;
  severity: string;
}

/** The JSON report's findings as `severity ruleId file:line`, the shape the tests compare exactly. */
export async function findings(argv: string[], cwd: string): Promise<{ code: number; list: string[]; stderr: string }> {
  const r = await cli([...argv, '--format', 'json'], cwd);
  if (r.code === 2) return { code: 2, list: [], stderr: r.stderr };
  const report = JSON.parse(r.stdout) as { findings: Short[] };
  // Temp folders are not git work trees, or are repositories without tags: the repository-level
  // codebase rules (tested with their rules) would be in every list and say nothing about the
  // workflow feature under test.
  const shown = report.findings.filter((f) => f.ruleId !== 'codebase/not-version-controlled' && f.ruleId !== 'codebase/no-release-tags');
  return { code: r.code, list: shown.map((f) => `${f.severity} ${f.ruleId} ${f.file}:${f.line}`), stderr: r.stderr };
}
