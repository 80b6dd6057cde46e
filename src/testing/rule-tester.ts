// RuleTester: a rule's cases are fixture folders (one file or a small repository) under
// rules/<factor>/__fixtures__/<rule-name>/<case>/. Each case runs through the whole engine (so
// cross-file rules see a real project model) with only the rule under test enabled, and the findings
// must match exactly: same count, rule id, file, line (and column, severity, message, evidence when given).
// A rule needs at least one valid and one invalid case; the tester refuses otherwise.

import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { audit } from '../engine/audit.js';
import type { RuleSetting } from '../engine/rule-set.js';
import type { Finding, RuleDefinition, Severity } from '../rule-api/types.js';

export interface ExpectedFinding {
  file: string;
  line: number;
  column?: number;
  severity?: Severity;
  /** Substring or pattern the message must match. */
  message?: string | RegExp;
  /** The evidence exactly (it is what a finding's fingerprint is made from). */
  evidence?: string;
  /** The other places of a grouped finding (Finding.related), as `file:line`; checked exactly when given. */
  related?: string[];
}

export interface InvalidCase {
  fixture: string;
  errors: ExpectedFinding[];
  options?: Record<string, unknown>;
}

export interface ValidCase {
  fixture: string;
  options?: Record<string, unknown>;
}

export interface RuleCases {
  valid: Array<string | ValidCase>;
  invalid: InvalidCase[];
}

const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

export function fixturesDirOf(rule: RuleDefinition): string {
  const [factor, name] = rule.id.split('/');
  return path.join(REPO_ROOT, 'rules', factor!, '__fixtures__', name!);
}

/** Runs one rule (or all given rules) on a fixture folder and returns its findings. */
export async function runOnFixture(rules: RuleDefinition[], dir: string, settings: Record<string, RuleSetting> = {}): Promise<Finding[]> {
  const options = readCaseOptions(dir);
  const merged = { ...settings };
  if (options) for (const r of rules) merged[r.id] = { ...(merged[r.id] ?? {}), options };
  const result = await audit({ root: dir, rules, ruleSettings: merged });
  return result.findings;
}

function readCaseOptions(dir: string): Record<string, unknown> | undefined {
  const file = path.join(dir, '..', `${path.basename(dir)}.options.json`);
  return existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>) : undefined;
}

export function ruleTester(rule: RuleDefinition, cases: RuleCases): void {
  if (cases.valid.length === 0 || cases.invalid.length === 0) {
    throw new Error(`${rule.id}: a rule needs at least one valid and one invalid case`);
  }
  const names = [...cases.valid.map((c) => (typeof c === 'string' ? c : c.fixture)), ...cases.invalid.map((c) => c.fixture)];
  const dup = names.find((n, i) => names.indexOf(n) !== i);
  if (dup) throw new Error(`${rule.id}: duplicate case ${dup}`);
  const base = fixturesDirOf(rule);

  describe(rule.id, () => {
    for (const c of cases.valid) {
      const fixture = typeof c === 'string' ? c : c.fixture;
      const options = typeof c === 'string' ? undefined : c.options;
      it(`valid: ${fixture}`, async () => {
        const dir = path.join(base, fixture);
        expect(existsSync(dir), `fixture folder ${dir}`).toBe(true);
        const findings = await runOnFixture([rule], dir, options ? { [rule.id]: { options } } : {});
        expect(findings.map(describeFinding)).toEqual([]);
      });
    }
    for (const c of cases.invalid) {
      it(`invalid: ${c.fixture}`, async () => {
        const dir = path.join(base, c.fixture);
        expect(existsSync(dir), `fixture folder ${dir}`).toBe(true);
        const findings = await runOnFixture([rule], dir, c.options ? { [rule.id]: { options: c.options } } : {});
        expect(c.errors.length, 'an invalid case must expect at least one finding').toBeGreaterThan(0);
        const actual = findings.map((f) => ({ ruleId: f.ruleId, file: f.file, line: f.line }));
        const expected = c.errors.map((e) => ({ ruleId: rule.id, file: e.file, line: e.line }));
        expect(actual, findings.map(describeFinding).join('\n')).toEqual(expected);
        c.errors.forEach((e, i) => {
          const f = findings[i]!;
          if (e.column !== undefined) expect(f.column, describeFinding(f)).toBe(e.column);
          if (e.severity !== undefined) expect(f.severity, describeFinding(f)).toBe(e.severity);
          if (e.evidence !== undefined) expect(f.evidence, describeFinding(f)).toBe(e.evidence);
          if (e.related !== undefined) expect((f.related ?? []).map((r) => `${r.file}:${r.line}`), describeFinding(f)).toEqual(e.related);
          if (e.message !== undefined) {
            if (typeof e.message === 'string') expect(f.message).toContain(e.message);
            else expect(f.message).toMatch(e.message);
          }
        });
      });
    }
  });
}

export function describeFinding(f: Finding): string {
  return `${f.file}:${f.line}:${f.column} ${f.severity} ${f.ruleId} ${f.message}`;
}
