// Repository checks in the spirit of ESLint's checkRuleFiles and kube-linter's check-bats-tests:
// every rule file is registered, its id is `<folder>/<file>`, it has a test beside it with valid and
// invalid cases, and it has a docs page (and every docs page has a rule).

import { presetSeverity } from '../src/config/resolve.js';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { rules } from '../rules/index.js';
import { FACTORS, FACTOR_TITLES } from '../src/rule-api/types.js';

const ROOT = path.resolve(import.meta.dirname, '..');
const RULES_DIR = path.join(ROOT, 'rules');

function ruleFiles(): string[] {
  const out: string[] = [];
  for (const factor of readdirSync(RULES_DIR)) {
    const dir = path.join(RULES_DIR, factor);
    if (!statSync(dir).isDirectory()) continue;
    for (const f of readdirSync(dir)) {
      if (f.endsWith('.ts') && !f.endsWith('.test.ts') && f !== 'index.ts' && !f.startsWith('_')) out.push(`${factor}/${f.slice(0, -3)}`);
    }
  }
  return out.sort();
}

describe('rule registry', () => {
  it('has one folder per factor and nothing else', () => {
    const folders = readdirSync(RULES_DIR).filter((f) => statSync(path.join(RULES_DIR, f)).isDirectory());
    expect(folders.sort()).toEqual([...FACTORS].sort());
  });

  it('registers every rule file, and only those', () => {
    expect(rules.map((r) => r.id).sort()).toEqual(ruleFiles());
  });

  it('gives every rule an id equal to <folder>/<file> and the factor of its folder', () => {
    for (const r of rules) {
      expect(existsSync(path.join(RULES_DIR, `${r.id}.ts`)), r.id).toBe(true);
      expect(r.id.split('/')[0], r.id).toBe(r.factor);
      expect(r.id).toMatch(/^[a-z-]+\/[a-z0-9-]+$/);
    }
  });

  it('has a test file with valid and invalid cases beside every rule', () => {
    for (const id of ruleFiles()) {
      const test = path.join(RULES_DIR, `${id}.test.ts`);
      expect(existsSync(test), `${id}.test.ts`).toBe(true);
      const text = readFileSync(test, 'utf8');
      expect(text, `${id}.test.ts uses ruleTester`).toMatch(/ruleTester\(/);
      expect(text, `${id}.test.ts has valid cases`).toMatch(/valid:\s*\[\s*['"{]/);
      expect(text, `${id}.test.ts has invalid cases`).toMatch(/invalid:\s*\[\s*\{/);
    }
  });

  it('has a docs page for every rule, and a rule for every docs page', () => {
    const pages: string[] = [];
    const docsDir = path.join(ROOT, 'docs', 'rules');
    for (const factor of existsSync(docsDir) ? readdirSync(docsDir) : []) {
      const dir = path.join(docsDir, factor);
      if (!statSync(dir).isDirectory()) continue;
      for (const f of readdirSync(dir)) if (f.endsWith('.md')) pages.push(`${factor}/${f.slice(0, -3)}`);
    }
    expect(pages.sort()).toEqual(rules.map((r) => r.id).sort());
  });

  it('gives every rule a one-line description and a remediation', () => {
    for (const r of rules) {
      expect(r.docs.description.length, r.id).toBeGreaterThan(10);
      expect(r.docs.description, r.id).not.toMatch(/\n/);
      expect(r.docs.remediation.length, r.id).toBeGreaterThan(10);
    }
  });

  it('every built-in rule declares its messages by id (reports say messageId, checked by tsc)', () => {
    expect(rules.filter((r) => !r.messages || Object.keys(r.messages).length === 0).map((r) => r.id)).toEqual([]);
  });

  it('lists every rule in the README rules table with its factor and its severity under each preset, and nothing else', () => {
    const readme = readFileSync(path.join(ROOT, 'README.md'), 'utf8');
    const section = readme.slice(readme.indexOf('## Rules'), readme.indexOf('\n## ', readme.indexOf('## Rules') + 1));
    const rows = [...section.matchAll(/^\| \[`([^`]+)`\]\(docs\/rules\/([^)]+)\.md\) \| ([^|]+) \| (\w+) \| (\w+) \|/gm)].map((m) => `${m[1]} ${m[2]} ${m[3]!.trim()} ${m[4]} ${m[5]}`);
    const expected = rules.map((r) => `${r.id} ${r.id} ${FACTOR_TITLES[r.factor]} ${presetSeverity(r, 'recommended')} ${presetSeverity(r, 'strict')}`);
    expect(rows.sort()).toEqual(expected.sort());
  });
});

