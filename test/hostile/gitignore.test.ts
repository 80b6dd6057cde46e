// Class: a .gitignore cannot hide from the audit what git itself does not ignore. The matcher is
// compared with `git check-ignore` on generated patterns (escapes, classes, `**`, negation, anchors,
// trailing spaces) over one tree of awkward names; a file git tracks is audited whatever .gitignore
// says (git's ignore rules apply to untracked files only).

import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { isGitIgnored, parseGitignore, wildmatch, type IgnoreLayer } from '../../src/util/glob/index.js';
import { removeDir, runCli, seededRandom, soundnessProblems, tempDir } from './helpers.js';

const dirs: string[] = [];
afterAll(() => dirs.forEach(removeDir));

const hasGit = spawnSync('git', ['--version']).status === 0;
/** git without the user's or the system's config and excludes. */
const GIT_ENV = { ...process.env, GIT_CONFIG_NOSYSTEM: '1', GIT_CONFIG_GLOBAL: '/dev/null', HOME: '/nonexistent', GIT_TERMINAL_PROMPT: '0' };

function git(cwd: string, args: string[], input?: string): string {
  return execFileSync('git', args, { cwd, env: GIT_ENV, encoding: 'utf8', ...(input !== undefined ? { input } : {}) });
}

const FILES = ['a', 'b', 'ab', 'ba', 'a.b', 'a b', '[a]', 'é', '!a', '#a', 'a ', '\\', '-', 'aa', 'abc', 'd/a', 'd/b', 'd/ab', 'd/e/a', 'd/e/b', 'e/d/a', 'e/a', 'f/g/h/a', 'f/a b/a'];
const DIRS = ['d', 'd/e', 'e', 'e/d', 'f', 'f/g', 'f/g/h', 'f/a b'];
const TOKENS = ['a', 'b', 'd', 'e', 'h', '*', '*', '**', '?', '/', '/', '\\', '\\*', '[a-b]', '[!a]', '[^a]', '[]a]', '[a-]', '[[:alpha:]]', '[[:digit:]]', '[[:bogus:]]', '[', ']', '!', '#', ' ', '\\ ', 'é', '.', '-', '\\!', '\\#'];

function randomPattern(rand: () => number): string {
  const n = 1 + Math.floor(rand() * 5);
  let out = '';
  for (let i = 0; i < n; i++) out += TOKENS[Math.floor(rand() * TOKENS.length)]!;
  return out;
}

/** Ignored as the audit's walk decides: a path in an ignored folder (below the .gitignore's own) is ignored too. */
function ignoredByAudit(layers: IgnoreLayer[], rel: string, isDir: boolean): boolean {
  const parts = rel.split('/');
  for (let i = 2; i < parts.length; i++) if (isGitIgnored(layers, parts.slice(0, i).join('/'), true)) return true;
  return isGitIgnored(layers, rel, isDir);
}

/**
 * Writes each case's .gitignore over the awkward tree in its own folder of a new repository and
 * returns where the audit's matcher and `git check-ignore` answer differently (at most 20).
 */
function mismatchesWithGit(name: string, cases: Array<{ dir: string; text: string }>): string[] {
  const repo = tempDir(name);
  dirs.push(repo);
  git(repo, ['init', '-q']);
  for (const c of cases) {
    for (const d of DIRS) mkdirSync(path.join(repo, c.dir, d), { recursive: true });
    for (const f of FILES) writeFileSync(path.join(repo, c.dir, f), '');
    writeFileSync(path.join(repo, c.dir, '.gitignore'), c.text);
  }
  const all = cases.flatMap((c) => [...FILES, ...DIRS].map((p) => `${c.dir}/${p}`));
  const out = spawnSync('git', ['check-ignore', '--stdin', '-z'], { cwd: repo, env: GIT_ENV, input: all.join('\0'), encoding: 'utf8' });
  expect(out.status === 0 || out.status === 1, out.stderr).toBe(true);
  const gitIgnored = new Set(out.stdout.split('\0').filter(Boolean));
  const mismatches: string[] = [];
  for (const c of cases) {
    const layers: IgnoreLayer[] = [{ prefix: '', dir: c.dir, rules: parseGitignore(c.text) }];
    for (const p of [...FILES, ...DIRS]) {
      const rel = `${c.dir}/${p}`;
      const ours = ignoredByAudit(layers, rel, DIRS.includes(p));
      if (ours !== gitIgnored.has(rel)) mismatches.push(`${JSON.stringify(c.text)} ${JSON.stringify(p)}: git ${gitIgnored.has(rel)}, audit ${ours}`);
    }
  }
  return mismatches.slice(0, 20);
}

describe('gitignore: the same answers as git check-ignore', () => {
  it.skipIf(!hasGit)('on 400 generated .gitignore files of 1 to 3 lines over 32 awkward paths', () => {
    const rand = seededRandom(0x6a17);
    const cases = Array.from({ length: 400 }, (_, c) => {
      const lines = Array.from({ length: 1 + Math.floor(rand() * 3) }, () => (rand() < 0.2 ? '!' : '') + randomPattern(rand));
      return { dir: `c${c}`, text: `${lines.join('\n')}\n` };
    });
    expect(mismatchesWithGit('gitignore-diff', cases)).toEqual([]);
  });

  it.skipIf(!hasGit)('on the shapes the matcher serves without wildmatch (`*.x`, `x*`, `**/x`, `x/**`) and their near misses', () => {
    const lines = ['*b', '*.b', 'a*', '!a*', '**/a', '**/ab', '**/*b', '**/a*', '**/d/a', 'd/**', '/d/**', 'd/e/**', 'f/g/**', 'd/**/a', '**/e/', '*b/', 'a*/', '**', '*', '**/**', 'a**', '**a', 'd/**/', '\\*b', '*\\b', '[a]*', '*[b]', 'd/*', 'd/e/*', 'd/[a]', 'd/e?', 'f/*/h', 'ab?'];
    const cases = lines.flatMap((line, i) => [{ dir: `s${i}`, text: `${line}\n` }, { dir: `n${i}`, text: `${line}\n!ab\n` }]);
    expect(mismatchesWithGit('gitignore-shapes', cases)).toEqual([]);
    // The fast paths are taken (a regression to the general matcher would still pass the above).
    expect(parseGitignore('*.log\n')[0]).toMatchObject({ suffix: '.log' });
    expect(parseGitignore('npm-debug.log*\n')[0]).toMatchObject({ prefix: 'npm-debug.log' });
    expect(parseGitignore('**/dist\n')[0]).toMatchObject({ basename: true, literal: 'dist' });
    expect(parseGitignore('build/**\n')[0]).toMatchObject({ inside: 'build/' });
    expect(parseGitignore('packages/**/.yarn/*\n')[0]).toMatchObject({ lead: 'packages/' });
  });

  it('a lone backslash matches nothing (it once matched every file, and `!package.json` then left only package.json)', () => {
    const layers: IgnoreLayer[] = [{ prefix: '', dir: '', rules: parseGitignore('\\\n!package.json\n') }];
    expect(isGitIgnored(layers, '.env', false)).toBe(false);
    expect(isGitIgnored(layers, 'src', true)).toBe(false);
    expect(isGitIgnored(layers, 'package.json', false)).toBe(false);
  });

  it('stays fast on patterns that make a naive matcher backtrack', () => {
    const text = Buffer.from(`${'a/'.repeat(500)}b`);
    const started = performance.now();
    for (const pattern of ['*'.repeat(5000), `${'*a'.repeat(400)}c`, `${'**/'.repeat(400)}c`, `${'a*'.repeat(300)}/c`]) wildmatch(Buffer.from(pattern), text, true);
    expect(performance.now() - started).toBeLessThan(2000);
  });
});

describe('gitignore: the audit sees what git sees', () => {
  it('a committed token behind `\\` + `!package.json` is found', async () => {
    const root = tempDir('gitignore-audit');
    dirs.push(root);
    writeFileSync(path.join(root, '.gitignore'), '\\\n!package.json\n');
    writeFileSync(path.join(root, 'package.json'), '{"name":"x","version":"1.0.0"}\n');
    writeFileSync(path.join(root, 'config.ts'), `export const token = 'ghp_${'Zx9'.repeat(12)}';\n`);
    const r = await runCli([root, '--format', 'json']);
    const { problems, report } = soundnessProblems(r);
    expect(problems).toEqual([]);
    expect(report!.findings.some((f) => f.file === 'config.ts' && /secret/.test(f.ruleId))).toBe(true);
  });

  it.skipIf(!hasGit)('a file git tracks although .gitignore lists it is audited, and the listing is reported', async () => {
    const root = tempDir('gitignore-tracked');
    dirs.push(root);
    git(root, ['init', '-q']);
    mkdirSync(path.join(root, 'secrets'));
    writeFileSync(path.join(root, 'secrets', 'prod.ts'), `export const token = 'ghp_${'Qw7'.repeat(12)}';\n`);
    writeFileSync(path.join(root, 'package.json'), '{"name":"x","version":"1.0.0"}\n');
    git(root, ['add', '.']);
    writeFileSync(path.join(root, '.gitignore'), 'secrets/\n');
    const r = await runCli([root, '--format', 'json']);
    const { problems, report } = soundnessProblems(r);
    expect(problems).toEqual([]);
    expect(report!.findings.some((f) => f.file === 'secrets/prod.ts' && /secret/.test(f.ruleId))).toBe(true);
    expect(r.stderr).toMatch(/warning: 1 file tracked by git although \.gitignore lists it, audited all the same .*: secrets\/prod\.ts/);
    // In the report too, where CI and dashboards read it: one info diagnostic per such file.
    expect(report!.findings.filter((f) => f.ruleId === 'tracked-but-ignored').map((f) => `${f.file}:${f.line} ${f.severity}`)).toEqual(['secrets/prod.ts:1 info']);
  });
});
