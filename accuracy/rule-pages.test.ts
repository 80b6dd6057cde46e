import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { rules } from '../rules/index.js';
import { EVIDENCE_FILE } from './run.js';
import { evidenceLine, rulePagePath, withEvidence } from './rule-pages.js';
import type { Evidence } from './tally.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const repoRoot = path.resolve(here, '..');
const evidence = JSON.parse(readFileSync(path.join(here, EVIDENCE_FILE), 'utf8')) as Evidence;

const sample: Evidence = {
  measuredWith: 'abc1234',
  repositories: 12,
  rules: { 'x/judged': { judged: 5, TP: 3, FP: 1, DEBATABLE: 1, unjudged: 2 }, 'x/undecided': { judged: 2, TP: 0, FP: 0, DEBATABLE: 2, unjudged: 0 } },
};

describe('the measured line of a rule page', () => {
  it('gives the counts, the precision and what is not judged', () => {
    expect(evidenceLine('x/judged', sample)).toBe(
      'Measured now over the 12 public repositories of the accuracy corpus ([docs/accuracy.md](../../accuracy.md)), every rule on: 5 judged (3 true, 1 false, 1 debatable; precision 0.75), 2 not judged (tool commit `abc1234`).',
    );
    expect(evidenceLine('x/undecided', sample)).toContain('2 judged (0 true, 0 false, 2 debatable; precision –) (tool');
    expect(evidenceLine('x/silent', sample)).toContain('every rule on: no finding (tool commit');
  });

  it('is put first under "## Preset", then replaced in place', () => {
    const page = '# r\n\n## Preset\n\nIn `strict` only.\n\n## Options\n';
    const once = withEvidence(page, 'x/judged', sample);
    expect(once).toBe(`# r\n\n## Preset\n\n<!-- evidence:begin -->\n${evidenceLine('x/judged', sample)}\n<!-- evidence:end -->\n\nIn \`strict\` only.\n\n## Options\n`);
    const moved = withEvidence(once, 'x/judged', { ...sample, repositories: 13 });
    expect(moved).toContain('the 13 public repositories');
    expect(moved.match(/evidence:begin/g)).toHaveLength(1);
    expect(() => withEvidence('# r\n', 'x/judged', sample)).toThrow(/no "## Preset" section/);
  });
});

// A page whose block differs from accuracy/evidence.json was edited by hand or not rewritten by the
// last strict `--docs` run (npm run accuracy -- <checkouts> --preset strict --docs rewrites them all).
describe('every rule page carries the committed evidence', () => {
  for (const rule of rules) {
    it(rule.id, () => {
      const page = readFileSync(path.join(repoRoot, rulePagePath(rule.id)), 'utf8');
      expect(page).toContain(`<!-- evidence:begin -->\n${evidenceLine(rule.id, evidence)}\n<!-- evidence:end -->`);
      expect(withEvidence(page, rule.id, evidence)).toBe(page);
    });
  }
});
