import type { ActiveRule } from './rule-set.js';
import { reportMessage, type AnyReportDescriptor, type DiagnosticId, type Finding, type Severity } from '../rule-api/types.js';

const DIAGNOSTIC_SEVERITY: Record<DiagnosticId, Severity> = {
  'parse-error': 'warning',
  // A file the tool chose not to read (size, time budget) says nothing about the code: info, counted next to the score.
  'file-skipped': 'info',
  'rule-error': 'error',
  'template-not-rendered': 'info',
};

const DIAGNOSTIC_REMEDIATION: Record<DiagnosticId, string> = {
  'parse-error': 'Fix the syntax, or exclude the file with an ignore glob if it is not meant to be parsed.',
  'file-skipped': 'Exclude the file with an ignore glob, or raise the limit if it should be audited.',
  'rule-error': 'This is a bug in twelve-factor-audit: please report it with the file that triggers it.',
  'template-not-rendered': 'Render the chart (`helm template <chart> -f values-prod.yaml > rendered.yaml`) and audit the rendered manifests to check what the templates produce.',
};

export function diagnostic(id: DiagnosticId, file: string, message: string, line: number, column: number): Finding {
  return { ruleId: id, factor: null, severity: DIAGNOSTIC_SEVERITY[id], message, file, line, column, remediation: DIAGNOSTIC_REMEDIATION[id] };
}

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
  const message = err instanceof Error ? err.message : String(err);
  return diagnostic('rule-error', path, `rule ${active.rule.id} failed on this file: ${message}`, 1, 1);
}
