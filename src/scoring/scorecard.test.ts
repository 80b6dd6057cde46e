import { describe, expect, it } from 'vitest';
import { computeScorecard, isRuleApplicable, ruleScore } from './scorecard.js';
import { defineRule, FACTORS, type Factor, type Finding, type RuleDefinition, type Severity, type Target } from '../rule-api/types.js';

function rule(id: string, targets: Target[]): RuleDefinition {
  return defineRule({
    id,
    factor: id.split('/')[0] as Factor,
    severity: 'error',
    targets,
    docs: { description: id, remediation: 'fix it' },
    checkProject: () => {},
  });
}

function finding(ruleId: string, severity: Severity, line = 1): Finding {
  return { ruleId, factor: ruleId.includes('/') ? (ruleId.split('/')[0] as Factor) : null, severity, message: 'm', file: 'a.ts', line, column: 1, remediation: 'r' };
}

const RULES = [
  rule('config/hardcoded-secret', ['ts', 'env']),
  rule('config/env-fallback', ['ts']),
  rule('disposability/probes', ['k8s']),
  rule('logs/file-logging', ['ts']),
  rule('codebase/no-release-tags', ['repo']),
];
const ALL_IDS = RULES.map((r) => r.id);

describe('ruleScore', () => {
  it('takes 4 points per error and 2 per warning from 10, never below 0; infos cost nothing', () => {
    expect(ruleScore({ errors: 0, warnings: 0, infos: 5 })).toBe(10);
    expect(ruleScore({ errors: 1, warnings: 0, infos: 0 })).toBe(6);
    expect(ruleScore({ errors: 0, warnings: 1, infos: 0 })).toBe(8);
    expect(ruleScore({ errors: 1, warnings: 2, infos: 0 })).toBe(2);
    expect(ruleScore({ errors: 3, warnings: 0, infos: 0 })).toBe(0);
  });
  it('caps what warnings take at 5 points, so warnings alone never score below 5', () => {
    expect(ruleScore({ errors: 0, warnings: 2, infos: 0 })).toBe(6);
    expect(ruleScore({ errors: 0, warnings: 3, infos: 0 })).toBe(5);
    expect(ruleScore({ errors: 0, warnings: 40, infos: 0 })).toBe(5);
    expect(ruleScore({ errors: 1, warnings: 40, infos: 0 })).toBe(1);
    expect(ruleScore({ errors: 2, warnings: 3, infos: 0 })).toBe(0);
  });
});

describe('isRuleApplicable', () => {
  it('needs a scanned file of a kind the rule reads', () => {
    expect(isRuleApplicable({ targets: ['k8s'] }, { ts: 3 })).toBe(false);
    expect(isRuleApplicable({ targets: ['k8s'] }, { k8s: 1 })).toBe(true);
    expect(isRuleApplicable({ targets: ['json-yaml'] }, { structured: 2 })).toBe(true);
    expect(isRuleApplicable({ targets: ['ts', 'xf'] }, { dockerfile: 1 })).toBe(false);
  });
  it('treats the repository as always there, and an xf-only rule as reading any file', () => {
    expect(isRuleApplicable({ targets: ['repo'] }, {})).toBe(true);
    expect(isRuleApplicable({ targets: ['xf'] }, { env: 1 })).toBe(true);
    expect(isRuleApplicable({ targets: ['xf'] }, {})).toBe(false);
  });
});

describe('computeScorecard', () => {
  it('scores each factor as the mean of its applicable rules, with statuses and one-line summaries', () => {
    const card = computeScorecard(
      { findings: [finding('config/hardcoded-secret', 'error'), finding('config/hardcoded-secret', 'warning', 2), finding('logs/file-logging', 'info')], filesByKind: { ts: 2 }, rulesRun: ALL_IDS },
      RULES,
    );
    expect(card.factors.map((f) => f.id)).toEqual([...FACTORS]);
    expect(card.factors.map((f) => f.number)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
    const config = card.factors.find((f) => f.id === 'config')!;
    // hardcoded-secret: 10 - 4 - 2 = 4; env-fallback: 10; mean 7.
    expect(config.score).toBe(7);
    expect(config.status).toBe('fail');
    expect(config.findings).toEqual({ errors: 1, warnings: 1, infos: 0 });
    expect(config.rules.map((r) => [r.id, r.score])).toEqual([
      ['config/env-fallback', 10],
      ['config/hardcoded-secret', 4],
    ]);
    expect(config.summary).toBe('1 error, 1 warning from config/hardcoded-secret (2 of 2 checks applicable).');

    const logs = card.factors.find((f) => f.id === 'logs')!;
    expect([logs.score, logs.status]).toEqual([10, 'pass']);
    expect(logs.summary).toBe('No problems found (1 of 1 check applicable; 1 note).');

    const disposability = card.factors.find((f) => f.id === 'disposability')!;
    expect([disposability.score, disposability.status]).toEqual([null, 'not-applicable']);
    expect(disposability.rules).toEqual([{ id: 'disposability/probes', applicable: false, score: null, findings: { errors: 0, warnings: 0, infos: 0 } }]);
    expect(disposability.summary).toBe('Not applicable: no Kubernetes manifest found.');

    const codebase = card.factors.find((f) => f.id === 'codebase')!;
    expect([codebase.score, codebase.status]).toEqual([10, 'pass']);

    const ports = card.factors.find((f) => f.id === 'port-binding')!;
    expect([ports.score, ports.status, ports.summary]).toEqual([null, 'not-applicable', 'No checks yet for this factor.']);

    // Overall: mean of config 7, logs 10, codebase 10.
    expect(card.score).toBe(9);
    expect(card.status).toBe('fail');
  });

  it('rounds to one decimal and gives warn when the worst finding is a warning', () => {
    const card = computeScorecard({ findings: [finding('config/env-fallback', 'warning')], filesByKind: { ts: 1 }, rulesRun: ['config/hardcoded-secret', 'config/env-fallback', 'logs/file-logging'] }, RULES);
    const config = card.factors.find((f) => f.id === 'config')!;
    expect([config.score, config.status]).toEqual([9, 'warn']);
    // (9 + 10) / 2 = 9.5
    expect(card.score).toBe(9.5);
    expect(card.status).toBe('warn');
  });

  it('counts a rule that reported something as applicable, and ignores rules that did not run and diagnostics', () => {
    const card = computeScorecard(
      { findings: [finding('disposability/probes', 'error'), finding('parse-error', 'warning')], filesByKind: { ts: 1 }, rulesRun: ['disposability/probes'] },
      RULES,
    );
    const disposability = card.factors.find((f) => f.id === 'disposability')!;
    expect([disposability.score, disposability.status]).toEqual([6, 'fail']);
    expect(card.factors.find((f) => f.id === 'config')!.rules).toEqual([]);
    expect(card.score).toBe(6);
  });

  it('has no overall score when nothing could be checked', () => {
    const card = computeScorecard({ findings: [], filesByKind: {}, rulesRun: ['logs/file-logging'] }, RULES);
    expect(card.score).toBeNull();
    expect(card.status).toBe('not-applicable');
    expect(card.factors.every((f) => f.status === 'not-applicable')).toBe(true);
  });
});
