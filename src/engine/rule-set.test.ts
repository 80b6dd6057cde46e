import { describe, expect, it } from 'vitest';
import { activateRules, hintIndex } from './rule-set.js';
import { defineRule, type RuleDefinition } from '../rule-api/types.js';
import { rules as builtIn } from '../../rules/index.js';

const rule = (id: string, textHints?: RuleDefinition['textHints']): RuleDefinition =>
  defineRule({ id, factor: 'config', severity: 'warning', description: id, remediation: 'x', targets: ['ts'], docs: '', ...(textHints ? { textHints } : {}), create: () => ({ ts: {} }) } as unknown as RuleDefinition);

/** What one search per hint per rule says (the definition the combined index must keep). */
function oneByOne(r: RuleDefinition, path: string, text: string): boolean {
  const h = r.textHints;
  if (!h) return true;
  if (h.path?.test(path)) return true;
  return h.ts.some((x) => text.includes(x));
}

describe('hintIndex: one pass over the text for every rule\'s hints', () => {
  const rules = activateRules([
    rule('a', { ts: ['pino'] }),
    rule('b', { ts: ['pino-roll', 'rotat'] }),
    rule('c', { ts: ['ino'] }), // starts inside another hint
    rule('d', { ts: ['a.b', '(x)', '[y]', '$z', 'w\\'] }), // regex metacharacters
    rule('e'), // no hints: always
    rule('f', { ts: ['never-there'], path: /ecosystem\.config/ }),
    rule('g', { ts: [] }),
  ]);
  const index = hintIndex(rules);
  const texts = ['', 'pino-roll', 'xpinox', 'import x from "a.b"; (x) [y] $z w\\', 'aXb', 'rotatpin', 'inopino', 'a'.repeat(1000) + 'ino'];
  it.each(texts)('%j: the same rules as one search per hint', (text) => {
    for (const path of ['src/a.ts', 'ecosystem.config.js']) {
      const passing = index.passing(path, text);
      expect(rules.filter((a) => passing.has(a)).map((a) => a.rule.id)).toEqual(rules.filter((a) => oneByOne(a.rule, path, text)).map((a) => a.rule.id));
    }
  });

  it('agrees with one search per hint for the built-in rules on texts that hold each hint', () => {
    const active = activateRules(builtIn);
    const all = hintIndex(active);
    const hints = [...new Set(builtIn.flatMap((r) => r.textHints?.ts ?? []))];
    expect(hints.length).toBeGreaterThan(10);
    for (const h of hints) {
      for (const text of [h, `x${h}y`, h.slice(1), `${h}${h.slice(0, 2)}`]) {
        const passing = all.passing('src/a.ts', text);
        expect(active.filter((a) => passing.has(a)).map((a) => a.rule.id)).toEqual(active.filter((a) => oneByOne(a.rule, 'src/a.ts', text)).map((a) => a.rule.id));
      }
    }
  });
});
