// The simple parser (simple-args.ts) must give exactly what yargs gives, or step aside: every
// argument vector below is parsed by both; where the simple parser answers, yargs must accept the
// vector and return a deep-equal object.

import { describe, expect, it } from 'vitest';
import { ALL_OPTIONS, simpleAuditArgs, versionOutput, yargsAuditArgs } from './audit-args.js';

/** What the runs that must not pay for yargs look like (the action, hooks, the bench, the docs). */
const PLAIN: string[][] = [
  [],
  ['.'],
  ['services/api'],
  ['services/api', '--format', 'json', '-o', 'report.json'],
  ['--format', 'json', 'services/api'],
  ['services/api', '--fail-on', 'never', '--format', 'stylish', '--format', 'sarif:twelve-factor-audit.sarif', '--sarif-category', 'tfa/api', '--cache', '--cache-strategy', 'content', '--cache-location', '/tmp/cache/'],
  ['/tmp/s200', '--cache', '--cache-location', '/tmp/cache/', '--format', 'json', '-o', '/tmp/r.json', '--fail-on', 'never', '--no-progress'],
  ['--changed-since', 'origin/main', '--format', 'github'],
  ['--staged', '--quiet'],
  ['--min-severity', 'warning', '--format', 'stylish'],
  ['src/a.ts', 'src/b.ts', '--fail-on', 'warning'],
  ['-f', 'sarif', '-f', 'json:r.json'],
  ['-f', 'stylish', '--format', 'sarif:x.sarif', '-f', 'html:r.html'],
  ['--concurrency', '2', '--max-warnings', '0', '--max-file-size', '100000', '--file-time-budget', '0'],
  ['--preset', 'strict', '--config', 'tfa.yml'],
  ['-c', 'tfa.yml', '--no-inline-config', '--report-unused-disable-directives', '--require-reason'],
  ['--no-config', '--no-color', '--debug', '--allow-empty', '--timestamp'],
  ['--baseline', 'b.json', '--write-baseline', 'b.json'],
  ['--only', 'port-binding', '--skip', 'config/hardcoded-secret', '--kind', 'ts', '--rule', 'config/hardcoded-secret:off'],
  ['--plugin', './my-rules', '--allow-config-plugins', '--badge', 'badge.svg'],
  ['--print-config', 'src/index.ts'],
  ['--color', '--progress', 'dir with spaces'],
  ['123'],
  ['dashboard'],
  ['a', 'b', 'c'],
];

/** Near misses: forms yargs reads in its own way (or rejects) beside the plain ones. */
const NEAR: string[][] = [
  ['--format', 'json', 'dir'],
  ['-f', 'sarif', '-f', 'json'],
  ['--cache-location=x'],
  ['--format=json'],
  ['-fjson'],
  ['-of', 'x', 'json'],
  ['--'],
  ['--', '--format'],
  ['dir', '--', '-odd'],
  ['-odd-path'],
  ['-'],
  [''],
  ['--format', ''],
  ['--format'],
  ['--format', '--quiet'],
  ['--fail-on', '--quiet'],
  ['--fail-on', 'critical'],
  ['--min-severity', 'notice'],
  ['--min-severity'],
  ['--min-severity', 'warning', '--min-severity', 'error'],
  ['--fail-on', 'error', '--fail-on', 'warning'],
  ['--fail-on', 'ERROR'],
  ['--cache', 'true'],
  ['--cache', 'false', 'dir'],
  ['--cache', 'TRUE'],
  ['--cache', 'yes'],
  ['--cache', '--cache'],
  ['--cache', '--no-cache'],
  ['--no-cache', '--cache'],
  ['--progress', '--no-progress'],
  ['--no-progress', '--no-progress'],
  ['--no-format'],
  ['--no-output'],
  ['--no-concurrency'],
  ['--no-max-warnings'],
  ['--no-fail-on'],
  ['--no-preset'],
  ['--no-config', '--config', 'x.yml'],
  ['--config', 'x.yml', '--no-config'],
  ['-c', 'a.yml', '-c', 'b.yml'],
  ['--no-such-flag'],
  ['--formt', 'json'],
  ['--cacheLocation', 'x'],
  ['--cache_location', 'x'],
  ['--Cache'],
  ['-x'],
  ['-h'],
  ['--help'],
  ['--version'],
  ['--max-warnings', '5'],
  ['--max-warnings', '05'],
  ['--max-warnings', '-1'],
  ['--max-warnings', '1.5'],
  ['--max-warnings', '1e3'],
  ['--max-warnings', '0x10'],
  ['--max-warnings', 'abc'],
  ['--max-warnings', ' 5'],
  ['--max-warnings', '99999999999999999999'],
  ['--max-warnings', '1', '--max-warnings', '2'],
  ['--concurrency', '0'],
  ['--concurrency', '-1'],
  ['--concurrency', '1.5'],
  ['--concurrency', 'auto'],
  ['--changed-since', 'HEAD~1'],
  ['--changed-since', '-1'],
  ['--changed-since', 'true'],
  ['--output', '5'],
  ['--output', 'null'],
  ['--output', 'undefined'],
  ['--output', '__proto__'],
  ['__proto__'],
  ['constructor'],
  ['--kind', 'ts', '--kind', 'dockerfile'],
  ['--only', 'a,b', 'dir'],
  ['--rule', 'a', '--rule', 'b', '--rule', 'c'],
  ['dir', '--format'],
  ['--preset', 'lax'],
  ['--cache-strategy', 'content', '--cache-strategy', 'metadata'],
  ['--no-color', '--color'],
  ['--inline-config', 'false'],
  ['--no-inline-config', 'dir'],
  ['--no-no-color'],
  ['--no-'],
  ['--no-f'],
  ['--f', 'json'],
  ['-format', 'json'],
  ['-f'],
  ['-o'],
  ['-c'],
  ['-fo', 'json'],
  ['model', 'dir'],
  ['dir', 'model'],
  ['rules'],
  ['a.b.c'],
  ['--format', 'a.b'],
  ['--format.x', 'y'],
  ['--format', 'json', '--format', 'json'],
  ['--format', 'json', '-o', 'a', '-o', 'b'],
  ['--format', 'json', '--no-output'],
  ['\u00e9t\u00e9'],
  ['--format', 'html:r\u00e9sum\u00e9.html'],
];

/** For every option: each form it could be given in, alone and around a path. */
function generated(): string[][] {
  const out: string[][] = [];
  for (const [name, spec] of Object.entries(ALL_OPTIONS)) {
    const flags = [`--${name}`, ...(spec.alias ? [`-${spec.alias}`] : [])];
    const values = ['x', 'dir/file.json', '5', '0', '-1', '', 'true', 'false', ...(spec.choices ?? [])];
    for (const flag of flags) {
      out.push([flag], [flag, 'dir'], ['dir', flag], [`--no-${name}`], [`--no-${name}`, 'dir'], [flag, flag], [`${flag}=x`]);
      for (const v of values) out.push([flag, v], ['dir', flag, v, 'other'], [flag, v, flag, v]);
    }
  }
  return out;
}

interface Outcome {
  parsed?: unknown;
  error?: string;
}

async function viaYargs(argv: string[]): Promise<Outcome> {
  try {
    return { parsed: await yargsAuditArgs(argv, () => {}) };
  } catch (err) {
    return { error: (err as Error).message };
  }
}

describe('the simple parser of the audit command line', () => {
  it('parses the plain command lines of CI jobs and hooks (it does not just step aside)', () => {
    for (const argv of PLAIN) expect(simpleAuditArgs(argv), JSON.stringify(argv)).toBeDefined();
  });

  it('gives what yargs gives, or steps aside, on every vector of the table', async () => {
    const vectors = [...PLAIN, ...NEAR, ...generated()];
    let answered = 0;
    for (const argv of vectors) {
      const simple = simpleAuditArgs(argv);
      if (simple === undefined) continue;
      answered++;
      const yargs = await viaYargs(argv);
      expect(yargs.error, JSON.stringify(argv)).toBeUndefined();
      expect(simple, JSON.stringify(argv)).toStrictEqual(yargs.parsed);
    }
    // Both branches are exercised: many vectors are answered, many are left to yargs.
    expect(answered).toBeGreaterThan(100);
    expect(vectors.length - answered).toBeGreaterThan(300);
  }, 120_000);

  it('steps aside for help, version, `--`, `--name=value`, negated or repeated flags it does not reproduce, and values yargs coerces', () => {
    const aside = [['--help'], ['--version'], ['--'], ['--cache-location=x'], ['--cache', 'true'], ['--max-warnings', '1.5'], ['--max-warnings', '-1'], ['--fail-on', 'critical'], ['-odd-path'], [''], ['--no-format'], ['-fjson'], ['--cache', '--cache'], ['--fail-on', 'error', '--fail-on', 'error']];
    for (const argv of aside) expect(simpleAuditArgs(argv), JSON.stringify(argv)).toBeUndefined();
  });

  it('prints for `--version` alone the bytes yargs prints, and leaves every other vector with --version to yargs', async () => {
    const printed: string[] = [];
    expect(await yargsAuditArgs(['--version'], (s) => printed.push(s))).toBeNull();
    expect(printed).toHaveLength(1);
    expect(versionOutput(['--version'])).toBe(printed[0]);
    for (const argv of [['--version', '--help'], ['--version', 'dir'], ['-v'], ['--version=1'], ['dir', '--version']]) expect(versionOutput(argv)).toBeUndefined();
  });
});
