// The score as the command line produces it: the demo app and README agree, partial runs have no
// score, baselined findings still count, skipped files are noted, invalid limits are usage errors,
// the badge follows the status, and the dashboard's JSON has a published schema.

import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { Ajv } from 'ajv';
import { describe, expect, it } from 'vitest';
import type { Report } from '../../src/reporters/report.js';
import type { Fleet } from '../../src/reporters/dashboard.js';
import { BADGE_COLOR, formatBadge } from '../../src/reporters/badge.js';
import { cli, copyApp, expectValidReport, fakeGit, SAMPLE_APP, tempDir } from './helpers.js';
import { git, makeRepo, TOKEN, writeFiles } from '../workflow/helpers.js';

const ROOT = path.resolve(import.meta.dirname, '../..');
const DEMO = path.join(ROOT, 'fixtures/apps/violating-app');
const COMPLIANT = path.join(ROOT, 'fixtures/apps/compliant-app');

async function jsonReport(args: string[], cwd: string): Promise<Report> {
  const r = await cli([...args, '-f', 'json', '--fail-on', 'never'], cwd);
  expect(r.stderr.replace(/^twelve-factor-audit: \d+ finding\(s\) hidden by the baseline .*\n/m, '')).toBe('');
  const report = JSON.parse(r.stdout) as Report;
  expectValidReport(report);
  return report;
}

describe('the demo app', () => {
  it('fails under 4 (a committed live Stripe key caps the score), and README shows what a run prints', async () => {
    // In place, as `npm run demo` runs it: the committed .env is known from the repository's index.
    const report = await jsonReport([DEMO], ROOT);
    expect(report.score).toBeLessThan(4);
    expect(report.status).toBe('fail');
    expect(report.scoring.liveSecrets).toBeGreaterThan(0);
    const stylish = (await cli([DEMO, '--fail-on', 'never'], ROOT)).stdout.split('\n');
    const scoreLine = stylish.find((l) => l.startsWith('Twelve-factor score:'))!;
    const problems = stylish[stylish.indexOf(scoreLine) - 2]!;
    expect(problems).toMatch(/^\d+ problems \(/);
    const readme = readFileSync(path.join(ROOT, 'README.md'), 'utf8');
    expect(readme).toContain(`${problems}\n${scoreLine}\n`);
    expect(readme).toContain(`— ${report.score!.toFixed(1)}/10 ❌ fail`);
    // docs/scoring.md works the same number out.
    expect(readFileSync(path.join(ROOT, 'docs/scoring.md'), 'utf8')).toContain(`**score = 0.6 × ${report.scoring.weakest} + 0.4 × ${report.scoring.breadth} = ${report.score!.toFixed(1)}**`);
  });

  it('the compliant app scores 10 and passes', async () => {
    const report = await jsonReport([COMPLIANT], ROOT);
    expect([report.score, report.status]).toEqual([10, 'pass']);
  });
});

describe('what the score covers', () => {
  it('a partial run (file arguments) has no score and says so; its statuses cover the files given', async () => {
    const app = copyApp(SAMPLE_APP);
    fakeGit(app, { commit: 'a'.repeat(40) });
    // file-logging is info by default (not yet measured on the corpus); as an error it fails logs.
    const report = await jsonReport(['src/server.ts', '--rule', 'logs/file-logging:error'], app);
    expect(report.score).toBeNull();
    expect(report.scoring.partial).toBe('1 path(s) given');
    expect(report.factors.every((f) => f.score === null)).toBe(true);
    expect(report.factors.find((f) => f.id === 'logs')!.status).toBe('fail');
    // The live token of src/config.ts is outside the files given: config is not failing here.
    expect(report.factors.find((f) => f.id === 'config')!.status).not.toBe('fail');
    expect(formatBadge(report)).toContain('>fail (partial)<');
    await cli(['src/server.ts', '-f', 'html:partial.html', '--fail-on', 'never'], app);
    const html = readFileSync(path.join(app, 'partial.html'), 'utf8');
    expect(html).toContain('<strong>Partial run</strong> (1 path(s) given): no score');
    expect(html).toMatch(/id="overall-score"[^>]*>n\/a</);
  });

  it('a staged commit with a live key is a partial run: no score (it was 10.0), a failing status', async () => {
    const dir = makeRepo({ 'src/ok.ts': 'export const ok = 1;\n', Dockerfile: 'FROM node:20.11-alpine3.19\n' }, { git: true });
    git(dir, 'add', '-A');
    git(dir, 'commit', '-q', '-m', 'init');
    writeFiles(dir, { 'src/key.ts': `export const token = "${TOKEN}";\n` });
    git(dir, 'add', 'src/key.ts');
    const r = await cli(['--staged', '-f', 'json', '--badge', 'badge.svg'], dir);
    expect(r.code).toBe(1);
    const report = JSON.parse(r.stdout) as Report;
    expectValidReport(report);
    expect([report.score, report.status, report.scoring.partial]).toEqual([null, 'fail', 'staged']);
    expect(report.factors.find((f) => f.id === 'config')!.summary).toContain('in the files of this partial run (staged)');
    expect(readFileSync(path.join(dir, 'badge.svg'), 'utf8')).toContain('>fail (partial)<');
  });

  it('findings hidden by a baseline still count in the score, and the report counts them', async () => {
    const app = copyApp(SAMPLE_APP);
    const full = await jsonReport([app], app);
    await cli([app, '--write-baseline', 'baseline.json', '--fail-on', 'never'], app);
    const r = await cli([app, '--baseline', 'baseline.json', '-f', 'json'], app);
    expect(r.code).toBe(0);
    const hidden = JSON.parse(r.stdout) as Report;
    expectValidReport(hidden);
    expect(hidden.summary.errors).toBe(0);
    expect(hidden.score).toBe(full.score);
    expect(hidden.factors.map((f) => [f.score, f.status])).toEqual(full.factors.map((f) => [f.score, f.status]));
    const counted = full.findings.filter((f) => f.factor !== null);
    expect(hidden.scoring.baselined).toEqual({
      errors: counted.filter((f) => f.severity === 'error').length,
      warnings: counted.filter((f) => f.severity === 'warning').length,
      infos: counted.filter((f) => f.severity === 'info').length,
    });
  });

  it('a run that skipped files says so next to the score', async () => {
    const app = copyApp(SAMPLE_APP);
    writeFileSync(path.join(app, 'src/big.ts'), `export const big = '${'x'.repeat(5000)}';\n`);
    const out = tempDir('skipped');
    await cli([app, '--max-file-size', '2000', '-f', 'json:r.json', '-f', 'html:r.html', '--fail-on', 'never'], out);
    const report = JSON.parse(readFileSync(path.join(out, 'r.json'), 'utf8')) as Report;
    expect(report.scoring.filesNotRead).toBe(1);
    expect(report.score).not.toBeNull();
    expect(readFileSync(path.join(out, 'r.html'), 'utf8')).toContain('<strong>1 file not read</strong>');
  });

  it.each([['0'], ['-5'], ['abc'], ['1.5']])('--max-file-size %s is a usage error', async (value) => {
    const r = await cli([copyApp(SAMPLE_APP), `--max-file-size=${value}`], ROOT);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^twelve-factor-audit: --max-file-size must be a positive whole number of bytes, not /);
    expect(r.stdout).toBe('');
  });
});

describe('badge', () => {
  it('shows status and score in the status colour: a failing audit is never green', async () => {
    const failing = formatBadge({ score: 6.8, status: 'fail' });
    expect(failing).toContain('>fail 6.8/10<');
    expect(failing).toContain(`fill="${BADGE_COLOR.fail}"`);
    expect(failing).not.toContain(BADGE_COLOR.pass);
    expect(formatBadge({ score: 9.4, status: 'warn' })).toContain(`fill="${BADGE_COLOR.warn}"`);
    expect(formatBadge({ score: 10, status: 'pass' })).toContain('>pass 10.0/10<');
    expect(formatBadge({ score: null, status: 'not-applicable' })).toContain('>n/a<');
    // Same report, same bytes.
    expect(formatBadge({ score: 6.8, status: 'fail' })).toBe(failing);
  });

  it('--badge writes it from the run', async () => {
    const out = tempDir('badge');
    await cli([copyApp(SAMPLE_APP), '--badge', 'badge.svg', '-f', 'json:r.json', '--fail-on', 'never'], out);
    const report = JSON.parse(readFileSync(path.join(out, 'r.json'), 'utf8')) as Report;
    const svg = readFileSync(path.join(out, 'badge.svg'), 'utf8');
    expect(svg).toContain(`>fail ${report.score!.toFixed(1)}/10<`);
    expect(svg).toContain(`fill="${BADGE_COLOR.fail}"`);
  });
});

describe('dashboard JSON', () => {
  it('is valid against its published schema, which `schema dashboard` prints', async () => {
    const out = tempDir('fleet-schema');
    const orders = copyApp(SAMPLE_APP, 'orders');
    fakeGit(orders, { commit: '1'.repeat(40) });
    // file-logging as an error (info by default): the second report fixes it.
    await cli([orders, '-f', 'json:a.json', '-f', 'html:a.html', '--fail-on', 'never', '--rule', 'logs/file-logging:error'], out);
    fakeGit(orders, { commit: '2'.repeat(40) });
    const server = path.join(orders, 'src/server.ts');
    writeFileSync(server, readFileSync(server, 'utf8').replace("fs.createWriteStream('logs/access.log', { flags: 'a' })", 'process.stdout'));
    await cli([orders, '-f', 'json:b.json', '--fail-on', 'never', '--rule', 'logs/file-logging:error'], out);
    await cli([COMPLIANT, '-f', 'json:c.json', '--fail-on', 'never'], out);
    const r = await cli(['dashboard', 'a.json', 'b.json', 'c.json', '-f', 'json'], out);
    expect(r.code).toBe(0);
    const fleet = JSON.parse(r.stdout) as Fleet;
    const schemaText = (await cli(['schema', 'dashboard'], out)).stdout;
    expect(schemaText).toBe(readFileSync(path.join(ROOT, 'schemas/dashboard.schema.json'), 'utf8'));
    const validate = new Ajv({ allErrors: true, strict: true }).compile(JSON.parse(schemaText) as object);
    expect(validate(fleet), JSON.stringify(validate.errors)).toBe(true);
    expect(validate({ ...fleet, services: [{ ...fleet.services[0], trend: 1.2 }] })).toBe(false);

    // Oldest to newest as given: the second report fixed the file logging.
    const orders2 = fleet.services.find((s) => s.name === 'orders-api')!;
    expect(orders2.history.map((p) => p.source)).toEqual(['a.json', 'b.json']);
    expect(orders2.trend).toEqual({ score: Math.round((orders2.history[1]!.score! - orders2.history[0]!.score!) * 10) / 10, errors: -1, warnings: 0 });
    expect(orders2.trend!.score).toBeGreaterThan(0);
    // Linked to its report: b has no HTML beside it, a has.
    expect([orders2.history[0]!.link, orders2.history[1]!.link]).toEqual(['a.html', 'b.json']);
    expect(orders2.latest.factors.logs).toEqual({ score: 10, status: 'pass' });
  });
});
