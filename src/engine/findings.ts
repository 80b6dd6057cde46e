import type { ActiveRule } from './rule-set.js';
import { reportMessage, type AnyReportDescriptor, type Finding } from '../rule-api/types.js';
import { diagnostics } from './diagnostics.js';

export function findingFromDescriptor(active: ActiveRule, file: string, d: AnyReportDescriptor & { loc?: { line: number; column: number; endLine?: number; endColumn?: number; file?: string } }, pos?: { line: number; column: number; endLine?: number; endColumn?: number }): Finding {
  const at = pos ?? d.loc ?? { line: 1, column: 1 };
  const finding: Finding = {
    ruleId: active.rule.id,
    factor: active.rule.factor,
    severity: d.severity && active.severity === active.rule.severity ? d.severity : active.severity,
    message: reportMessage(active.rule, d),
    file: d.loc?.file ?? file,
    line: at.line,
    column: at.column,
    remediation: d.remediation ?? active.rule.docs.remediation,
  };
  if (at.endLine !== undefined) finding.endLine = at.endLine;
  if (at.endColumn !== undefined) finding.endColumn = at.endColumn;
  if (d.evidence !== undefined) finding.evidence = d.evidence;
  if (d.related && d.related.length > 0) finding.related = d.related;
  if (d.mattersOutsideRuntime) finding.mattersOutsideRuntime = d.mattersOutsideRuntime;
  return finding;
}

/** Report order: file, line, column, rule id (then message, so that equal places stay stable). */
export function compareFindings(a: Finding, b: Finding): number {
  return (
    (a.file < b.file ? -1 : a.file > b.file ? 1 : 0) ||
    a.line - b.line ||
    a.column - b.column ||
    (a.ruleId < b.ruleId ? -1 : a.ruleId > b.ruleId ? 1 : 0) ||
    (a.message < b.message ? -1 : a.message > b.message ? 1 : 0)
  );
}

/** A rule that threw: reported as a `rule-error` finding on the file, and the run goes on. */
export function ruleCrash(active: ActiveRule, path: string, err: unknown): Finding {
  return diagnostics.ruleFailedOnFile(active.rule.id, path, err instanceof Error ? err.message : String(err));
}
