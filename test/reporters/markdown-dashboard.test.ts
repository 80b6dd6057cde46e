// Markdown under GitHub's comment limit, and the fleet dashboard built from real reports of several
// services (one of them at two commits).

import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatMarkdown, GITHUB_COMMENT_LIMIT } from '../../src/reporters/markdown.js';
import type { Report, ReportFinding } from '../../src/reporters/report.js';
import type { Fleet } from '../../src/reporters/dashboard.js';
import { FACTORS } from '../../src/rule-api/types.js';
import { cli, copyApp, expectValidReport, fakeGit, SAMPLE_APP, tempDir } from './helpers.js';

async function sampleReport(): Promise<Report> {
  const app = copyApp(SAMPLE_APP);
  const report = JSON.parse((await cli([app, '-f', 'json'], app)).stdout) as Report;
  expectValidReport(report);
  return report;
}

describe('markdown size limit', () => {
  it('fits a huge report under the limit and counts what it left out', async () => {
    const base = await sampleReport();
    const findings: ReportFinding[] = [];
    for (let i = 0; i < 3000; i++) {
      findings.push({ ruleId: 'logs/file-logging', factor: 'logs', severity: 'error', message: `Logs are written to a file number ${i} ${'x'.repeat(60)}`, file: `src/f${i}.ts`, line: i + 1, column: 1, remediation: 'r', fingerprint: `f${i}`, docsUrl: 'u' });
    }
    const md = formatMarkdown({ report: { ...base, findings }, rules: [] });
    expect(md.length).toBeLessThanOrEqual(GITHUB_COMMENT_LIMIT);
    const shown = md.split('\n').filter((l) => l.startsWith('- ❌')).length;
    expect(shown).toBeGreaterThan(100);
    expect(md).toContain(`_…and ${3000 - shown} more findings not shown`);
  });

  it('shows everything and no truncation note when it fits; honours a smaller limit', async () => {
    const report = await sampleReport();
    const md = formatMarkdown({ report, rules: [] });
    expect(md).not.toContain('more finding');
    expect(md.split('\n').filter((l) => l.startsWith('- ')).length).toBe(report.findings.length);
    const small = formatMarkdown({ report, rules: [] }, { maxLength: 2600 });
    expect(small.length).toBeLessThanOrEqual(2600);
    expect(small).toMatch(/_…and \d+ more findings? not shown/);
  });

  it('escapes markup in messages so that a finding cannot break the table or inject HTML', async () => {
    const base = await sampleReport();
    const md = formatMarkdown({ report: { ...base, findings: [{ ...base.findings[0]!, message: 'a | b <img src=x> **bold** @team' }] }, rules: [] });
    expect(md).toContain('a \\| b \\<img src=x\\> \\*\\*bold\\*\\* @\u200bteam');
  });
});

describe('dashboard', () => {
  const C1 = '1'.repeat(40);
  const C2 = '2'.repeat(40);

  async function fleetFiles() {
    // File logging as an error (info by default, not yet measured): the trend counts errors.
    const out = tempDir('fleet');
    const orders = copyApp(SAMPLE_APP, 'orders');
    fakeGit(orders, { commit: C1 });
    await cli([orders, '-f', 'json:orders-1.json', '--rule', 'logs/file-logging:error'], out);
    // The next commit pins the image and writes logs to stdout.
    fakeGit(orders, { commit: C2 });
    writeFileSync(path.join(orders, 'Dockerfile'), readFileSync(path.join(orders, 'Dockerfile'), 'utf8').replace('node:latest', 'node:20.11-alpine3.19'));
    writeFileSync(path.join(orders, 'src/server.ts'), readFileSync(path.join(orders, 'src/server.ts'), 'utf8').replace("fs.createWriteStream('logs/access.log', { flags: 'a' })", 'process.stdout'));
    await cli([orders, '-f', 'json:orders-2.json', '--rule', 'logs/file-logging:error'], out);
    const billing = copyApp(SAMPLE_APP, 'billing');
    writeFileSync(path.join(billing, 'package.json'), readFileSync(path.join(billing, 'package.json'), 'utf8').replace('orders-api', 'billing-api'));
    await cli([billing, '-f', 'json:billing.json', '--rule', 'logs/file-logging:error'], out);
    for (const f of ['orders-1.json', 'orders-2.json', 'billing.json']) expectValidReport(JSON.parse(readFileSync(path.join(out, f), 'utf8')));
    return out;
  }

  it('merges reports into a service × factor grid with a trend per service (JSON)', async () => {
    const out = await fleetFiles();
    const r = await cli(['dashboard', 'orders-2.json', 'billing.json', 'orders-1.json', '--format', 'json'], out);
    expect(r.code).toBe(0);
    const fleet = JSON.parse(r.stdout) as Fleet;
    expect(fleet.services.map((s) => s.name)).toEqual(['billing-api', 'orders-api']);
    const [billing, orders] = fleet.services as [Fleet['services'][number], Fleet['services'][number]];
    expect(Object.keys(orders.latest.factors)).toEqual([...FACTORS]);
    // Without timestamps the command-line order is the time order: orders-2 then orders-1.
    expect(orders.history.map((p) => p.commit)).toEqual([C2, C1]);
    expect(orders.latest.commit).toBe(C1);
    const r2 = await cli(['dashboard', 'orders-1.json', 'orders-2.json', 'billing.json', '-f', 'json'], out);
    const fleet2 = JSON.parse(r2.stdout) as Fleet;
    const orders2 = fleet2.services.find((s) => s.name === 'orders-api')!;
    expect(orders2.latest.commit).toBe(C2);
    expect(orders2.latest.factors['build-release-run']).toEqual({ score: 10, status: 'pass' });
    expect(orders2.latest.factors.logs).toEqual({ score: 10, status: 'pass' });
    expect(orders2.trend!.score).toBeGreaterThan(0);
    expect(orders2.trend!.score).toBe(Math.round((orders2.history[1]!.score! - orders2.history[0]!.score!) * 10) / 10);
    expect(orders2.trend!.errors).toBe(-2);
    expect(billing.trend).toBeNull();
    // Worst first: errors, then the lowest factor scores.
    expect(fleet2.worstFindings.length).toBeGreaterThan(0);
    expect(fleet2.worstFindings.every((f, i, a) => i === 0 || !(a[i - 1]!.severity !== 'error' && f.severity === 'error'))).toBe(true);
    expect(new Set(fleet2.worstFindings.map((f) => f.service))).toEqual(new Set(['billing-api', 'orders-api']));
  });

  it('writes a self-contained HTML page with --output', async () => {
    const out = await fleetFiles();
    const r = await cli(['dashboard', 'orders-1.json', 'orders-2.json', 'billing.json', '--output', 'fleet.html'], out);
    expect([r.code, r.stdout]).toEqual([0, '']);
    const html = readFileSync(path.join(out, 'fleet.html'), 'utf8');
    expect(html.match(/<tr class="service"/g)).toHaveLength(2);
    expect(html.match(/<td class="cell"/g)).toHaveLength(24);
    expect(html).toContain('id="trends"');
    expect(html).not.toMatch(/\bsrc=|<link\b|@import/i);
  });

  it('refuses a file that is not a report', async () => {
    const out = tempDir('bad');
    writeFileSync(path.join(out, 'x.json'), '{"findings": []}');
    const r = await cli(['dashboard', 'x.json'], out);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('x.json is not a twelve-factor-audit JSON report');
    const missing = await cli(['dashboard', 'nope.json'], out);
    expect(missing.code).toBe(2);
  });
});
