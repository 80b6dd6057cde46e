// Every rule over every other rule's fixtures: a fixture written to show one rule must not make any
// other rule fire at warning or above. This is where false positives between rules show up. A case
// that legitimately triggers another rule lists it in `<case>.also.json` beside the case folder:
// [{ "ruleId": "...", "file": "...", "line": N }].

import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { rules } from '../rules/index.js';
import { describeFinding, runOnFixture } from '../src/testing/rule-tester.js';
import { setTextHintsEnabled } from '../src/engine/rule-set.js';

const RULES_DIR = path.resolve(import.meta.dirname, '..', 'rules');

interface Case {
  owner: string;
  dir: string;
}

function cases(): Case[] {
  const out: Case[] = [];
  for (const factor of readdirSync(RULES_DIR)) {
    const fixtures = path.join(RULES_DIR, factor, '__fixtures__');
    if (!existsSync(fixtures)) continue;
    for (const name of readdirSync(fixtures).sort()) {
      const ruleDir = path.join(fixtures, name);
      if (!statSync(ruleDir).isDirectory()) continue;
      for (const c of readdirSync(ruleDir).sort()) {
        const dir = path.join(ruleDir, c);
        if (statSync(dir).isDirectory()) out.push({ owner: `${factor}/${name}`, dir });
      }
    }
  }
  return out;
}

describe('every rule over every fixture', () => {
  for (const c of cases()) {
    it(`${c.owner} ${path.basename(c.dir)}: no other rule fires`, async () => {
      const findings = await runOnFixture(rules, c.dir);
      const allowedFile = `${c.dir}.also.json`;
      const allowed: Array<{ ruleId: string; file: string; line: number }> = existsSync(allowedFile) ? JSON.parse(readFileSync(allowedFile, 'utf8')) : [];
      const unexpected = findings.filter(
        (f) =>
          f.ruleId !== c.owner &&
          f.severity !== 'info' &&
          !allowed.some((a) => a.ruleId === f.ruleId && a.file === f.file && a.line === f.line),
      );
      expect(unexpected.map(describeFinding)).toEqual([]);

      // The rules' text hints (RuleDefinition.textHints) only skip work: without them, the same findings.
      setTextHintsEnabled(false);
      try {
        const unfiltered = await runOnFixture(rules, c.dir);
        expect(unfiltered.map(describeFinding)).toEqual(findings.map(describeFinding));
      } finally {
        setTextHintsEnabled(true);
      }
    });
  }
});
