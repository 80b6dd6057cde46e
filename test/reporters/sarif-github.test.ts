// SARIF against GitHub code scanning's documented constraints (docs/reports.md lists each with its
// source): security severity, categories, related locations, repository-level findings on a file,
// suppressions, the upload limit, helpUri at the version tag.

import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Log, Result } from 'sarif';
import { describe, expect, it } from 'vitest';
import { automationId, formatSarif, relatedLocationsOf, SARIF_LIMITS } from '../../src/reporters/sarif.js';
import type { Report, ReportFinding } from '../../src/reporters/report.js';
import { rules } from '../../rules/index.js';
import { cli, copyApp, expectValidSarif, fakeGit, SAMPLE_APP, tempDir } from './helpers.js';

async function sarifOf(dir: string, args: string[] = []): Promise<{ log: Log; stderr: string }> {
  const { stdout, stderr } = await cli([dir, '-f', 'sarif', ...args], dir);
  const log = JSON.parse(stdout) as Log;
  expectValidSarif(log);
  return { log, stderr };
}

/** A service whose Dockerfile exposes 8080 while its code listens on 3000: a cross-file finding. */
function portMismatchApp(): string {
  const dir = path.join(tempDir('pm'), 'pm');
  mkdirSync(path.join(dir, 'src'), { recursive: true });
  writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ name: 'pm', version: '1.0.0', scripts: { start: 'node src/server.js' } }));
  writeFileSync(path.join(dir, 'package-lock.json'), JSON.stringify({ name: 'pm', lockfileVersion: 3, packages: { '': { name: 'pm' } } }));
  writeFileSync(path.join(dir, 'Dockerfile'), 'FROM node:20.11.1\nWORKDIR /app\nCOPY . .\nEXPOSE 8080\nCMD ["node", "src/server.js"]\n');
  writeFileSync(
    path.join(dir, 'src', 'server.js'),
    "const http = require('node:http');\nconst server = http.createServer((req, res) => res.end('ok'));\nserver.listen(3000);\nprocess.on('SIGTERM', () => server.close());\n",
  );
  return dir;
}

describe('SARIF for GitHub code scanning', () => {
  it('marks secret rules security with a critical security-severity, and only those', async () => {
    const { log } = await sarifOf(copyApp(SAMPLE_APP));
    const driverRules = log.runs[0]!.tool.driver.rules!;
    const secret = driverRules.find((r) => r.id === 'config/hardcoded-secret')!;
    expect(secret.properties!.tags).toContain('security');
    // GitHub: over 9.0 is critical.
    expect(Number(secret.properties!['security-severity'])).toBeGreaterThan(9);
    const security = new Set(rules.filter((r) => r.security).map((r) => r.id));
    expect([...security].sort()).toEqual([
      'backing-services/hardcoded-credentials-in-url',
      'config/committed-env-file',
      'config/default-secret-fallback',
      'config/env-file-in-image',
      'config/hardcoded-secret',
      'config/literal-secret-env',
      'config/secret-in-image',
    ]);
    for (const r of driverRules) {
      expect(r.properties!.tags!.includes('security'), r.id).toBe(security.has(r.id));
      expect(r.properties!['security-severity'] !== undefined, r.id).toBe(security.has(r.id));
      // GitHub keeps at most 10 tags of a rule.
      expect(r.properties!.tags!.length).toBeLessThanOrEqual(10);
    }
  });

  it('gives each audited folder its own category, overridable with --sarif-category', async () => {
    const repo = tempDir('repo');
    fakeGit(repo, { commit: 'a'.repeat(40) });
    const api = path.join(repo, 'services', 'api');
    mkdirSync(path.dirname(api), { recursive: true });
    const { cpSync } = await import('node:fs');
    cpSync(SAMPLE_APP, api, { recursive: true });
    const { log } = await sarifOf(api);
    expect(log.runs[0]!.automationDetails!.id).toBe('twelve-factor-audit/services/api/');
    expect(log.runs[0]!.results![0]!.locations![0]!.physicalLocation!.artifactLocation!.uri).toMatch(/^services\/api\//);
    const named = await sarifOf(api, ['--sarif-category', 'backend/api']);
    // GitHub takes everything before the last slash as the category.
    expect(named.log.runs[0]!.automationDetails!.id).toBe('backend/api/');
    expect(automationId({ target: { name: 'x' } })).toBe('twelve-factor-audit/');
  });

  it('links the other end of a cross-file finding as a related location', async () => {
    const { log } = await sarifOf(portMismatchApp());
    const mismatch = log.runs[0]!.results!.find((r) => r.ruleId === 'port-binding/port-mismatch')!;
    expect(mismatch.locations![0]!.physicalLocation!.artifactLocation!.uri).toBe('Dockerfile');
    // The run chain (Dockerfile CMD → the source entry) and the listen call.
    expect(mismatch.relatedLocations).toEqual([
      { id: 1, physicalLocation: { artifactLocation: { uri: 'Dockerfile' }, region: { startLine: 5 } }, message: { text: 'Dockerfile:5, named in the finding' } },
      { id: 2, physicalLocation: { artifactLocation: { uri: 'src/server.js' }, region: { startLine: 1 } }, message: { text: 'src/server.js:1, named in the finding' } },
      { id: 3, physicalLocation: { artifactLocation: { uri: 'src/server.js' }, region: { startLine: 3 } }, message: { text: 'src/server.js:3, named in the finding' } },
    ]);
  });

  it('takes only file paths from a message, never an image reference or a host:port', () => {
    const f = (message: string) => ({ ruleId: 'x/y', factor: null, severity: 'info' as const, message, file: 'a.ts', line: 1, column: 1, remediation: '' });
    expect(relatedLocationsOf(f('uses redis:7 and docker.io/library/redis:7 and db.example.com:5432 and node:20'))).toEqual([]);
    expect(relatedLocationsOf(f('see deploy/k8s.yaml:30, Dockerfile.prod:2, .env.production:4, a.ts:1 and /etc/passwd:1 and ../x.ts:2'))).toEqual([
      { file: 'deploy/k8s.yaml', line: 30 },
      { file: 'Dockerfile.prod', line: 2 },
      { file: '.env.production', line: 4 },
    ]);
  });

  it('puts a repository-level finding on the root package.json, never on "."', async () => {
    const { log } = await sarifOf(copyApp(SAMPLE_APP));
    const repoLevel = log.runs[0]!.results!.find((r) => r.ruleId === 'codebase/not-version-controlled')!;
    expect(repoLevel.locations![0]!.physicalLocation!.artifactLocation!.uri).toBe('package.json');
    expect(repoLevel.properties!.repositoryLevel).toBe(true);
    for (const r of log.runs[0]!.results!) expect(r.locations![0]!.physicalLocation!.artifactLocation!.uri).not.toBe('.');
  });

  it('emits baselined and directive-hidden findings as suppressed results with their justification', async () => {
    const app = copyApp(SAMPLE_APP);
    const out = tempDir('bl');
    const baseline = path.join(out, 'baseline.json');
    // file-logging is off in the default preset (docs/accuracy.md): turned on for this run, as a user would.
    const fileLogging = ['--rule', 'logs/file-logging:warning'];
    await cli([app, '--write-baseline', baseline, '-f', 'json', ...fileLogging], app);
    // A new finding, hidden inline with a reason.
    writeFileSync(path.join(app, 'src', 'extra.ts'), "import fs from 'node:fs';\n// twelve-factor-disable-next-line logs/file-logging -- rotated by the sidecar\nfs.createWriteStream('logs/extra.log');\n");
    const { log } = await sarifOf(app, ['--baseline', baseline, ...fileLogging]);
    const results = log.runs[0]!.results!;
    const external = results.filter((r) => r.suppressions?.[0]?.kind === 'external');
    const inSource = results.filter((r) => r.suppressions?.[0]?.kind === 'inSource');
    expect(external.length).toBeGreaterThan(3);
    for (const r of external) expect(r.suppressions).toEqual([{ kind: 'external', status: 'accepted', justification: 'recorded in the baseline' }]);
    expect(inSource.map((r) => [r.ruleId, r.locations![0]!.physicalLocation!.artifactLocation!.uri, r.suppressions![0]!.justification])).toEqual([
      ['logs/file-logging', 'src/extra.ts', 'rotated by the sidecar'],
    ]);
    const { stdout } = await cli([app, '--baseline', baseline, '-f', 'json', ...fileLogging], app);
    const report = JSON.parse(stdout) as Report;
    expect(report.summary.hidden).toEqual({ baseline: external.length, inline: 1 });
    // Suppressed results never hide a secret.
    expect(JSON.stringify(log)).not.toContain('ghp_Q7w2Rt9Yk3Lm8Np4Zx6Vb1Hc5Jd0Fs2Gt7Ka');
  });

  it('cuts deterministically at the upload limit, errors first, and says so', () => {
    const finding = (i: number, severity: 'error' | 'warning' | 'info'): ReportFinding => ({
      ruleId: 'logs/file-logging',
      factor: 'logs',
      severity,
      message: `m${i}`,
      file: `src/f${i}.ts`,
      line: 1,
      column: 1,
      endLine: 1,
      endColumn: 1,
      remediation: 'r',
      fingerprint: i.toString(16).padStart(20, '0'),
      docsUrl: 'https://example.invalid/',
    });
    const total = SARIF_LIMITS.MAX_RESULTS + 10;
    // Infos first in report order, so that a cut by position would keep the wrong ones.
    const findings = Array.from({ length: total }, (_, i) => finding(i, i < 20 ? 'info' : i < total - 5 ? 'warning' : 'error'));
    const report = { schemaVersion: 2, tool: { name: 'twelve-factor-audit', version: '0.1.0' }, target: { name: 'big' }, score: null, status: 'fail', factors: [], findings } as unknown as Report;
    const warnings: string[] = [];
    const text = formatSarif({ report, rules }, { onWarning: (m) => warnings.push(m) });
    const run = (JSON.parse(text) as Log).runs[0]!;
    expect(run.results).toHaveLength(SARIF_LIMITS.MAX_RESULTS);
    expect(run.results!.filter((r: Result) => r.level === 'error')).toHaveLength(5);
    expect(run.results!.filter((r: Result) => r.level === 'note')).toHaveLength(10);
    expect(run.properties!.truncated).toEqual({ total, kept: SARIF_LIMITS.MAX_RESULTS });
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain('25000');
    expect(formatSarif({ report, rules })).toBe(text);
  });
});
