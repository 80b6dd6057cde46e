import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DIAGNOSTICS, diagnostics } from './diagnostics.js';

describe('diagnostics catalogue', () => {
  it('is documented in docs/reports.md, id and severity, and nothing else is', () => {
    const doc = readFileSync(new URL('../../docs/reports.md', import.meta.url), 'utf8');
    const section = doc.slice(doc.indexOf('## Diagnostics'));
    const rows = [...section.matchAll(/^\| `([a-z-]+)` \| (\w+) \|/gm)].map((m) => `${m[1]} ${m[2]}`);
    expect(rows.sort()).toEqual(Object.entries(DIAGNOSTICS).map(([id, e]) => `${id} ${e.severity}`).sort());
  });

  it('gives every constructed finding the catalogue severity and remediation, and no factor', () => {
    const made = [
      diagnostics.parseError('a.yaml', 'YAML', 'bad indent', 3, 4),
      diagnostics.fileOverBudget('big.ts', 10),
      diagnostics.ruleNotRun('logs/x', 5),
      diagnostics.unusedDisableDirective('a.ts', { line: 2, column: 1 }, 'disable-line', 'any rule'),
      diagnostics.staleBaselineEntry({ file: 'a.ts', ruleId: 'logs/x', count: 2, message: 'was here', fingerprint: 'f' }),
    ];
    for (const f of made) {
      const entry = DIAGNOSTICS[f.ruleId as keyof typeof DIAGNOSTICS];
      expect([f.factor, f.severity, f.remediation]).toEqual([null, entry.severity, entry.remediation]);
    }
    expect(made.map((f) => f.message)).toEqual([
      'cannot parse YAML: bad indent',
      'skipped: its analysis took longer than the 10 ms per-file time budget (--file-time-budget); no finding of this file is reported',
      'rule logs/x was not run: the cross-file phase took longer than its 5 ms time budget; no cross-file finding of this rule is reported',
      'unused twelve-factor-disable-line directive (no finding of any rule to suppress)',
      'baseline entry for logs/x no longer matches a finding (2 of them): was here',
    ]);
  });
});
