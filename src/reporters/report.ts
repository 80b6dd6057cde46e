// The report every output format is written from: built once per run, deterministic (no timestamps,
// findings in a fixed order, keys in a fixed order).

import { FACTORS, type Factor, type Finding, type RuleDefinition } from '../rule-api/types.js';
import type { AuditResult } from '../engine/audit.js';
import { computeScorecard, type FactorScore, type FactorStatus } from '../scoring/scorecard.js';
import type { ReportTarget } from './target.js';
import { rules as builtinRules } from '../../rules/index.js';

/** Additions (target, generatedAt, score, status, factors) did not change any field's meaning. */
export const SCHEMA_VERSION = 1;

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
  findings: Finding[];
  summary: {
    errors: number;
    warnings: number;
    infos: number;
    filesScanned: number;
    filesByKind: Record<string, number>;
    rulesRun: number;
    byFactor: Record<Factor, { errors: number; warnings: number; infos: number }>;
  };
}

export interface BuildReportOptions {
  /** Definitions of the rules that ran (their factor and targets decide applicability); default: the built-in rules. */
  rules?: RuleDefinition[];
  target?: ReportTarget;
  generatedAt?: string;
}

export function buildReport(result: AuditResult, tool: { name: string; version: string }, options: BuildReportOptions = {}): Report {
  const byFactor = Object.fromEntries(FACTORS.map((f) => [f, { errors: 0, warnings: 0, infos: 0 }])) as Report['summary']['byFactor'];
  let errors = 0;
  let warnings = 0;
  let infos = 0;
  for (const f of result.findings) {
    const key = f.severity === 'error' ? 'errors' : f.severity === 'warning' ? 'warnings' : 'infos';
    if (key === 'errors') errors++;
    else if (key === 'warnings') warnings++;
    else infos++;
    if (f.factor) byFactor[f.factor][key]++;
  }
  const scorecard = computeScorecard(result, options.rules ?? builtinRules);
  return {
    schemaVersion: SCHEMA_VERSION,
    tool,
    target: options.target ?? { name: result.root.split(/[\\/]/).filter(Boolean).pop() ?? 'root' },
    ...(options.generatedAt !== undefined ? { generatedAt: options.generatedAt } : {}),
    score: scorecard.score,
    status: scorecard.status,
    factors: scorecard.factors,
    findings: result.findings.map(orderFinding),
    summary: { errors, warnings, infos, filesScanned: result.filesScanned, filesByKind: result.filesByKind, rulesRun: result.rulesRun.length, byFactor },
  };
}

/** Same key order for every finding, so that the JSON bytes never depend on how a rule built it. */
function orderFinding(f: Finding): Finding {
  return {
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
  };
}
