// The twelve-factor scorecard: a 0–10 score and a status per factor, and an overall score, computed
// from the findings of one run and from which rules could check anything at all. docs/scoring.md
// explains the model and why; scorecard.test.ts checks each of its properties over generated finding
// sets. In short: a factor's score follows the severity of its findings (never how many rules it
// has), and the overall score follows the worst factor as much as the average one.

import { FACTORS, FACTOR_TITLES, type Factor, type Finding, type RuleDefinition } from '../rule-api/types.js';
import { KNOWN_FORMATS } from '../secrets/detect.js';
import { kindsOfTarget, ruleTargets, targetLabel } from '../discovery/file-kinds.js';
import { isUnreadFile } from '../engine/diagnostics.js';

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
  /** What this rule's findings alone would make of its factor; null when not applicable or the run was partial. */
  score: number | null;
  /** The findings that count (baselined ones included, inline-suppressed ones with a reason not). */
  findings: Counts;
}

export interface FactorScore {
  /** 1–12, the factor's number in the methodology. */
  number: number;
  id: Factor;
  title: string;
  /** 0–10 with one decimal; null when not applicable or when the run was partial. */
  score: number | null;
  status: FactorStatus;
  summary: string;
  rules: RuleScore[];
  findings: Counts;
}

/** Why the overall score is what it is, and what it does not cover. */
export interface ScoreBasis {
  /**
   * Set when the run reported on part of the repository only (`--staged`, `--changed-since`, file
   * arguments): what it covered. Such a run has no scores, only statuses.
   */
  partial: string | null;
  /** Files found and not read (too large, binary, over the time budget) or not parsed: the score does not cover them. */
  filesNotRead: number;
  /** Factors that could be checked (applicable), of twelve. */
  factorsChecked: number;
  /** Findings the baseline hides from the list: they still count (they are debt). */
  baselined: Counts;
  /** Findings suppressed inline with a reason: accepted exceptions, not counted. */
  suppressed: Counts;
  /** Errors that are a committed live credential (a known token format or a private key). */
  liveSecrets: number;
  /** The lowest factor score; null when nothing was scored. */
  weakest: number | null;
  /** 10 minus the mean shortfall of the twelve factors (an unchecked factor has none), one decimal; null when nothing was scored. */
  breadth: number | null;
}

export interface Scorecard {
  /** 0–10 with one decimal; null when nothing could be checked or the run was partial. */
  score: number | null;
  status: FactorStatus;
  factors: FactorScore[];
  basis: ScoreBasis;
}

/** A factor with an error never scores above this (and is `fail`). */
export const FAIL_MAX = 5;
/** Warnings alone take a factor to between WARN_MIN and WARN_MAX. */
export const WARN_MAX = 9;
export const WARN_MIN = 5;
/** How much removing the only error of a factor gains it at least. */
export const ERROR_GAP = 3;
/** The overall score: WEAKEST_WEIGHT × the weakest factor + (1 − WEAKEST_WEIGHT) × breadth. */
export const WEAKEST_WEIGHT = 0.6;
/**
 * What the model guarantees (scorecard.test.ts checks it): with any failing factor the overall score
 * is at most 0.6 × 5 + 0.4 × (10 − 5/12) ≈ 6.8; with a committed live credential, whose factor
 * scores 0, at most 0.4 × (10 − 10/12) ≈ 3.7.
 */
export const FAILING_FACTOR_MAX = 7;
export const LIVE_SECRET_MAX = 4;

export interface SuppressedFinding {
  finding: Finding;
  /** The directive's `-- reason`; without one the finding still counts. */
  reason?: string;
}

export interface ScorecardInput {
  /** The findings the report lists. */
  findings: Finding[];
  filesByKind: Record<string, number>;
  /** Ids of the rules that ran. */
  rulesRun: string[];
  /** Files read and parsed; a run that read none has no overall score. Default: the sum of filesByKind. */
  filesScanned?: number;
  /** Findings hidden from the list by a baseline: they count. */
  baselined?: Finding[];
  /** Findings suppressed by an inline directive: those with a reason do not count, the others do. */
  suppressed?: SuppressedFinding[];
  /** What a partial run covered (`staged`, `changed since main`, `2 path(s) given`); absent for a whole-repository run. */
  partial?: string;
}

/** True when at least one file of a kind the rule reads (its targets, file-kinds.ts) was scanned. */
export function isRuleApplicable(rule: Pick<RuleDefinition, 'targets' | 'create' | 'checkProject' | 'defaultOptions'>, filesByKind: Record<string, number>): boolean {
  const present = (kind: string) => (filesByKind[kind] ?? 0) > 0;
  const targets = ruleTargets(rule);
  // The repository itself (.git) is always there to be checked, even when it is missing.
  if (targets.includes('repo')) return true;
  const reads = targets.filter((t) => t !== 'xf');
  // A rule that only reads the model (`xf`) reads whatever the model holds.
  if (reads.length === 0) return Object.values(filesByKind).some((n) => n > 0);
  return reads.some((t) => kindsOfTarget(t).some(present));
}

/** Labels (in `Hardcoded <label>` messages) of the formats that are a credential wherever they are committed. */
const LIVE_SECRET_LABELS = [...new Set(KNOWN_FORMATS.filter((f) => f.live || f.id === 'private-key').map((f) => f.label))];

/**
 * A committed live credential: an error naming a known live token format or a private key. Anyone
 * who can read the repository can use it now: its factor scores 0.
 */
export function isLiveSecret(f: Pick<Finding, 'factor' | 'severity' | 'message'>): boolean {
  return f.factor === 'config' && f.severity === 'error' && LIVE_SECRET_LABELS.some((label) => f.message.startsWith(`Hardcoded ${label}`));
}

/** Severity counts of a finding set, plus its live secrets (which also count as errors). */
export interface Weighed extends Counts {
  liveSecrets: number;
}

/**
 * The score of a factor (or of one rule alone) from the severity of its findings:
 * - nothing but infos: 10;
 * - w warnings, no error: 5 + 4 × 0.5^(w−1), so 9, 7, 6, 5.5 … towards 5;
 * - e errors: min(5, warnings-only score − 3) × 0.5^(e−1), so 5, 2.5, 1.3 … without warnings;
 * - a committed live credential among them: 0.
 * One decimal. Infos are advice and cost nothing.
 */
export function severityScore(c: Weighed): number {
  if (c.liveSecrets > 0) return 0;
  const warned = c.warnings === 0 ? 10 : WARN_MIN + (WARN_MAX - WARN_MIN) * 0.5 ** (c.warnings - 1);
  if (c.errors === 0) return round1(warned);
  return round1(Math.min(FAIL_MAX, warned - ERROR_GAP) * 0.5 ** (c.errors - 1));
}

export function computeScorecard(input: ScorecardInput, rules: RuleDefinition[]): Scorecard {
  const ran = new Set(input.rulesRun);
  const byRule = new Map<string, Weighed>();
  const baselined = zero();
  const suppressed = zero();
  const count = (f: Finding) => {
    if (!f.factor) return;
    const c = byRule.get(f.ruleId) ?? { ...zero(), liveSecrets: 0 };
    bump(c, f);
    if (isLiveSecret(f)) c.liveSecrets++;
    byRule.set(f.ruleId, c);
  };
  for (const f of input.findings) count(f);
  for (const f of input.baselined ?? []) {
    count(f);
    if (f.factor) bump(baselined, f);
  }
  for (const s of input.suppressed ?? []) {
    if (s.reason && s.reason.trim() !== '') {
      if (s.finding.factor) bump(suppressed, s.finding);
    } else count(s.finding);
  }
  const partial = input.partial ?? null;

  const factors = FACTORS.map((factor, index): FactorScore => {
    const factorRules = rules.filter((r) => r.factor === factor && ran.has(r.id)).sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    const total: Weighed = { ...zero(), liveSecrets: 0 };
    const ruleScores = factorRules.map((r): RuleScore => {
      const w = byRule.get(r.id) ?? { ...zero(), liveSecrets: 0 };
      add(total, w);
      total.liveSecrets += w.liveSecrets;
      // A rule that reported something was applicable whatever its declared targets say.
      const applicable = isRuleApplicable(r, input.filesByKind) || w.errors + w.warnings + w.infos > 0;
      return { id: r.id, applicable, score: applicable && partial === null ? severityScore(w) : null, findings: countsOf(w) };
    });
    const applicable = ruleScores.some((r) => r.applicable);
    const status: FactorStatus = !applicable ? 'not-applicable' : total.errors > 0 ? 'fail' : total.warnings > 0 ? 'warn' : 'pass';
    const findings = countsOf(total);
    return {
      number: index + 1,
      id: factor,
      title: FACTOR_TITLES[factor],
      score: applicable && partial === null ? severityScore(total) : null,
      status,
      summary: summarize(ruleScores, factorRules, findings, status, partial, rules.filter((r) => r.factor === factor && !ran.has(r.id)).length),
      rules: ruleScores,
      findings,
    };
  });

  const checked = factors.filter((f) => f.status !== 'not-applicable');
  const status: FactorStatus = checked.length === 0 ? 'not-applicable' : checked.some((f) => f.status === 'fail') ? 'fail' : checked.some((f) => f.status === 'warn') ? 'warn' : 'pass';
  const liveSecrets = [...byRule.values()].reduce((n, c) => n + c.liveSecrets, 0);
  const scored = factors.filter((f) => f.score !== null).map((f) => f.score!);
  const filesScanned = input.filesScanned ?? Object.values(input.filesByKind).reduce((n, k) => n + k, 0);
  // A run that read no file has checked only the repository itself: no score rather than a 10.
  const scoring = scored.length > 0 && filesScanned > 0;
  const weakest = scoring ? Math.min(...scored) : null;
  // Every factor's shortfall over twelve, not over the checked ones: finding a problem in a factor
  // that had nothing to check can then only lower the score, never raise it.
  const breadth = scoring ? round1(10 - scored.reduce((s, x) => s + (10 - x), 0) / FACTORS.length) : null;
  // The weakest factor weighs more than the rest together: a service is as deployable as its worst
  // gap, and an average alone let one failing factor hide among eleven passing ones.
  const score = weakest !== null && breadth !== null ? round1(WEAKEST_WEIGHT * weakest + (1 - WEAKEST_WEIGHT) * breadth) : null;
  return {
    score,
    status,
    factors,
    basis: {
      partial,
      filesNotRead: filesNotRead(input.findings),
      factorsChecked: checked.length,
      baselined,
      suppressed,
      liveSecrets,
      weakest,
      breadth,
    },
  };
}

/** Distinct files the engine could not read or parse (`file-skipped`, `parse-error` diagnostics). */
export function filesNotRead(findings: readonly Finding[]): number {
  return new Set(findings.filter(isUnreadFile).map((f) => f.file)).size;
}

/**
 * The overall score as people read it next to a report's name: `2.3/10`, `n/a (partial run: staged)`,
 * `7.0/10 (2 files not read)`. Every writer that prints the score prints this.
 */
export function scoreText(report: { score: number | null; scoring?: Pick<ScoreBasis, 'partial' | 'filesNotRead'> }): string {
  const basis = report.scoring;
  if (basis?.partial) return `n/a (partial run: ${basis.partial})`;
  const value = report.score === null ? 'n/a' : `${report.score.toFixed(1)}/10`;
  const notRead = basis && basis.filesNotRead > 0 ? ` (${plural(basis.filesNotRead, 'file')} not read)` : '';
  return `${value}${notRead}`;
}

function summarize(rules: RuleScore[], definitions: RuleDefinition[], findings: Counts, status: FactorStatus, partial: string | null, off: number): string {
  // A factor whose rules all exist but did not run is not a factor without checks: say why, and how
  // to run them (the recommended preset turns off the rules measured under the accuracy bar).
  if (rules.length === 0 && off > 0) return `Not checked: its ${plural(off, 'rule')} ${off === 1 ? 'is' : 'are'} off in this run (\`recommended\` turns off the rules measured under the accuracy bar; \`--preset strict\` runs them).`;
  if (rules.length === 0) return 'No checks yet for this factor.';
  const applicable = rules.filter((r) => r.applicable);
  if (applicable.length === 0) {
    const kinds = [...new Set(definitions.flatMap((d) => ruleTargets(d)).filter((t) => t !== 'xf' && t !== 'repo'))].map(targetLabel);
    return `Not applicable: no ${kinds.join(', ') || 'file its checks read'} found.`;
  }
  const checks = `${applicable.length} of ${rules.length} ${rules.length === 1 ? 'check' : 'checks'} applicable`;
  const where = partial ? ` in the files of this partial run (${partial})` : '';
  if (status === 'pass') {
    const infos = findings.infos > 0 ? `; ${plural(findings.infos, 'note')}` : '';
    return `No problems found${where} (${checks}${infos}).`;
  }
  const parts = [findings.errors > 0 ? plural(findings.errors, 'error') : '', findings.warnings > 0 ? plural(findings.warnings, 'warning') : ''].filter(Boolean);
  const worst = applicable
    .filter((r) => r.findings.errors + r.findings.warnings > 0)
    .map((r) => r.id)
    .join(', ');
  // Notes may come from other rules than the ones named: counted apart, as a passing factor's are.
  const infos = findings.infos > 0 ? `; ${plural(findings.infos, 'note')}` : '';
  return `${parts.join(', ')} from ${worst}${where} (${checks}${infos}).`;
}

function plural(n: number, word: string, pluralWord = `${word}s`): string {
  return `${n} ${n === 1 ? word : pluralWord}`;
}

function zero(): Counts {
  return { errors: 0, warnings: 0, infos: 0 };
}

function countsOf(c: Counts): Counts {
  return { errors: c.errors, warnings: c.warnings, infos: c.infos };
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
