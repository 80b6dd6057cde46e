// Steps over the findings of a run that depend on what a file is for. The role of each file
// (src/model/file-role.ts, with the run chain from the project model) decides, here and nowhere
// else, whether a rule's finding is a claim about code that runs in production.

import type { FileRole } from '../model/file-role.js';
import type { Finding, RuleDefinition } from '../rule-api/types.js';

const DEFAULT_ROLES: readonly FileRole[] = ['runtime'];

/**
 * Drops each rule finding whose file has a role the rule does not judge (RuleDefinition.roles), and
 * lowers to info a finding in a judged role other than runtime, unless the rule said why it matters
 * there (ReportDescriptor.mattersOutsideRuntime). Engine diagnostics (no factor) pass untouched.
 */
export function applyRoles(findings: readonly Finding[], rules: ReadonlyMap<string, RuleDefinition>, roleOf: (file: string) => FileRole): Finding[] {
  const out: Finding[] = [];
  for (const f of findings) {
    const rule = f.factor === null ? undefined : rules.get(f.ruleId);
    if (!rule) {
      out.push(withoutInternal(f));
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

/**
 * One cause, one finding: findings of one rule in one file with the same message and evidence (the
 * same undeclared package imported on ten lines, one literal reached twice) become the first of
 * them, with the other places in `related`. Runs after suppressions, so a place hidden inline stays
 * hidden. Input and output are in report order.
 */
export function groupRepeats(findings: readonly Finding[]): Finding[] {
  const first = new Map<string, Finding>();
  const out: Finding[] = [];
  for (const f of findings) {
    if (f.factor === null) {
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
