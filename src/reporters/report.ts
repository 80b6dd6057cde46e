// The report every output format is written from: built once per run, deterministic (no timestamps,
// findings in a fixed order, keys in a fixed order).

import { FACTORS, type Factor, type Finding, type RuleDefinition } from '../rule-api/types.js';
import type { AuditResult } from '../engine/audit.js';
import { computeScorecard, type FactorScore, type FactorStatus, type ScoreBasis, type SuppressedFinding } from '../scoring/scorecard.js';
import type { ReportTarget } from './target.js';
import { redactKnownTokens } from '../secrets/detect.js';
import { fingerprintOf } from '../engine/baseline.js';
import { ruleHelpUri } from './links.js';
import { groupRepeats, type HiddenFindings } from '../engine/pipeline.js';

/**
 * 2 added `fingerprint` and `docsUrl` to every finding and `summary.hidden`; no field changed
 * meaning, so a reader of version 1 reads version 2 (docs/reports.md).
 */
export const SCHEMA_VERSION = 2;

/** A finding as reports print it: redacted, with the fingerprint the baseline matches and its docs page. */
export interface ReportFinding extends Finding {
  /** The baseline's fingerprint (rule, printed file, line-number-free evidence or message); SARIF uses it too. */
  fingerprint: string;
  /** The rule's docs page at the version that ran. */
  docsUrl: string;
}

export type { HiddenFindings } from '../engine/pipeline.js';

export interface Report {
  schemaVersion: number;
  tool: { name: string; version: string };
  /** What was audited; see readTarget(). */
  target: ReportTarget;
  /** ISO 8601, only with --timestamp (reports are byte-for-byte reproducible otherwise). */
  generatedAt?: string;
  /** Overall 0–10 (one decimal), null when no factor could be checked. */
  score: number | null;
  status: FactorStatus;
  /** The scorecard: the twelve factors in order I–XII. */
  factors: FactorScore[];
  /** What the score covers and what decided it (docs/scoring.md). */
  scoring: ScoreBasis;
  findings: ReportFinding[];
  summary: {
    errors: number;
    warnings: number;
    infos: number;
    filesScanned: number;
    filesByKind: Record<string, number>;
    rulesRun: number;
    byFactor: Record<Factor, { errors: number; warnings: number; infos: number }>;
    /** How many findings the baseline and inline directives hid (they are not in `findings`). */
    hidden: { baseline: number; inline: number };
  };
}

export interface BuildReportOptions {
  /** Definitions of the rules that ran (their factor and targets decide applicability). */
  rules: RuleDefinition[];
  target?: ReportTarget;
  generatedAt?: string;
}

/** What a report is built from: an audit's result (hidden findings and scope as audit() returns them). */
export type ReportInput = Omit<AuditResult, 'hidden' | 'baselineMatched'> & Partial<Pick<AuditResult, 'hidden'>>;

export function buildReport(result: ReportInput, tool: { name: string; version: string }, options: BuildReportOptions): Report {
  const hidden: HiddenFindings = result.hidden ?? { baseline: [], inline: [] };
  const byFactor = Object.fromEntries(FACTORS.map((f) => [f, { errors: 0, warnings: 0, infos: 0 }])) as Report['summary']['byFactor'];
  let errors = 0;
  let warnings = 0;
  let infos = 0;
  // What the user reads is grouped (one cause, one finding); baselines and suppressions matched each
  // place before, so a new repeat of a baselined finding is still new.
  const shown = groupRepeats(result.findings, options.rules);
  const redact = rememberedRedaction();
  for (const f of shown) {
    const key = f.severity === 'error' ? 'errors' : f.severity === 'warning' ? 'warnings' : 'infos';
    if (key === 'errors') errors++;
    else if (key === 'warnings') warnings++;
    else infos++;
    if (f.factor) byFactor[f.factor][key]++;
  }
  // The score still counts what the baseline hid; inline suppressions count unless they give a reason.
  // It weighs the findings as listed (a cause repeated in one file counts once), so that each factor's
  // counts are the list's and the summary's.
  const suppressed: SuppressedFinding[] = hidden.inline.map((h) => ({ finding: h.finding, ...(h.reason !== undefined ? { reason: h.reason } : {}) }));
  const scorecard = computeScorecard(
    {
      findings: shown,
      filesByKind: result.filesByKind,
      rulesRun: result.rulesRun,
      filesScanned: result.filesScanned,
      baselined: hidden.baseline,
      suppressed,
      ...(result.partial !== undefined ? { partial: result.partial } : {}),
    },
    options.rules,
  );
  return {
    schemaVersion: SCHEMA_VERSION,
    tool,
    target: redactTarget(options.target ?? { name: result.root.split(/[\\/]/).filter(Boolean).pop() ?? 'root' }),
    ...(options.generatedAt !== undefined ? { generatedAt: options.generatedAt } : {}),
    score: scorecard.score,
    status: scorecard.status,
    factors: scorecard.factors,
    scoring: scorecard.basis,
    findings: shown.map((f) => toReportFinding(f, tool.version, redact)),
    summary: {
      errors,
      warnings,
      infos,
      filesScanned: result.filesScanned,
      filesByKind: result.filesByKind,
      rulesRun: result.rulesRun.length,
      byFactor,
      hidden: { baseline: hidden.baseline.length, inline: hidden.inline.length },
    },
  };
}

/**
 * Repository paths are printed as they are, and a file or folder may be named after a credential
 * (`keys/AKIA….env`). Every output is written from this report, so known token formats in paths,
 * messages, evidence and the target are redacted here, once (docs/security.md). The real path of a
 * redacted finding stays reachable for readSourceLines(), which must open the file.
 */
const realPaths = new WeakMap<Finding, string>();

/** The path on disk of a report finding whose printed path was redacted (else its path). */
export function realPathOf(f: Finding): string {
  return realPaths.get(f) ?? f.file;
}

/**
 * redactKnownTokens with its answers kept for one report: findings repeat their texts (on the
 * synthetic 200-service tree, 524 findings have 15 remediations, 226 files, 332 messages), and each
 * answer costs a scan of the text for every token format's keywords.
 */
function rememberedRedaction(): Redact {
  const known = new Map<string, string>();
  return (text) => {
    let out = known.get(text);
    if (out === undefined) {
      out = redactKnownTokens(text);
      known.set(text, out);
    }
    return out;
  };
}

type Redact = (text: string) => string;

function redactFinding(f: Finding, redact: Redact): Finding {
  const file = redact(f.file);
  const message = redact(f.message);
  const evidence = f.evidence === undefined ? undefined : redact(f.evidence);
  const remediation = redact(f.remediation);
  if (file === f.file && message === f.message && evidence === f.evidence && remediation === f.remediation) return f;
  return { ...f, file, message, remediation, ...(evidence !== undefined ? { evidence } : {}) };
}

function redactTarget(target: ReportTarget): ReportTarget {
  const git = target.git && {
    ...target.git,
    ...(target.git.branch !== undefined ? { branch: redactKnownTokens(target.git.branch) } : {}),
    path: redactKnownTokens(target.git.path),
  };
  return { ...target, name: redactKnownTokens(target.name), ...(git ? { git } : {}) };
}

/** Redacted, fingerprinted, in the one key order: also how SARIF prints hidden findings. */
export function toReportFinding(f: Finding, version: string, redact: Redact = redactKnownTokens): ReportFinding {
  return orderFinding(redactFinding(f, redact), f.file, fingerprintOf(f), ruleHelpUri(f.ruleId, version), redact);
}

/** Same key order for every finding, so that the JSON bytes never depend on how a rule built it. */
function orderFinding(f: Finding, real: string, fingerprint: string, docsUrl: string, redact: Redact): ReportFinding {
  const ordered: ReportFinding = {
    ruleId: f.ruleId,
    factor: f.factor,
    severity: f.severity,
    message: f.message,
    file: f.file,
    line: f.line,
    column: f.column,
    endLine: f.endLine ?? f.line,
    endColumn: f.endColumn ?? f.column,
    ...(f.evidence !== undefined ? { evidence: f.evidence } : {}),
    remediation: f.remediation,
    fingerprint,
    docsUrl,
    ...(f.related && f.related.length > 0 ? { related: f.related.map((r) => ({ file: redact(r.file), line: r.line, column: r.column, ...(r.message !== undefined ? { message: redact(r.message) } : {}) })) } : {}),
  };
  if (real !== f.file) realPaths.set(ordered, real);
  return ordered;
}
