import { describe, expect, it } from 'vitest';
import type { Finding } from '../rule-api/types.js';
import type { FileRole } from '../model/file-role.js';
import { buildBaseline } from './baseline.js';
import { applyRoles, PIPELINE_STEPS, runPipeline, type PipelineContext } from './pipeline.js';

const finding = (ruleId: string, file: string, line: number, message = `${ruleId} here`): Finding => ({ ruleId, factor: 'config', severity: 'error', message, file, line, column: 1, remediation: 'fix it' });

const base: PipelineContext = {
  rules: [{ id: 'config/specific', supersedes: ['config/broad'] }],
  overrides: [],
  directives: new Map(),
  suppressions: { knownRuleIds: ['config/specific', 'config/broad', 'config/other'], activeRuleIds: ['config/specific', 'config/broad', 'config/other'], reportUnused: true },
};

describe('findings pipeline', () => {
  it('runs its steps in the documented order', () => {
    expect(PIPELINE_STEPS.map(([name]) => name)).toEqual(['supersede', 'dedupe', 'overrides', 'suppressions', 'baseline', 'scope']);
  });

  it('drops superseded findings and duplicates, and sorts', () => {
    const out = runPipeline([finding('config/other', 'b.ts', 2), finding('config/broad', 'a.ts', 1), finding('config/specific', 'a.ts', 1), finding('config/other', 'b.ts', 2)], base);
    expect(out.findings.map((f) => `${f.ruleId} ${f.file}:${f.line}`)).toEqual(['config/specific a.ts:1', 'config/other b.ts:2']);
  });

  it('applies overrides before suppressions: a directive for a finding the config switched off suppresses nothing', () => {
    const out = runPipeline([finding('config/other', 'a.ts', 2)], {
      ...base,
      overrides: [{ files: ['a.ts'], rules: { 'config/other': 'off' } }],
      directives: new Map([['a.ts', [{ type: 'disable-next-line', rules: ['config/other'], line: 1, column: 1 }]]]),
    });
    expect(out.findings.map((f) => f.ruleId)).toEqual(['unused-disable-directive']);
    expect(out.hidden.inline).toEqual([]);
  });

  it('matches the baseline after suppressions, and scopes what it reports and what it hid', () => {
    const a = finding('config/other', 'a.ts', 2);
    const b = finding('config/other', 'b.ts', 5);
    const out = runPipeline([a, b], {
      ...base,
      directives: new Map([['a.ts', [{ type: 'disable-next-line', rules: ['config/other'], reason: 'accepted', line: 1, column: 1 }]]]),
      baseline: buildBaseline([a, b]),
      scope: { files: new Set(['a.ts']), dirs: [], describe: 'a.ts' },
    });
    // a.ts's finding was suppressed inline, so its baseline entry matches nothing: stale, and in scope.
    expect(out.findings.map((f) => `${f.ruleId} ${f.file}`)).toEqual(['stale-baseline-entry a.ts']);
    expect(out.hidden.inline.map((h) => [h.finding.file, h.reason])).toEqual([['a.ts', 'accepted']]);
    // b.ts's finding was hidden by the baseline, counted for the whole project, and is outside the scope.
    expect(out.baselineMatched).toBe(1);
    expect(out.hidden.baseline).toEqual([]);
  });
});

describe('roles step and engine diagnostics', () => {
  const roleOf = (file: string): FileRole => (file.includes('fixtures/') ? 'test' : file.startsWith('dist/') ? 'generated' : 'runtime');
  const diag = (ruleId: string, file: string, severity: Finding['severity'] = 'warning'): Finding => ({ ruleId, factor: null, severity, message: 'm', file, line: 1, column: 1, remediation: 'r' });
  it('lowers an unread file to info outside runtime files, and leaves other diagnostics as they are', () => {
    const out = applyRoles(
      [diag('parse-error', 'src/app.json'), diag('parse-error', 'test/fixtures/malformed.json'), diag('file-skipped', 'dist/bundle.js'), diag('rule-error', 'test/fixtures/x.ts', 'error'), diag('parse-error', 'test/fixtures/flow.js', 'info')],
      new Map(),
      roleOf,
    );
    expect(out.map((f) => `${f.ruleId} ${f.file} ${f.severity}`)).toEqual([
      'parse-error src/app.json warning',
      'parse-error test/fixtures/malformed.json info',
      'file-skipped dist/bundle.js info',
      'rule-error test/fixtures/x.ts error',
      'parse-error test/fixtures/flow.js info',
    ]);
  });
});
