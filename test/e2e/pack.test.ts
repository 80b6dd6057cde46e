// The npm package as a user gets it: `npm pack`, install the tarball in an empty folder, run
// `npx twelve-factor-audit <dir>`. Uses the local npm cache where it can (CI has just run npm ci).

import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseReport, ROOT, VIOLATING_APP } from './helpers.js';

const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
let tarball = '';
let files: string[] = [];
let installDir = '';

beforeAll(() => {
  const packDir = mkdtempSync(path.join(os.tmpdir(), 'tfa-pack-'));
  const out = execFileSync(npm, ['pack', '--json', '--pack-destination', packDir], { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  const info = JSON.parse(out.slice(out.indexOf('['))) as Array<{ filename: string; files: Array<{ path: string }> }>;
  tarball = path.join(packDir, info[0]!.filename);
  files = info[0]!.files.map((f) => f.path).sort();
  installDir = mkdtempSync(path.join(os.tmpdir(), 'tfa-install-'));
  writeFileSync(path.join(installDir, 'package.json'), JSON.stringify({ name: 'consumer', version: '1.0.0', private: true }));
  execFileSync(npm, ['install', '--prefer-offline', '--no-audit', '--no-fund', tarball], { cwd: installDir, stdio: 'pipe' });
}, 300_000);

describe('npm package', () => {
  it('ships the compiled CLI, rules and docs, and no tests or fixtures', () => {
    expect(readdirSync(path.dirname(tarball))).toContain(path.basename(tarball));
    expect(files).toContain('bin/twelve-factor-audit.js');
    // Without it, bin (CommonJS) would be read as an ES module of the package and fail.
    expect(files).toContain('bin/package.json');
    // bin requires it first: without it the installed CLI would not start.
    expect(files).toContain('bin/v8-tuning.cjs');
    expect(files).toContain('dist/src/cli/main.js');
    expect(files).toContain('dist/src/cli/main.bundle.cjs');
    expect(files).toContain('dist/vendor/typescript.cjs');
    expect(files).toContain('dist/vendor/typescript-parser.cjs');
    expect(files).toContain('dist/rules/index.js');
    expect(files).toContain('docs/rules/config/hardcoded-secret.md');
    expect(files).toContain('README.md');
    expect(files).toContain('schemas/report.schema.json');
    expect(files.filter((f) => /\.test\.|__fixtures__|^src\/|^rules\/|^fixtures\//.test(f))).toEqual([]);
  }, 60_000);

  it('runs as npx twelve-factor-audit <dir> from a fresh install', () => {
    const r = spawnSync(npm, ['exec', '--offline', '--', 'twelve-factor-audit', VIOLATING_APP, '--format', 'json'], { cwd: installDir, encoding: 'utf8' });
    expect(r.status, r.stderr).toBe(1);
    const report = parseReport(r.stdout);
    expect(report.findings.some((f) => f.ruleId === 'config/hardcoded-secret' && f.severity === 'error' && f.file === 'src/config.js' && f.line === 9)).toBe(true);
    const version = spawnSync(npm, ['exec', '--offline', '--', 'twelve-factor-audit', '--version'], { cwd: installDir, encoding: 'utf8' });
    expect(version.status).toBe(0);
    const schema = spawnSync(npm, ['exec', '--offline', '--', 'twelve-factor-audit', 'schema', 'report'], { cwd: installDir, encoding: 'utf8' });
    expect([schema.status, JSON.parse(schema.stdout).title]).toEqual([0, 'twelve-factor-audit JSON report']);
  }, 180_000);
});
