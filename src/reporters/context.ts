// What every writer gets: the report, the definitions of the rules that ran (titles, docs) and,
// when the CLI could read them, redacted source lines around the findings.

import type { RuleDefinition } from '../rule-api/types.js';
import type { HiddenFindings, Report } from './report.js';
import type { SourceLines } from './sources.js';

export interface WriterInput {
  report: Report;
  rules: RuleDefinition[];
  sources?: SourceLines;
  /** What the baseline and inline directives hid: SARIF emits it as suppressed results. */
  hidden?: HiddenFindings;
  /** A real file to show findings about the whole repository (file ".") on, for viewers that need one. */
  repositoryAnchor?: string;
}

export const DIAGNOSTIC_DOCS: Record<string, { description: string; remediation: string }> = {
  'parse-error': { description: 'A file could not be parsed; the rules that read it checked nothing in it.', remediation: 'Fix the syntax, or exclude the file with an ignore glob if it is not meant to be parsed.' },
  'file-skipped': { description: 'A file was not read (too large, binary or unreadable).', remediation: 'Exclude the file with an ignore glob, or raise the limit if it should be audited.' },
  'rule-error': { description: 'A rule failed on a file; its findings there are missing.', remediation: 'This is a bug in twelve-factor-audit: please report it with the file that triggers it.' },
  'template-not-rendered': { description: 'A Helm chart was recognised and its templates were not rendered; rules did not read them (images in its values files are still checked).', remediation: 'Render the chart (`helm template <chart> -f values-prod.yaml > rendered.yaml`) and audit the rendered manifests to check what the templates produce.' },
  // Inline suppressions and the baseline (docs/suppressions.md).
  'unknown-rule': { description: 'A twelve-factor-disable directive names a rule id that does not exist.', remediation: 'Name a rule id from `twelve-factor-audit rules`.' },
  'unused-disable-directive': { description: 'A twelve-factor-disable directive suppressed nothing (--report-unused-disable-directives).', remediation: 'Remove the directive.' },
  'missing-disable-reason': { description: 'A twelve-factor-disable directive gives no reason (--require-reason).', remediation: 'Say why after the rule list: `-- reason`.' },
  'stale-baseline-entry': { description: 'A baseline entry no longer matches a finding.', remediation: 'Rewrite the baseline with --write-baseline to prune it.' },
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

/** The path a CI system resolves from the repository root (report paths are relative to the audited folder). */
export function repoPathOf(input: WriterInput, file: string): string {
  const prefix = input.report.target.git?.path ? `${input.report.target.git.path}/` : '';
  return `${prefix}${file === '.' ? (input.repositoryAnchor ?? '.') : file}`;
}
