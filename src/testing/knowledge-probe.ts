// Runs the per-file phase on one source snippet, for the knowledge tables' tests: every table entry
// is checked against a tiny example of its own, through the same walk the engine uses on real files.

import { analyzeTsFile } from '../engine/ts-walk.js';
import type { Finding, RuleDefinition } from '../rule-api/types.js';
import type { TsFacts } from '../parsing/facts.js';

export function factsOf(text: string, path = 'src/example.ts'): TsFacts {
  const result = analyzeTsFile({ path, kind: 'ts', text, isTest: false }, []);
  if (result.facts?.kind !== 'ts') throw new Error(`no TS facts for ${path}`);
  return result.facts;
}

/** Findings of one per-file rule on the snippet (parse diagnostics included, so a broken example shows). */
export function findingsOf(rule: RuleDefinition, text: string, path = 'src/example.ts'): Finding[] {
  return analyzeTsFile({ path, kind: 'ts', text, isTest: false }, [{ rule, severity: rule.severity, options: {} }]).findings;
}
