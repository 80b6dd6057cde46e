// The findings pipeline: every step that changes the list of findings of a run, in the order they
// run, each a pure function over findings. This module is the only place a finding list is
// filtered, rewritten or grouped; audit() runs it, so the library API and the CLI return the same
// findings for the same input (the CLI only reads and writes the baseline file, and applies --quiet
// to what it prints).
//
//   1. roles         drop or lower findings on files a rule does not judge (needs the project model,
//                    so audit() runs it right after the cross-file phase, before the cache stores
//                    the rule findings; engine diagnostics pass, an unread file's at info outside runtime files)
//   2. supersede     drop findings a more specific rule made at the same place (RuleDefinition.supersedes)
//   3. dedupe        one finding per rule, place and message, in report order
//   4. overrides     the config's per-file severities (`overrides:`), `off` drops
//   5. suppressions  twelve-factor-disable directives hide findings and add their own diagnostics
//   6. baseline      findings recorded in the baseline are hidden; stale entries become diagnostics
//   7. scope         --staged, --changed-since, file arguments: only findings in those files
//   8. group         presentation only: repeats of one cause become one finding with `related`
//                    (buildReport runs it: the scorecard and the baseline count each place)
//
// Steps 2 to 7 are runPipeline(); the findings leave it in report order (compareFindings).

import type { FileRole } from '../model/file-role.js';
import type { Finding, RuleDefinition, Severity } from '../rule-api/types.js';
import { matchAnyConfigGlob } from '../util/glob/index.js';
import { applyBaseline, type Baseline } from './baseline.js';
import { compareFindings } from './findings.js';
import { applySuppressions, type Directive, type SuppressionOptions } from './suppressions.js';
import { diagnostics, isUnreadFile } from './diagnostics.js';

/** A config `overrides:` entry, with its globs relative to the scanned root (config-file glob semantics). */
export interface FileOverride {
  files: string[];
  rules: Record<string, Severity | 'off'>;
}

/** Which findings a partial run reports: these files, and anything under these folders. */
export interface Scope {
  files: Set<string>;
  /** Folder prefixes ending in `/`; '' is the whole project. */
  dirs: string[];
  /** What the scope is, for the report (`changed since main`). */
  describe: string;
}

/** Findings a run did not report: hidden by the baseline, or by twelve-factor-disable directives. */
export interface HiddenFindings {
  baseline: Finding[];
  inline: { finding: Finding; reason: string | undefined }[];
}

export interface FindingSet {
  /** What the run reports. */
  findings: Finding[];
  /** What the baseline and the directives hid (within the scope): scored, and shown as suppressed in SARIF. */
  hidden: HiddenFindings;
  /** How many findings the baseline matched, in the whole project (before the scope). */
  baselineMatched: number;
}

export interface PipelineContext {
  /** The rules that ran; only `id` and `supersedes` are read. */
  rules: readonly Pick<RuleDefinition, 'id' | 'supersedes'>[];
  overrides: readonly FileOverride[];
  /** Directives by file; empty when inline config is off. */
  directives: ReadonlyMap<string, Directive[]>;
  suppressions: Omit<SuppressionOptions, 'onSuppressed'>;
  baseline?: Baseline;
  scope?: Scope;
}

export type PipelineStep = (set: FindingSet, context: PipelineContext) => FindingSet;

/** Steps 2 to 7 in their order; the names are what the module header lists. */
export const PIPELINE_STEPS: ReadonlyArray<readonly [name: string, step: PipelineStep]> = [
  ['supersede', (set, c) => ({ ...set, findings: supersede([...set.findings].sort(compareFindings), c.rules) })],
  ['dedupe', (set) => ({ ...set, findings: dedupe(set.findings) })],
  ['overrides', (set, c) => ({ ...set, findings: applyOverrides(set.findings, c.overrides) })],
  ['suppressions', suppressionsStep],
  ['baseline', baselineStep],
  ['scope', scopeStep],
];

/** Runs steps 2 to 7 over the findings of a run. */
export function runPipeline(findings: readonly Finding[], context: PipelineContext): FindingSet {
  return continuePipeline({ findings: [...findings], hidden: { baseline: [], inline: [] }, baselineMatched: 0 }, context, 'supersede');
}

/** Runs the steps from `from` on over a set (--write-baseline: from the baseline it just recorded). */
export function continuePipeline(set: FindingSet, context: PipelineContext, from: string): FindingSet {
  const start = PIPELINE_STEPS.findIndex(([name]) => name === from);
  if (start < 0) throw new Error(`no pipeline step ${from}`);
  let out = set;
  for (const [, step] of PIPELINE_STEPS.slice(start)) out = step(out, context);
  return out;
}

const DEFAULT_ROLES: readonly FileRole[] = ['runtime'];

/**
 * Step 1, roles: the role of each file (src/model/file-role.ts, with the run chain from the project
 * model) decides, here and nowhere else, whether a rule's finding is a claim about code that runs in
 * production. Drops each rule finding whose file has a role the rule does not judge
 * (RuleDefinition.roles), and lowers to info a finding in a judged role other than runtime, unless
 * the rule said why it matters there (ReportDescriptor.mattersOutsideRuntime). Engine diagnostics
 * (no factor) pass, those of an unread file (parse-error, file-skipped) lowered to info outside runtime files.
 */
export function applyRoles(findings: readonly Finding[], rules: ReadonlyMap<string, RuleDefinition>, roleOf: (file: string) => FileRole): Finding[] {
  const out: Finding[] = [];
  for (const f of findings) {
    const rule = f.factor === null ? undefined : rules.get(f.ruleId);
    if (!rule) {
      // A file that could not be read or parsed leaves the audit of that file incomplete, which
      // matters at full severity only where rules judge at full severity: on runtime files. A
      // deliberately malformed test fixture or a generated file says info, as findings there do.
      if (isUnreadFile(f) && f.severity !== 'info' && roleOf(f.file) !== 'runtime') out.push({ ...withoutInternal(f), severity: 'info' });
      else out.push(withoutInternal(f));
      continue;
    }
    const role = roleOf(f.file);
    if (!(rule.roles ?? DEFAULT_ROLES).includes(role)) continue;
    if (role !== 'runtime' && f.severity !== 'info' && !f.mattersOutsideRuntime && !rule.mattersOutsideRuntime) out.push({ ...withoutInternal(f), severity: 'info' });
    else out.push(withoutInternal(f));
  }
  return out;
}

function withoutInternal(f: Finding): Finding {
  if (f.mattersOutsideRuntime === undefined) return f;
  const { mattersOutsideRuntime: _, ...rest } = f;
  return rest;
}

/** Step 2: drops findings a more specific rule made at the same file and line. Keeps the order. */
export function supersede(findings: readonly Finding[], rules: PipelineContext['rules']): Finding[] {
  const superseded = new Set<string>();
  for (const rule of rules) {
    for (const target of rule.supersedes ?? []) {
      for (const f of findings) if (f.ruleId === rule.id) superseded.add(`${target}\0${f.file}\0${f.line}`);
    }
  }
  if (superseded.size === 0) return [...findings];
  return findings.filter((f) => !superseded.has(`${f.ruleId}\0${f.file}\0${f.line}`));
}

/** Step 3: the first of the findings with the same rule, place and message. Keeps the order. */
export function dedupe(findings: readonly Finding[]): Finding[] {
  const seen = new Set<string>();
  const out: Finding[] = [];
  for (const f of findings) {
    const key = `${f.ruleId}\0${f.file}\0${f.line}\0${f.column}\0${f.message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(f);
  }
  return out;
}

/**
 * Step 4: per-file overrides of rule findings: the last override whose files match decides the
 * severity, or drops the finding when it says off. Engine diagnostics are never touched.
 */
export function applyOverrides(findings: readonly Finding[], overrides: readonly FileOverride[]): Finding[] {
  if (overrides.length === 0) return [...findings];
  const out: Finding[] = [];
  for (const f of findings) {
    const severity = f.factor === null ? undefined : overrideSeverity(overrides, f.ruleId, f.file);
    if (severity === 'off') continue;
    out.push(severity ? { ...f, severity } : f);
  }
  return out;
}

/** What the overrides say about a rule in a file: the last override whose files match and that names the rule. */
export function overrideSeverity(overrides: readonly FileOverride[], ruleId: string, file: string): Severity | 'off' | undefined {
  let severity: Severity | 'off' | undefined;
  for (const o of overrides) {
    const s = o.rules[ruleId];
    if (s !== undefined && matchAnyConfigGlob(o.files, file)) severity = s;
  }
  return severity;
}

/** Step 5: inline directives (suppressions.ts); the result is in report order. */
function suppressionsStep(set: FindingSet, context: PipelineContext): FindingSet {
  const inline: HiddenFindings['inline'] = [...set.hidden.inline];
  const kept = applySuppressions(set.findings, context.directives, { ...context.suppressions, onSuppressed: (finding, reason) => inline.push({ finding, reason }) });
  return { ...set, findings: kept.sort(compareFindings), hidden: { ...set.hidden, inline } };
}

/** Step 6: the baseline (baseline.ts) hides what it recorded; each stale entry is reported. */
function baselineStep(set: FindingSet, context: PipelineContext): FindingSet {
  if (!context.baseline) return set;
  const match = applyBaseline(set.findings, context.baseline);
  return {
    findings: [...match.kept, ...match.stale.map(diagnostics.staleBaselineEntry)],
    hidden: { ...set.hidden, baseline: [...set.hidden.baseline, ...match.hiddenFindings] },
    baselineMatched: set.baselineMatched + match.hidden,
  };
}

/** Step 7: a partial run reports (and hides) only findings inside its scope; all in report order. */
function scopeStep(set: FindingSet, context: PipelineContext): FindingSet {
  const scope = context.scope;
  const findings = scope ? set.findings.filter((f) => inScope(scope, f.file)) : [...set.findings];
  const baseline = scope ? set.hidden.baseline.filter((f) => inScope(scope, f.file)) : [...set.hidden.baseline];
  const inline = scope ? set.hidden.inline.filter((h) => inScope(scope, h.finding.file)) : set.hidden.inline;
  return { ...set, findings: findings.sort(compareFindings), hidden: { baseline: baseline.sort(compareFindings), inline } };
}

export function inScope(scope: Scope, file: string): boolean {
  return scope.files.has(file) || scope.dirs.some((d) => d === '' || file.startsWith(d));
}

/**
 * Step 8, group: one cause, one finding: findings of one rule in one file with the same message and
 * evidence (the same undeclared package imported on ten lines, one literal reached twice) become the
 * first of them, with the other places in `related`. A presentation step: reports run it after
 * suppressions, baseline and scope, which match each place on its own. Secret findings are never
 * grouped: their message hides the value, so two different keys can read the same. Input and output
 * in report order.
 */
export function groupRepeats(findings: readonly Finding[], rules: readonly RuleDefinition[]): Finding[] {
  const security = new Set(rules.filter((r) => r.security).map((r) => r.id));
  const first = new Map<string, Finding>();
  const out: Finding[] = [];
  for (const f of findings) {
    if (f.factor === null || security.has(f.ruleId)) {
      out.push(f);
      continue;
    }
    const key = `${f.ruleId}\0${f.file}\0${f.message}\0${f.evidence ?? ''}`;
    const head = first.get(key);
    if (!head) {
      const copy = { ...f };
      first.set(key, copy);
      out.push(copy);
      continue;
    }
    (head.related ??= []).push({ file: f.file, line: f.line, column: f.column, message: 'the same here' });
  }
  return out;
}
