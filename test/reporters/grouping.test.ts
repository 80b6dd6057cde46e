import { describe, expect, it } from 'vitest';
import { buildReport } from '../../src/reporters/report.js';
import { rules } from '../../rules/index.js';
import type { Finding } from '../../src/rule-api/types.js';

const at = (ruleId: string, file: string, line: number, message: string, evidence?: string): Finding => ({
  ruleId,
  factor: ruleId.split('/')[0] as Finding['factor'],
  severity: 'error',
  message,
  file,
  line,
  column: 1,
  remediation: 'fix it',
  ...(evidence !== undefined ? { evidence } : {}),
});

const report = (findings: Finding[]) =>
  buildReport({ root: '/x', findings, filesByKind: { ts: 2 }, filesScanned: 2, rulesRun: rules.map((r) => r.id) }, { name: 't', version: '0.0.0' }, { rules });

describe('one cause, one finding in reports', () => {
  it('the same rule, file, message and evidence on several lines is one finding with the other places related', () => {
    const msg = 'nodemailer is imported but not declared in package.json';
    const r = report([at('dependencies/undeclared-import', 'src/a.ts', 3, msg), at('dependencies/undeclared-import', 'src/a.ts', 9, msg), at('dependencies/undeclared-import', 'src/b.ts', 2, msg)]);
    expect(r.findings.map((f) => [f.file, f.line, (f.related ?? []).map((x) => `${x.file}:${x.line}`)])).toEqual([
      ['src/a.ts', 3, ['src/a.ts:9']],
      ['src/b.ts', 2, []],
    ]);
    expect(r.summary.errors).toBe(2);
  });

  it('near miss: another message on the same file stays its own finding', () => {
    const r = report([at('dependencies/undeclared-import', 'src/a.ts', 3, 'axios is imported but not declared'), at('dependencies/undeclared-import', 'src/a.ts', 4, 'marked is imported but not declared')]);
    expect(r.findings).toHaveLength(2);
  });

  it('secret findings are never grouped: two keys can read the same once redacted', () => {
    const msg = 'Hardcoded GitHub token (ghp_… (40 chars)).';
    const r = report([at('config/hardcoded-secret', 'src/a.ts', 1, msg, 'ghp_… (40 chars)'), at('config/hardcoded-secret', 'src/a.ts', 9, msg, 'ghp_… (40 chars)')]);
    expect(r.findings.map((f) => f.line)).toEqual([1, 9]);
  });

  it('the scorecard weighs the findings as listed: each factor counts what its summary and the list show', () => {
    const msg = 'Image ghcr.io/shop/api:main in FROM uses the floating tag main';
    const warn = (f: Finding): Finding => ({ ...f, severity: 'warning' });
    const note = { ...at('build-release-run/dev-server-in-release', 'Dockerfile', 20, 'The release runs tsx'), severity: 'info' as const };
    const r = report([warn(at('build-release-run/floating-image-tag', 'Dockerfile', 1, msg)), warn(at('build-release-run/floating-image-tag', 'Dockerfile', 7, msg)), note]);
    const factor = r.factors.find((f) => f.id === 'build-release-run')!;
    expect(r.findings).toHaveLength(2);
    expect(factor.findings).toEqual({ errors: 0, warnings: 1, infos: 1 });
    expect(r.summary.byFactor['build-release-run']).toEqual(factor.findings);
    expect(factor.rules.find((x) => x.id === 'build-release-run/floating-image-tag')!.findings).toEqual({ errors: 0, warnings: 1, infos: 0 });
    // The note is another rule's: it is counted apart, not put down to the rule the summary names.
    expect(factor.summary).toBe('1 warning from build-release-run/floating-image-tag (2 of 7 checks applicable; 1 note).');
  });
});
