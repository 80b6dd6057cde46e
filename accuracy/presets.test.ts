// The `recommended` preset is held to the evidence (issue 13): accuracy/evidence.json holds the
// verdict counts of the strict run (every rule on) over the whole corpus, written by
// `npm run accuracy -- <checkouts> --preset strict --docs`. A rule reports at error or warning by
// default only when its precision there meets the bar at that severity; a rule measured below the bar
// even at warning is off by default (strict only); a rule the corpus has not measured (fewer than 10
// judged findings) reports at most info by default. A change of a rule's default severity, or new
// verdicts, that breaks this fails here.

import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { presetSeverity } from '../src/config/resolve.js';
import { rules } from '../rules/index.js';
import { BAR_PRECISION, barFor, EVIDENCE_FILE } from './run.js';
import { tallyOf, type Evidence } from './tally.js';

const evidence = JSON.parse(readFileSync(path.join(path.dirname(fileURLToPath(import.meta.url)), EVIDENCE_FILE), 'utf8')) as Evidence;

describe('the recommended preset follows the evidence', () => {
  it('evidence was measured over the whole corpus', () => {
    expect(evidence.repositories).toBeGreaterThanOrEqual(15);
    expect(evidence.measuredWith).toMatch(/^[0-9a-f]{7,40}$/);
  });

  for (const rule of rules) {
    it(rule.id, () => {
      const severity = presetSeverity(rule, 'recommended');
      const tally = tallyOf(evidence.rules[rule.id]);
      const atWarning = barFor(tally, 'warning');
      const why = `${rule.id}: recommended ${severity}; judged ${tally.judged} (TP ${tally.TP}, FP ${tally.FP}, debatable ${tally.DEBATABLE}), precision ${tally.precision?.toFixed(2) ?? '-'}`;
      if (severity === 'error' || severity === 'warning') {
        expect(barFor(tally, severity).status, `${why}: needs ${BAR_PRECISION[severity]} over 10 judged at ${severity}`).toBe('meets');
      } else if (atWarning.status === 'below') {
        expect(severity, `${why}: measured below the bar, so strict only`).toBe('off');
      } else if (atWarning.status === 'not measured') {
        expect(['info', 'off'], `${why}: not measured, so at most info by default`).toContain(severity);
      }
    });
  }
});
