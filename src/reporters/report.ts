// The report every output format is written from: built once per run, deterministic (no timestamps,
// findings in a fixed order, keys in a fixed order).

import { FACTORS, type Factor, type Finding } from '../rule-api/types.js';
import type { AuditResult } from '../engine/audit.js';

export const SCHEMA_VERSION = 1;

export interface Report {
  schemaVersion: number;
  tool: { name: string; version: string };
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

export function buildReport(result: AuditResult, tool: { name: string; version: string }): Report {
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
  return {
    schemaVersion: SCHEMA_VERSION,
    tool,
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
