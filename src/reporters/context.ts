// What every writer gets: the report, the definitions of the rules that ran (titles, docs) and,
// when the CLI could read them, redacted source lines around the findings.

import type { RuleDefinition } from '../rule-api/types.js';
import type { HiddenFindings, Report } from './report.js';
import type { SourceLines } from './sources.js';
import { DIAGNOSTICS, isDiagnosticId } from '../engine/diagnostics.js';

export interface WriterInput {
  report: Report;
  rules: RuleDefinition[];
  sources?: SourceLines;
  /** What the baseline and inline directives hid: SARIF emits it as suppressed results. */
  hidden?: HiddenFindings;
  /** A real file to show findings about the whole repository (file ".") on, for viewers that need one. */
  repositoryAnchor?: string;
}

/** Rule ids in report order: every rule that ran, then the diagnostics that occurred. */
export function ruleIdsOf(input: WriterInput): string[] {
  const ids = input.report.factors.flatMap((f) => f.rules.map((r) => r.id));
  const seen = new Set(ids);
  for (const f of input.report.findings) {
    if (!seen.has(f.ruleId)) {
      seen.add(f.ruleId);
      ids.push(f.ruleId);
    }
  }
  return ids;
}

export function ruleDocs(input: WriterInput, id: string): { description: string; remediation: string } {
  const def = input.rules.find((r) => r.id === id);
  if (def) return def.docs;
  return isDiagnosticId(id) ? DIAGNOSTICS[id] : { description: id, remediation: '' };
}

/** The path a CI system resolves from the repository root (report paths are relative to the audited folder). */
export function repoPathOf(input: WriterInput, file: string): string {
  const prefix = input.report.target.git?.path ? `${input.report.target.git.path}/` : '';
  return `${prefix}${file === '.' ? (input.repositoryAnchor ?? '.') : file}`;
}
