// What every writer gets: the report, the definitions of the rules that ran (titles, docs) and,
// when the CLI could read them, redacted source lines around the findings.

import type { RuleDefinition } from '../rule-api/types.js';
import type { Report } from './report.js';
import type { SourceLines } from './sources.js';

export interface WriterInput {
  report: Report;
  rules: RuleDefinition[];
  sources?: SourceLines;
}

export const DIAGNOSTIC_DOCS: Record<string, { description: string; remediation: string }> = {
  'parse-error': { description: 'A file could not be parsed; the rules that read it checked nothing in it.', remediation: 'Fix the syntax, or exclude the file with an ignore glob if it is not meant to be parsed.' },
  'file-skipped': { description: 'A file was not read (too large, binary or unreadable).', remediation: 'Exclude the file with an ignore glob, or raise the limit if it should be audited.' },
  'rule-error': { description: 'A rule failed on a file; its findings there are missing.', remediation: 'This is a bug in twelve-factor-audit: please report it with the file that triggers it.' },
};

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
  return DIAGNOSTIC_DOCS[id] ?? { description: id, remediation: '' };
}
