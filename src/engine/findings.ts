import type { ActiveRule } from './rule-set.js';
import { reportMessage, SEVERITY_RANK, type AnyReportDescriptor, type Finding } from '../rule-api/types.js';
import { diagnostics } from './diagnostics.js';

export function findingFromDescriptor(active: ActiveRule, file: string, d: AnyReportDescriptor & { loc?: { line: number; column: number; endLine?: number; endColumn?: number; file?: string } }, pos?: { line: number; column: number; endLine?: number; endColumn?: number }): Finding {
  const at = pos ?? d.loc ?? { line: 1, column: 1 };
  const finding: Finding = {
    ruleId: active.rule.id,
    factor: active.rule.factor,
    severity: findingSeverity(active, d.severity),
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

/**
 * A finding's severity. At the rule's own severity, a severity the report gives (a live token at
 * error, an unsure import at info) stands. A rule turned down (a preset, the config) never raises a
 * finding: one the rule reports below the configured severity keeps its own. A rule turned up
 * reports every finding at the configured severity.
 */
function findingSeverity(active: ActiveRule, own: Finding['severity'] | undefined): Finding['severity'] {
  if (!own) return active.severity;
  if (active.severity === active.rule.severity) return own;
  if (SEVERITY_RANK[active.severity] < SEVERITY_RANK[active.rule.severity]) return SEVERITY_RANK[own] < SEVERITY_RANK[active.severity] ? own : active.severity;
  return active.severity;
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
