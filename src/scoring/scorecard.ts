// The twelve-factor scorecard: a 0–10 score and a status per factor, and an overall score, computed
// from the findings of one run and from which rules could check anything at all. The formula is
// deliberately simple so that a reader can redo it by hand; docs/scoring.md explains it.

import { FACTORS, FACTOR_TITLES, type Factor, type Finding, type RuleDefinition, type Target } from '../rule-api/types.js';

export type FactorStatus = 'pass' | 'warn' | 'fail' | 'not-applicable';

export interface Counts {
  errors: number;
  warnings: number;
  infos: number;
}

export interface RuleScore {
  id: string;
  /** False when none of the file kinds the rule reads was found: it checked nothing. */
  applicable: boolean;
  /** null when not applicable. */
  score: number | null;
  findings: Counts;
}

export interface FactorScore {
  /** 1–12, the factor's number in the methodology. */
  number: number;
  id: Factor;
  title: string;
  /** 0–10 with one decimal; null when not applicable. */
  score: number | null;
  status: FactorStatus;
  summary: string;
  rules: RuleScore[];
  findings: Counts;
}

export interface Scorecard {
  /** Mean of the applicable factors' scores, one decimal; null when no factor was applicable. */
  score: number | null;
  status: FactorStatus;
  factors: FactorScore[];
}

/** Points a single finding takes off its rule's 10. Infos are advice and cost nothing. */
export const PENALTY = { error: 4, warning: 2, info: 0 } as const;
/**
 * Warnings together take at most this much: a warning is something to look at, an error a
 * violation, so a rule with warnings only never scores below 5 (and `warn` never shows a 0).
 */
export const MAX_WARNING_PENALTY = 5;

/** The file kinds (AuditResult.filesByKind keys) a rule target reads. */
const TARGET_KINDS: Record<Target, readonly string[]> = {
  ts: ['ts'],
  dockerfile: ['dockerfile'],
  compose: ['compose'],
  k8s: ['k8s', 'helm-template'],
  'package-json': ['package-json'],
  env: ['env'],
  procfile: ['procfile'],
  'json-yaml': ['structured', 'tsconfig'],
  prisma: ['prisma'],
  // The repository itself (.git) is always there to be checked, even when it is missing.
  repo: [],
  xf: [],
};

export interface ScorecardInput {
  findings: Finding[];
  filesByKind: Record<string, number>;
  /** Ids of the rules that ran. */
  rulesRun: string[];
}

/** True when at least one file of a kind the rule reads was scanned. */
export function isRuleApplicable(rule: Pick<RuleDefinition, 'targets'>, filesByKind: Record<string, number>): boolean {
  const present = (kind: string) => (filesByKind[kind] ?? 0) > 0;
  if (rule.targets.includes('repo')) return true;
  const reads = rule.targets.filter((t) => t !== 'xf');
  // A rule that only declares `xf` reads whatever the model holds.
  if (reads.length === 0) return Object.values(filesByKind).some((n) => n > 0);
  // Targets added after this table was written count by their own name.
  return reads.some((t) => (TARGET_KINDS[t] ?? [t]).some(present));
}

export function ruleScore(counts: Counts): number {
  return Math.max(0, 10 - PENALTY.error * counts.errors - Math.min(MAX_WARNING_PENALTY, PENALTY.warning * counts.warnings) - PENALTY.info * counts.infos);
}

export function computeScorecard(input: ScorecardInput, rules: RuleDefinition[]): Scorecard {
  const ran = new Set(input.rulesRun);
  const countsByRule = new Map<string, Counts>();
  for (const f of input.findings) {
    if (!f.factor) continue;
    const c = countsByRule.get(f.ruleId) ?? { errors: 0, warnings: 0, infos: 0 };
    bump(c, f);
    countsByRule.set(f.ruleId, c);
  }
  const factors = FACTORS.map((factor, index): FactorScore => {
    const factorRules = rules.filter((r) => r.factor === factor && ran.has(r.id)).sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    const ruleScores = factorRules.map((r): RuleScore => {
      const findings = countsByRule.get(r.id) ?? { errors: 0, warnings: 0, infos: 0 };
      // A rule that reported something was applicable whatever its declared targets say.
      const applicable = isRuleApplicable(r, input.filesByKind) || findings.errors + findings.warnings + findings.infos > 0;
      return { id: r.id, applicable, score: applicable ? ruleScore(findings) : null, findings };
    });
    const findings: Counts = { errors: 0, warnings: 0, infos: 0 };
    for (const r of ruleScores) add(findings, r.findings);
    const applicable = ruleScores.filter((r) => r.applicable);
    const score = applicable.length === 0 ? null : round1(applicable.reduce((s, r) => s + (r.score ?? 0), 0) / applicable.length);
    const status: FactorStatus = applicable.length === 0 ? 'not-applicable' : findings.errors > 0 ? 'fail' : findings.warnings > 0 ? 'warn' : 'pass';
    return {
      number: index + 1,
      id: factor,
      title: FACTOR_TITLES[factor],
      score,
      status,
      summary: summarize(ruleScores, factorRules, findings, status),
      rules: ruleScores,
      findings,
    };
  });
  const scored = factors.filter((f) => f.score !== null);
  const score = scored.length === 0 ? null : round1(scored.reduce((s, f) => s + (f.score ?? 0), 0) / scored.length);
  const status: FactorStatus = scored.length === 0 ? 'not-applicable' : factors.some((f) => f.status === 'fail') ? 'fail' : factors.some((f) => f.status === 'warn') ? 'warn' : 'pass';
  return { score, status, factors };
}

const TARGET_LABELS: Record<string, string> = {
  ts: 'TS/JS source',
  dockerfile: 'Dockerfile',
  compose: 'compose file',
  k8s: 'Kubernetes manifest',
  'package-json': 'package.json',
  env: '.env file',
  procfile: 'Procfile',
  'json-yaml': 'JSON/YAML file',
};

function summarize(rules: RuleScore[], definitions: RuleDefinition[], findings: Counts, status: FactorStatus): string {
  if (rules.length === 0) return 'No checks yet for this factor.';
  const applicable = rules.filter((r) => r.applicable);
  if (applicable.length === 0) {
    const kinds = [...new Set(definitions.flatMap((d) => d.targets).filter((t) => t !== 'xf' && t !== 'repo'))].map((t) => TARGET_LABELS[t] ?? t);
    return `Not applicable: no ${kinds.join(', ') || 'file its checks read'} found.`;
  }
  const checks = `${applicable.length} of ${rules.length} ${rules.length === 1 ? 'check' : 'checks'} applicable`;
  if (status === 'pass') {
    const infos = findings.infos > 0 ? `; ${plural(findings.infos, 'note')}` : '';
    return `No problems found (${checks}${infos}).`;
  }
  const parts = [
    findings.errors > 0 ? plural(findings.errors, 'error') : '',
    findings.warnings > 0 ? plural(findings.warnings, 'warning') : '',
    findings.infos > 0 ? plural(findings.infos, 'note') : '',
  ].filter(Boolean);
  const worst = applicable
    .filter((r) => r.findings.errors + r.findings.warnings > 0)
    .map((r) => r.id)
    .join(', ');
  return `${parts.join(', ')} from ${worst} (${checks}).`;
}

function plural(n: number, word: string, pluralWord = `${word}s`): string {
  return `${n} ${n === 1 ? word : pluralWord}`;
}

function bump(c: Counts, f: Finding): void {
  if (f.severity === 'error') c.errors++;
  else if (f.severity === 'warning') c.warnings++;
  else c.infos++;
}

function add(into: Counts, c: Counts): void {
  into.errors += c.errors;
  into.warnings += c.warnings;
  into.infos += c.infos;
}

function round1(n: number): number {
  return Math.round(n * 10) / 10;
}
