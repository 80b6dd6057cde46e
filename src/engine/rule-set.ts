// The rules of one run with their effective severity and options. Built once per run and shared by
// every file of the per-file phase.

import type { RuleDefinition, Severity } from '../rule-api/types.js';
import { KeywordIndex } from '../secrets/keyword-index.js';
import { setFactTextGatesEnabled } from '../model/fact-gates.js';

export interface ActiveRule {
  rule: RuleDefinition;
  severity: Severity;
  options: Record<string, unknown>;
}

export interface RuleSetting {
  severity?: Severity | 'off';
  options?: Record<string, unknown>;
}

export function activateRules(rules: RuleDefinition[], settings: Record<string, RuleSetting> = {}): ActiveRule[] {
  const active: ActiveRule[] = [];
  for (const rule of rules) {
    const setting = settings[rule.id] ?? {};
    if (setting.severity === 'off') continue;
    active.push({
      rule,
      severity: setting.severity ?? rule.severity,
      options: { ...(rule.defaultOptions ?? {}), ...(setting.options ?? {}) },
    });
  }
  return active;
}

const visitorKeysCache = new WeakMap<ActiveRule, ReadonlySet<string> | null>();

/**
 * Which per-file visitors (`ts`, `dockerfile`, `structured`...) a rule's create() returns with its
 * options, probed once per run, so that the per-file phase does not create the visitors of every
 * rule for every file only to find nothing for that kind. null: unknown (create() threw; the
 * per-file phase calls it and reports the crash as before).
 */
export function visitorKeys(active: ActiveRule): ReadonlySet<string> | null {
  let keys = visitorKeysCache.get(active);
  if (keys === undefined) {
    try {
      const visitors = active.rule.create?.(active.options) ?? {};
      keys = new Set(Object.entries(visitors).filter(([, v]) => v !== undefined).map(([k]) => k));
    } catch {
      keys = null;
    }
    visitorKeysCache.set(active, keys);
  }
  return keys;
}

/** False when the rule certainly has no visitor among `kinds` for this run. */
export function mayVisit(active: ActiveRule, ...kinds: string[]): boolean {
  if (!active.rule.create) return false;
  const keys = visitorKeys(active);
  return keys === null || kinds.some((k) => keys.has(k));
}

const visitingByRules = new WeakMap<readonly ActiveRule[], Map<string, readonly ActiveRule[]>>();

/**
 * The rules of `rules` (in order) that may have a visitor among `kinds`, as mayVisit says, listed
 * once per run and kinds instead of asked per rule per file.
 */
export function rulesVisiting(rules: readonly ActiveRule[], kinds: readonly string[]): readonly ActiveRule[] {
  let byKinds = visitingByRules.get(rules);
  if (!byKinds) {
    byKinds = new Map();
    visitingByRules.set(rules, byKinds);
  }
  const key = kinds.length === 1 ? kinds[0]! : kinds.join('\0');
  let list = byKinds.get(key);
  if (!list) {
    list = rules.filter((active) => mayVisit(active, ...kinds));
    byKinds.set(key, list);
  }
  return list;
}

/** Off only in tests that prove the hints (and the fact collectors' text gates) change no finding (test/cross-rule.test.ts). */
let textHintsEnabled = true;
export function setTextHintsEnabled(enabled: boolean): void {
  textHintsEnabled = enabled;
  setFactTextGatesEnabled(enabled);
}

/**
 * The text hints of every rule of a run, searched in one pass over a file's text (KeywordIndex)
 * instead of one search per hint per rule.
 */
export interface HintIndex {
  /** The rules (of those the index was built for) whose TS visitors may report in this file. */
  passing(path: string, text: string): RulesPassing;
}

/** Asked once per rule per file: the rules without hints are not copied into a set per file. */
export interface RulesPassing {
  has(active: ActiveRule): boolean;
}


const hintIndexes = new WeakMap<readonly ActiveRule[], HintIndex>();

export function hintIndex(rules: readonly ActiveRule[]): HintIndex {
  let index = hintIndexes.get(rules);
  if (!index) {
    index = buildHintIndex(rules);
    hintIndexes.set(rules, index);
  }
  return index;
}

function buildHintIndex(rules: readonly ActiveRule[]): HintIndex {
  const unhinted: ActiveRule[] = [];
  const byPath: ActiveRule[] = [];
  const entries: Array<[string, ActiveRule]> = [];
  for (const active of rules) {
    const hints = active.rule.textHints;
    if (!hints) {
      unhinted.push(active);
      continue;
    }
    if (hints.path) byPath.push(active);
    for (const h of hints.ts) entries.push([h, active]);
  }
  const keywords = new KeywordIndex(entries);
  const always = new Set(unhinted);
  const all = new Set(rules);
  return {
    passing(path, text) {
      if (!textHintsEnabled) return { has: (active) => all.has(active) };
      const found = new Set<ActiveRule>();
      for (const active of byPath) if (active.rule.textHints!.path!.test(path)) found.add(active);
      keywords.collect(text, found);
      return { has: (active) => always.has(active) || found.has(active) };
    },
  };
}
