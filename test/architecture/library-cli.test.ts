// The library API and the CLI give the same findings for the same input: both run the engine's one
// findings pipeline (src/engine/pipeline.ts). The fixture exercises every step that changes the
// list: a config with rule settings and per-file overrides, inline directives (used, unused,
// unknown, without a reason), a baseline with a stale entry, and a changed-files scope.

import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { audit, buildReport, changedSince, formatJson, loadConfig, parseBaseline, readTarget, resolveConfig, rules, type AuditOptions } from '../../src/index.js';
import { PACKAGE } from '../../src/version.js';
import { cli, git, makeRepo, writeFiles } from '../workflow/helpers.js';

const CONFIG = `extends: strict
rules:
  logs/file-logging: warning
  dependencies/missing-lockfile: off
overrides:
  - files: ["src/config.ts"]
    rules:
      config/hardcoded-secret: warning
  - files: ["k8s/**"]
    rules:
      disposability/missing-probes: info
`;

const FILES: Record<string, string> = {
  '.twelve-factor.yml': CONFIG,
  'package.json': '{"name":"shop","version":"1.0.0","scripts":{"start":"node dist/server.js"},"dependencies":{"express":"4.19.2","winston":"3.13.0"}}\n',
  Dockerfile: 'FROM node:latest\nWORKDIR /app\nCOPY . .\nRUN npm install\nEXPOSE 8080\nCMD npm start\n',
  'src/config.ts': [
    '// twelve-factor-disable-next-line logs/file-logging -- nothing to suppress here',
    "export const stripeKey = 'sk_live_51HxQz8Lm2Vb7Kt4Rw9Np3Yc6';",
    "export const redisUrl = 'redis://cache.prod.internal:6379';",
    '',
  ].join('\n'),
  'src/server.ts': [
    "import express from 'express';",
    "import { writeFileSync } from 'node:fs';",
    '// twelve-factor-disable-next-line concurrency/pid-file -- the old supervisor reads it',
    "writeFileSync('/var/run/shop.pid', String(process.pid));",
    'const app = express();',
    '// twelve-factor-disable-next-line port-binding/hardcoded-port',
    'app.listen(3000);',
    '// twelve-factor-disable-line no-such/rule',
    '',
  ].join('\n'),
  'src/logger.ts': "import winston from 'winston';\nexport const log = winston.createLogger({ transports: [new winston.transports.File({ filename: '/var/log/shop.log' })] });\n",
  'k8s/deployment.yaml': 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: shop\nspec:\n  template:\n    spec:\n      containers:\n        - name: web\n          image: shop:latest\n          env:\n            - name: SESSION_SECRET\n              value: Wz4Kq8Lm2Xz9Rt7Vn1Bc\n',
};

/** The library caller's way: the same config, baseline and scope, read with the exported functions. */
async function libraryReport(dir: string, extra: { baselineFile?: string; changedSince?: string }): Promise<string> {
  const config = resolveConfig(loadConfig(dir, rules, { cwd: dir }), rules, dir);
  const options: AuditOptions = {
    root: dir,
    rules,
    ruleSettings: config.ruleSettings,
    ignore: config.ignore,
    overrides: config.overrides,
    settings: config.settings,
    reportUnusedDisableDirectives: true,
    requireDisableReason: true,
    fileTimeBudget: 0,
  };
  if (extra.baselineFile) options.baseline = parseBaseline(readFileSync(extra.baselineFile, 'utf8'), extra.baselineFile);
  if (extra.changedSince) options.scope = { files: new Set(await changedSince(dir, extra.changedSince)), dirs: [], describe: `changed since ${extra.changedSince}` };
  const result = await audit(options);
  return formatJson(buildReport(result, { name: PACKAGE.name, version: PACKAGE.version }, { rules, target: readTarget(dir, process.env) }));
}

async function cliReport(dir: string, extra: string[]): Promise<string> {
  const run = await cli([dir, '--format', 'json', '--fail-on', 'never', '--no-progress', '--file-time-budget', '0', '--report-unused-disable-directives', '--require-reason', ...extra], dir);
  expect(run.code, run.stderr).toBe(0);
  return run.stdout;
}

describe('library API and CLI', () => {
  it('report the same findings with config overrides, directives, a baseline and a scope', async () => {
    const dir = makeRepo(FILES, { git: true });
    git(dir, 'add', '-A');
    git(dir, 'commit', '-q', '-m', 'one');
    // A baseline recorded now, then edited by hand: half the entries kept, one that matches nothing.
    const baselineFile = path.join(dir, 'tfa-baseline.json');
    expect((await cli([dir, '--write-baseline', baselineFile, '--fail-on', 'never', '--file-time-budget', '0'], dir)).code).toBe(0);
    const recorded = JSON.parse(readFileSync(baselineFile, 'utf8')) as { entries: Array<Record<string, unknown>> };
    recorded.entries = recorded.entries.filter((_, i) => i % 2 === 0);
    recorded.entries.push({ file: 'src/gone.ts', ruleId: 'logs/file-logging', fingerprint: '00000000000000000000', count: 1, message: 'gone' });
    writeFiles(dir, { 'tfa-baseline.json': JSON.stringify({ version: 1, entries: recorded.entries }) });
    writeFiles(dir, { 'src/server.ts': `${FILES['src/server.ts']}export const started = Date.now();\n` });
    git(dir, 'commit', '-q', '-am', 'two');

    const whole = await libraryReport(dir, { baselineFile });
    expect(whole).toBe(await cliReport(dir, ['--baseline', baselineFile]));
    const report = JSON.parse(whole) as { findings: Array<{ ruleId: string; file: string; severity: string }>; summary: { hidden: { baseline: number; inline: number } } };
    const ids = report.findings.map((f) => `${f.ruleId} ${f.file}`);
    // Each step left its mark, so the comparison covers all of them.
    expect(ids).toContain('stale-baseline-entry src/gone.ts');
    expect(ids).toContain('unknown-rule src/server.ts');
    expect(ids).toContain('missing-disable-reason src/server.ts');
    expect(ids).toContain('unused-disable-directive src/config.ts');
    expect(report.summary.hidden.inline).toBe(2);
    expect(report.summary.hidden.baseline).toBeGreaterThan(0);
    expect(report.findings.find((f) => f.ruleId === 'config/hardcoded-secret' && f.file === 'src/config.ts')?.severity).toBe('warning');
    expect(ids).not.toContain('dependencies/missing-lockfile package.json');

    const scoped = await libraryReport(dir, { baselineFile, changedSince: 'HEAD~1' });
    expect(scoped).toBe(await cliReport(dir, ['--baseline', baselineFile, '--changed-since', 'HEAD~1']));
    const files = new Set((JSON.parse(scoped) as { findings: Array<{ file: string }> }).findings.map((f) => f.file));
    expect([...files].every((f) => f === 'src/server.ts' || f === 'tfa-baseline.json')).toBe(true);
    expect(files.has('src/server.ts')).toBe(true);
  }, 120_000);
});
