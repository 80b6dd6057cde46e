// The catalogue of engine diagnostics: findings with no factor that say the audit itself is
// incomplete or that a directive or baseline entry is wrong. Each id is listed once here with its
// severity, description and remediation, and every message is written by one of the constructors
// below; the engine, the suppressions, the baseline and the reporters (rule descriptors in SARIF and
// the other writers) read this module and nothing else. Adding a diagnostic: add its id and entry
// here, a constructor, and a line in docs/reports.md.

import type { Finding, Severity } from '../rule-api/types.js';

export interface DiagnosticEntry {
  severity: Severity;
  description: string;
  remediation: string;
}

export const DIAGNOSTICS = {
  'parse-error': {
    severity: 'warning',
    description: 'A file could not be parsed; the rules that read it checked nothing in it.',
    remediation: 'Fix the syntax, or exclude the file with an ignore glob if it is not meant to be parsed.',
  },
  // A file the tool chose not to read (size, time budget) says nothing about the code: info, counted next to the score.
  'file-skipped': {
    severity: 'info',
    description: 'A file was not read (too large, binary or unreadable).',
    remediation: 'Exclude the file with an ignore glob, or raise the limit if it should be audited.',
  },
  'rule-error': {
    severity: 'error',
    description: 'A rule failed on a file; its findings there are missing.',
    remediation: 'This is a bug in twelve-factor-audit: please report it with the file that triggers it.',
  },
  'template-not-rendered': {
    severity: 'info',
    description: 'A Helm chart was recognised and its templates were not rendered; rules did not read them (images in its values files are still checked).',
    remediation: 'Render the chart (`helm template <chart> -f values-prod.yaml > rendered.yaml`) and audit the rendered manifests to check what the templates produce.',
  },
  // git applies .gitignore to untracked files only: such a file is committed, so it is audited, and
  // said, since whoever wrote the .gitignore line likely meant it to stay out of the repository.
  'tracked-but-ignored': {
    severity: 'info',
    description: 'A file that git tracks although a .gitignore lists it: it is in the repository and was audited.',
    remediation: 'If it should not be committed, remove it from the index (`git rm --cached <file>`) and rotate any secret it held; otherwise drop the .gitignore line.',
  },
  // Inline suppressions and the baseline (docs/suppressions.md).
  'unknown-rule': {
    severity: 'error',
    description: 'A twelve-factor-disable directive names a rule id that does not exist.',
    remediation: 'Name a rule id from `twelve-factor-audit rules`.',
  },
  'unused-disable-directive': {
    severity: 'error',
    description: 'A twelve-factor-disable directive suppressed nothing (--report-unused-disable-directives).',
    remediation: 'Remove the directive.',
  },
  'missing-disable-reason': {
    severity: 'error',
    description: 'A twelve-factor-disable directive gives no reason (--require-reason).',
    remediation: 'Say why after the rule list: `-- reason`.',
  },
  'stale-baseline-entry': {
    severity: 'info',
    description: 'A baseline entry no longer matches a finding.',
    remediation: 'The finding was fixed or changed: rewrite the baseline with --write-baseline to prune the entry.',
  },
} as const satisfies Record<string, DiagnosticEntry>;

export type DiagnosticId = keyof typeof DIAGNOSTICS;

export function isDiagnosticId(id: string): id is DiagnosticId {
  return Object.prototype.hasOwnProperty.call(DIAGNOSTICS, id);
}

/** A diagnostic finding at a place, with the catalogue's severity and remediation. */
export function diagnostic(id: DiagnosticId, file: string, message: string, line = 1, column = 1): Finding {
  const entry: DiagnosticEntry = DIAGNOSTICS[id];
  return { ruleId: id, factor: null, severity: entry.severity, message, file, line, column, remediation: entry.remediation };
}

/** A diagnostic that says a file's content was not checked: it was skipped or could not be parsed. */
export function isUnreadFile(f: Finding): boolean {
  return f.factor === null && (f.ruleId === 'file-skipped' || f.ruleId === 'parse-error');
}

/** Where a directive was written (suppressions.ts Directive). */
interface At {
  line: number;
  column: number;
}

/** The message templates: every diagnostic the engine reports is made by one of these. */
export const diagnostics = {
  /** `what` names the kind of file (`TS/JS source`, `Dockerfile`). */
  parseError: (file: string, what: string, detail: string, line = 1, column = 1) => diagnostic('parse-error', file, `cannot parse ${what}: ${detail}`, line, column),
  /** TS/JS that parsed with a syntax error: the rules still ran on what the parser recovered. */
  syntaxError: (file: string, detail: string, line: number, column: number) => diagnostic('parse-error', file, `syntax error: ${detail}`, line, column),
  /** A Flow-typed file TypeScript cannot parse: valid code, so info (not the id's warning); the rules walked what parsed. */
  flowSyntax: (file: string, detail: string, line: number, column: number): Finding => ({
    ...diagnostic('parse-error', file, `skipped: Flow syntax TypeScript cannot parse (${detail}); the rest of the file was read`, line, column),
    severity: 'info',
  }),
  /** JS with server-side template tags TypeScript cannot parse: a template, so info; the rules walked what parsed. */
  templateSyntax: (file: string, kind: string, line: number, column: number): Finding => ({
    ...diagnostic('parse-error', file, `skipped: template tags (${kind}) TypeScript cannot parse: the file is rendered before it runs; the rest of it was read`, line, column),
    severity: 'info',
  }),
  /** A config file (JSON, YAML) with template placeholders where values go: rendered before use, so info; nothing of it was read. */
  templatedConfig: (file: string, what: string, kind: string, line: number, column: number): Finding => ({
    ...diagnostic('parse-error', file, `skipped: template placeholders (${kind}) where the ${what} has values, which its parser cannot read: the file is rendered before it is used, so its rules did not read it`, line, column),
    severity: 'info',
  }),
  /** A `.json` file holding JSON Lines (one value per line: import data, logs): data, not a config, so info; nothing of it was read. */
  jsonLines: (file: string, line: number, column: number): Finding => ({
    ...diagnostic('parse-error', file, 'skipped: JSON Lines data (one JSON value per line) in a .json file, not a configuration; its rules did not read it', line, column),
    severity: 'info',
  }),
  /** JSX in a `.ts` file, which no TypeScript build compiles as written: a snippet or a draft, so info; the rules walked what parsed. */
  jsxInTs: (file: string, line: number, column: number): Finding => ({
    ...diagnostic('parse-error', file, 'skipped: JSX in a .ts file, which TypeScript compiles only in .tsx files, so no build ships it as written; the rest of the file was read', line, column),
    severity: 'info',
  }),
  /** A .js file whose whole text is JSON (a config the server reads with JSON.parse): data, so info. */
  jsonInJs: (file: string, line: number, column: number): Finding => ({
    ...diagnostic('parse-error', file, 'skipped: JSON data saved under .js (the program reads it as JSON, not as a module), which TypeScript cannot parse as a script', line, column),
    severity: 'info',
  }),
  /** JS in a Babel proposal's syntax (function bind, pipeline) that the project's own build compiles: info. */
  proposalSyntax: (file: string, proposal: string, line: number, column: number): Finding => ({
    ...diagnostic('parse-error', file, `skipped: syntax of a Babel proposal (${proposal}) that TypeScript cannot parse; the rest of the file was read`, line, column),
    severity: 'info',
  }),
  fileSkipped: (file: string, reason: string) => diagnostic('file-skipped', file, `skipped: ${reason}`),
  fileOverBudget: (file: string, budgetMs: number | undefined) =>
    diagnostics.fileSkipped(file, `its analysis took longer than the ${budgetMs} ms per-file time budget (--file-time-budget); no finding of this file is reported`),
  ruleFailedOnFile: (ruleId: string, file: string, detail: string) => diagnostic('rule-error', file, `rule ${ruleId} failed on this file: ${detail}`),
  ruleFailedInProject: (ruleId: string, detail: string) => diagnostic('rule-error', '.', `rule ${ruleId} failed in the project phase: ${detail}`),
  /** The cross-file phase ran out of time before this rule: the audit is incomplete, so it is an error. */
  ruleNotRun: (ruleId: string, budgetMs: number) =>
    diagnostic('rule-error', '.', `rule ${ruleId} was not run: the cross-file phase took longer than its ${budgetMs} ms time budget; no cross-file finding of this rule is reported`),
  templateNotRendered: (file: string, message: string) => diagnostic('template-not-rendered', file, message),
  trackedButIgnored: (file: string) => diagnostic('tracked-but-ignored', file, 'git tracks this file although a .gitignore lists it: it is committed, so it was audited (git ignores untracked files only)'),
  unknownRule: (file: string, at: At, directiveType: string, rule: string, near: string | undefined) =>
    diagnostic('unknown-rule', file, `unknown rule "${rule}" in twelve-factor-${directiveType}${near ? `; did you mean "${near}"?` : ''}`, at.line, at.column),
  missingDisableReason: (file: string, at: At, directiveType: string) => diagnostic('missing-disable-reason', file, `twelve-factor-${directiveType} has no reason`, at.line, at.column),
  /** `what`: a rule id, or `any rule` for a directive without a rule list. */
  unusedDisableDirective: (file: string, at: At, directiveType: string, what: string) =>
    diagnostic('unused-disable-directive', file, `unused twelve-factor-${directiveType} directive (no finding of ${what} to suppress)`, at.line, at.column),
  staleBaselineEntry: (entry: { file: string; ruleId: string; count: number; message: string; fingerprint: string }) =>
    diagnostic('stale-baseline-entry', entry.file, `baseline entry for ${entry.ruleId} no longer matches a finding${entry.count > 1 ? ` (${entry.count} of them)` : ''}: ${entry.message || entry.fingerprint}`),
};
