// The scoring model's properties (docs/scoring.md), each checked over generated finding sets (a
// seeded generator: the same cases on every machine), then worked examples.

import { describe, expect, it } from 'vitest';
import { rng } from '../../bench/generate.js';
import {
  computeScorecard,
  ERROR_GAP,
  FAIL_MAX,
  FAILING_FACTOR_MAX,
  isLiveSecret,
  isRuleApplicable,
  LIVE_SECRET_MAX,
  scoreText,
  severityScore,
  WARN_MAX,
  WARN_MIN,
  type Scorecard,
  type ScorecardInput,
  type SuppressedFinding,
} from './scorecard.js';
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

const LIVE_KEY_MESSAGE = 'Hardcoded Stripe live key (sk_l… (33 chars)).';

function finding(ruleId: string, severity: Severity, line = 1, message = 'm'): Finding {
  return { ruleId, factor: ruleId.includes('/') ? (ruleId.split('/')[0] as Factor) : null, severity, message, file: 'a.ts', line, column: 1, remediation: 'r' };
}

// ---------------------------------------------------------------------------------------------
// The generator: a rule set over the twelve factors (0–6 rules each, random targets), the file
// kinds found, and findings of those rules with random severities, some of them live secrets.

const TARGETS: Target[] = ['ts', 'dockerfile', 'compose', 'k8s', 'package-json', 'env', 'procfile', 'json-yaml', 'repo', 'xf'];
const KINDS = ['ts', 'dockerfile', 'compose', 'k8s', 'package-json', 'env', 'procfile', 'structured'];
const SEVERITIES: Severity[] = ['error', 'warning', 'info'];

interface Case {
  rules: RuleDefinition[];
  input: ScorecardInput;
  rand: () => number;
}

function pick<T>(rand: () => number, list: readonly T[]): T {
  return list[Math.floor(rand() * list.length)]!;
}

function randomFinding(rand: () => number, rules: RuleDefinition[]): Finding {
  const r = pick(rand, rules);
  const severity = pick(rand, SEVERITIES);
  const live = r.factor === 'config' && severity === 'error' && rand() < 0.3;
  return finding(r.id, severity, 1 + Math.floor(rand() * 50), live ? LIVE_KEY_MESSAGE : `m${Math.floor(rand() * 5)}`);
}

function generate(seed: number): Case {
  const rand = rng(seed);
  const rules: RuleDefinition[] = [];
  for (const factor of FACTORS) {
    const n = Math.floor(rand() * 7);
    for (let i = 0; i < n; i++) {
      const targets = [...new Set(Array.from({ length: 1 + Math.floor(rand() * 2) }, () => pick(rand, TARGETS)))];
      rules.push(rule(`${factor}/r${i}`, targets));
    }
  }
  const filesByKind: Record<string, number> = {};
  for (const k of KINDS) if (rand() < 0.5) filesByKind[k] = 1 + Math.floor(rand() * 4);
  if (Object.keys(filesByKind).length === 0) filesByKind.ts = 1;
  const findings: Finding[] = [];
  const size = Math.floor(rand() * 3) === 0 ? 0 : Math.floor(rand() * 25);
  for (let i = 0; i < size && rules.length > 0; i++) findings.push(randomFinding(rand, rules));
  return { rules, input: { findings, filesByKind, rulesRun: rules.map((r) => r.id) }, rand };
}

const CASES = Array.from({ length: 400 }, (_, i) => generate(1000 + i)).filter((c) => c.rules.length > 0);

function card(c: Case, input: Partial<ScorecardInput> = {}): Scorecard {
  return computeScorecard({ ...c.input, ...input }, c.rules);
}

function factorOf(s: Scorecard, id: Factor) {
  return s.factors.find((f) => f.id === id)!;
}

// ---------------------------------------------------------------------------------------------

describe('scoring properties over generated finding sets', () => {
  it('generates varied cases: empty, warning-only, failing and live-secret sets', () => {
    const cards = CASES.map((c) => card(c));
    expect(CASES.length).toBeGreaterThan(350);
    expect(cards.filter((s) => s.status === 'pass').length).toBeGreaterThan(20);
    expect(cards.filter((s) => s.factors.some((f) => f.status === 'warn')).length).toBeGreaterThan(50);
    expect(cards.filter((s) => s.status === 'fail').length).toBeGreaterThan(100);
    expect(cards.filter((s) => s.basis.liveSecrets > 0).length).toBeGreaterThan(20);
  });

  it('a factor with an error scores at most 5 and fails; warnings alone give 5–9 and warn; neither gives 10', () => {
    for (const c of CASES) {
      for (const f of card(c).factors) {
        if (f.status === 'not-applicable') {
          expect(f.score).toBeNull();
          continue;
        }
        if (f.findings.errors > 0) {
          expect(f.status).toBe('fail');
          expect(f.score!).toBeLessThanOrEqual(FAIL_MAX);
        } else if (f.findings.warnings > 0) {
          expect(f.status).toBe('warn');
          expect(f.score!).toBeGreaterThanOrEqual(WARN_MIN);
          expect(f.score!).toBeLessThanOrEqual(WARN_MAX);
        } else {
          expect([f.status, f.score]).toEqual(['pass', 10]);
        }
      }
    }
  });

  it('the overall score reflects the worst: at most 7 with a failing factor, at most 4 with a live secret, 10 only when every factor passes', () => {
    for (const c of CASES) {
      const s = card(c);
      if (s.score === null) continue;
      if (s.factors.some((f) => f.status === 'fail')) expect(s.score).toBeLessThanOrEqual(FAILING_FACTOR_MAX);
      if (c.input.findings.some(isLiveSecret)) expect(s.score).toBeLessThanOrEqual(LIVE_SECRET_MAX);
      const weakest = Math.min(...s.factors.filter((f) => f.score !== null).map((f) => f.score!));
      expect(s.score).toBeLessThanOrEqual(0.6 * weakest + 4 + 0.05);
      expect(s.score === 10).toBe(s.status === 'pass');
    }
  });

  it('is monotone: adding any finding never raises a factor score or the overall score', () => {
    let checked = 0;
    for (const c of CASES) {
      const before = card(c);
      for (let k = 0; k < 5; k++) {
        const extra = randomFinding(c.rand, c.rules);
        const after = card(c, { findings: [...c.input.findings, extra] });
        for (const f of after.factors) {
          const old = factorOf(before, f.id).score;
          if (old !== null) expect(f.score!, `${f.id} after adding ${extra.severity} ${extra.ruleId}`).toBeLessThanOrEqual(old);
        }
        if (before.score !== null) expect(after.score!).toBeLessThanOrEqual(before.score);
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(1500);
  });

  it('removing the only error of a factor raises that factor by at least 3', () => {
    let checked = 0;
    for (const c of CASES) {
      const before = card(c);
      for (const f of before.factors) {
        const errors = c.input.findings.filter((x) => x.factor === f.id && x.severity === 'error');
        if (errors.length !== 1) continue;
        const after = factorOf(card(c, { findings: c.input.findings.filter((x) => x !== errors[0]) }), f.id);
        // A factor that only the error made applicable has nothing left to score.
        if (after.score === null) continue;
        expect(after.score - f.score!).toBeGreaterThanOrEqual(ERROR_GAP - 1e-9);
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(100);
  });

  it('is not diluted by rule count: rules that found nothing leave a factor score where it was', () => {
    for (const c of CASES) {
      const before = card(c);
      // Ten more applicable rules (they read the repository) per factor, none with findings.
      const extra = FACTORS.flatMap((f) => Array.from({ length: 10 }, (_, i) => rule(`${f}/quiet-${i}`, ['repo'])));
      const after = computeScorecard({ ...c.input, rulesRun: [...c.input.rulesRun, ...extra.map((r) => r.id)] }, [...c.rules, ...extra]);
      for (const f of before.factors) if (f.score !== null) expect(factorOf(after, f.id).score).toBe(f.score);
    }
  });

  it('severity and risk decide: a live secret costs more than another error, an error more than warnings', () => {
    for (const c of CASES) {
      const config = c.rules.find((r) => r.factor === 'config');
      if (!config) continue;
      const base = c.input.findings.filter((f) => f.factor !== 'config');
      const plain = factorOf(card(c, { findings: [...base, finding(config.id, 'error')] }), 'config').score!;
      const live = factorOf(card(c, { findings: [...base, finding(config.id, 'error', 1, LIVE_KEY_MESSAGE)] }), 'config').score!;
      const warnings = (n: number) => factorOf(card(c, { findings: [...base, ...Array.from({ length: n }, (_, i) => finding(config.id, 'warning', i + 1))] }), 'config').score!;
      expect(live).toBeLessThan(plain);
      expect(plain).toBeLessThan(warnings(5));
      expect(plain).toBeLessThanOrEqual(warnings(300));
    }
  });

  it('baselined findings count as if they were listed; inline-suppressed ones count only without a reason', () => {
    for (const c of CASES) {
      const full = card(c);
      const hidden = c.input.findings.filter((_, i) => i % 2 === 0);
      const shown = c.input.findings.filter((_, i) => i % 2 === 1);
      const baselined = card(c, { findings: shown, baselined: hidden });
      expect(baselined.score).toBe(full.score);
      expect(baselined.factors.map((f) => [f.score, f.status, f.findings])).toEqual(full.factors.map((f) => [f.score, f.status, f.findings]));
      expect(baselined.basis.baselined.errors + baselined.basis.baselined.warnings + baselined.basis.baselined.infos).toBe(hidden.filter((f) => f.factor).length);

      const withReason: SuppressedFinding[] = hidden.map((finding) => ({ finding, reason: 'vendored code, reviewed' }));
      const accepted = card(c, { findings: shown, suppressed: withReason });
      expect(accepted.factors.map((f) => [f.score, f.status])).toEqual(card(c, { findings: shown }).factors.map((f) => [f.score, f.status]));
      expect(accepted.basis.suppressed.errors + accepted.basis.suppressed.warnings + accepted.basis.suppressed.infos).toBe(hidden.length);

      const unexplained = card(c, { findings: shown, suppressed: hidden.map((finding) => ({ finding, reason: ' ' })) });
      expect(unexplained.factors.map((f) => f.score)).toEqual(full.factors.map((f) => f.score));
    }
  });

  it('a partial run has no scores, and the same statuses as the findings it covered', () => {
    for (const c of CASES.slice(0, 100)) {
      const full = card(c);
      const partial = card(c, { partial: 'staged' });
      expect(partial.score).toBeNull();
      expect(partial.factors.every((f) => f.score === null && f.rules.every((r) => r.score === null))).toBe(true);
      expect(partial.factors.map((f) => f.status)).toEqual(full.factors.map((f) => f.status));
      expect(partial.status).toBe(full.status);
      expect(partial.basis.partial).toBe('staged');
    }
  });

  it('does not depend on the order of the findings', () => {
    for (const c of CASES.slice(0, 100)) {
      const reversed = card(c, { findings: [...c.input.findings].reverse() });
      expect(reversed).toEqual(card(c));
    }
  });
});

describe('severityScore', () => {
  it('gives 10, then 9, 7, 6, 5.5 … for warnings, halves with each error from at most 5, and 0 for a live secret', () => {
    const s = (errors: number, warnings: number, liveSecrets = 0) => severityScore({ errors, warnings, infos: 7, liveSecrets });
    expect([s(0, 0), s(0, 1), s(0, 2), s(0, 3), s(0, 4), s(0, 40)]).toEqual([10, 9, 7, 6, 5.5, 5]);
    expect([s(1, 0), s(2, 0), s(3, 0), s(4, 0)]).toEqual([5, 2.5, 1.3, 0.6]);
    // An error with warnings: 3 below what the warnings alone give.
    expect([s(1, 1), s(1, 2), s(1, 3), s(1, 40)]).toEqual([5, 4, 3, 2]);
    expect(s(1, 0, 1)).toBe(0);
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

describe('isLiveSecret', () => {
  it('is an error naming a live token format or a private key, not a test key or a named password', () => {
    expect(isLiveSecret(finding('config/hardcoded-secret', 'error', 1, LIVE_KEY_MESSAGE))).toBe(true);
    expect(isLiveSecret(finding('config/hardcoded-secret', 'error', 1, 'Hardcoded private key (----… (31 chars)).'))).toBe(true);
    expect(isLiveSecret(finding('config/hardcoded-secret', 'error', 1, 'Hardcoded GitHub token (ghp_… (40 chars)).'))).toBe(true);
    expect(isLiveSecret(finding('config/hardcoded-secret', 'error', 1, 'Hardcoded Stripe test key (sk_t… (32 chars)).'))).toBe(false);
    expect(isLiveSecret(finding('config/hardcoded-secret', 'error', 1, 'Hardcoded session secret assigned to s (q7Lm… (20 chars)).'))).toBe(false);
    expect(isLiveSecret(finding('config/hardcoded-secret', 'warning', 1, LIVE_KEY_MESSAGE))).toBe(false);
  });
});

const RULES = [
  rule('config/hardcoded-secret', ['ts', 'env']),
  rule('config/env-fallback', ['ts']),
  rule('disposability/probes', ['k8s']),
  rule('disposability/sigterm', ['ts']),
  rule('logs/file-logging', ['ts']),
  rule('codebase/no-release-tags', ['repo']),
];
const ALL_IDS = RULES.map((r) => r.id);

describe('computeScorecard examples', () => {
  it('says why a factor whose rules exist but did not run is not checked, apart from one with no rules', () => {
    const s = computeScorecard({ findings: [], filesByKind: { ts: 2 }, rulesRun: ALL_IDS.filter((id) => id !== 'logs/file-logging') }, RULES);
    const logs = factorOf(s, 'logs');
    expect([logs.score, logs.status]).toEqual([null, 'not-applicable']);
    expect(logs.summary).toBe('Not checked: its 1 rule is off in this run (`recommended` turns off the rules measured under the accuracy bar; `--preset strict` runs them).');
    // Near miss: port binding has no rule at all here.
    expect(factorOf(s, 'port-binding').summary).toBe('No checks yet for this factor.');
  });

  it('scores factors from their findings, with statuses and one-line summaries, and the overall from the worst and the breadth', () => {
    const s = computeScorecard(
      { findings: [finding('config/hardcoded-secret', 'error'), finding('config/hardcoded-secret', 'warning', 2), finding('logs/file-logging', 'info')], filesByKind: { ts: 2 }, rulesRun: ALL_IDS },
      RULES,
    );
    expect(s.factors.map((f) => f.id)).toEqual([...FACTORS]);
    expect(s.factors.map((f) => f.number)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
    const config = factorOf(s, 'config');
    // One error and one warning: min(5, 9 − 3) = 5, however many other config rules passed.
    expect([config.score, config.status]).toEqual([5, 'fail']);
    expect(config.findings).toEqual({ errors: 1, warnings: 1, infos: 0 });
    expect(config.rules.map((r) => [r.id, r.score])).toEqual([
      ['config/env-fallback', 10],
      ['config/hardcoded-secret', 5],
    ]);
    expect(config.summary).toBe('1 error, 1 warning from config/hardcoded-secret (2 of 2 checks applicable).');
    const logs = factorOf(s, 'logs');
    expect([logs.score, logs.status, logs.summary]).toEqual([10, 'pass', 'No problems found (1 of 1 check applicable; 1 note).']);
    const disposability = factorOf(s, 'disposability');
    expect([disposability.score, disposability.status]).toEqual([10, 'pass']);
    expect(disposability.rules.find((r) => r.id === 'disposability/probes')).toEqual({ id: 'disposability/probes', applicable: false, score: null, findings: { errors: 0, warnings: 0, infos: 0 } });
    const ports = factorOf(s, 'port-binding');
    expect([ports.score, ports.status, ports.summary]).toEqual([null, 'not-applicable', 'No checks yet for this factor.']);
    // Weakest 5; breadth 10 − 5/12 = 9.6; 0.6 × 5 + 0.4 × 9.6 = 6.84.
    expect(s.basis).toMatchObject({ weakest: 5, breadth: 9.6, factorsChecked: 4, liveSecrets: 0 });
    expect([s.score, s.status]).toEqual([6.8, 'fail']);
  });

  it('a live secret zeroes its factor, which keeps the overall score under 4', () => {
    const s = computeScorecard({ findings: [finding('config/hardcoded-secret', 'error', 1, LIVE_KEY_MESSAGE)], filesByKind: { ts: 1 }, rulesRun: ALL_IDS }, RULES);
    expect(factorOf(s, 'config').score).toBe(0);
    // 0.6 × 0 + 0.4 × (10 − 10/12 = 9.2)
    expect(s.basis).toMatchObject({ liveSecrets: 1, weakest: 0, breadth: 9.2 });
    expect(s.score).toBe(3.7);
  });

  it('fixing a missing SIGTERM handler moves the score visibly', () => {
    const input = { filesByKind: { ts: 3 }, rulesRun: ALL_IDS };
    const before = computeScorecard({ ...input, findings: [finding('disposability/sigterm', 'error')] }, RULES);
    const after = computeScorecard({ ...input, findings: [] }, RULES);
    expect([factorOf(before, 'disposability').score, before.score]).toEqual([5, 6.8]);
    expect([factorOf(after, 'disposability').score, after.score]).toEqual([10, 10]);
  });

  it('counts a rule that reported something as applicable, and ignores rules that did not run and diagnostics', () => {
    const s = computeScorecard({ findings: [finding('disposability/probes', 'error'), finding('parse-error', 'warning')], filesByKind: { ts: 1 }, rulesRun: ['disposability/probes'] }, RULES);
    expect([factorOf(s, 'disposability').score, factorOf(s, 'disposability').status]).toEqual([5, 'fail']);
    expect(factorOf(s, 'config').rules).toEqual([]);
    expect(s.basis.filesNotRead).toBe(1);
  });

  it('has no overall score when nothing could be checked or no file was read', () => {
    const none = computeScorecard({ findings: [], filesByKind: {}, rulesRun: ['logs/file-logging'] }, RULES);
    expect([none.score, none.status]).toEqual([null, 'not-applicable']);
    expect(none.factors.every((f) => f.status === 'not-applicable')).toBe(true);
    // Every file skipped: only the repository rules could run, and that is not a 10.
    const skipped = computeScorecard({ findings: [{ ...finding('file-skipped', 'warning'), file: 'big.ts' }], filesByKind: {}, rulesRun: ALL_IDS }, RULES);
    expect(skipped.score).toBeNull();
    expect(skipped.basis.filesNotRead).toBe(1);
  });

  it('says what the score covers next to it', () => {
    expect(scoreText({ score: 2.3, scoring: { partial: null, filesNotRead: 0 } })).toBe('2.3/10');
    expect(scoreText({ score: 7, scoring: { partial: null, filesNotRead: 2 } })).toBe('7.0/10 (2 files not read)');
    expect(scoreText({ score: null, scoring: { partial: 'staged', filesNotRead: 0 } })).toBe('n/a (partial run: staged)');
    expect(scoreText({ score: 9.5 })).toBe('9.5/10');
  });
});
