// The rules of one run with their effective severity and options. Built once per run and shared by
// every file of the per-file phase.

import type { RuleDefinition, Severity } from '../rule-api/types.js';

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

/** Off only in tests that prove the hints change no finding (test/cross-rule.test.ts). */
let textHintsEnabled = true;
export function setTextHintsEnabled(enabled: boolean): void {
  textHintsEnabled = enabled;
}

/**
 * The text hints of every rule of a run, searched in one pass over a file's text instead of one
 * search per hint per rule: one regular expression over the union of the hints finds each place
 * where some hint starts, every hint starting there is checked, and the rules of the hints found
 * pass. The scan restarts one character after each hit, so a hint inside another (`pino` in
 * `pino-roll`) is found as surely as by a search of its own; it stops once every hint is found.
 */
export interface HintIndex {
  /** The rules (of those the index was built for) whose TS visitors may report in this file. */
  passing(path: string, text: string): ReadonlySet<ActiveRule>;
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
  const hinted: ActiveRule[] = [];
  /** Hint -> the rules it lets through. */
  const rulesOf = new Map<string, ActiveRule[]>();
  for (const active of rules) {
    const hints = active.rule.textHints;
    if (!hints || hints.ts.length === 0) {
      // No hint: always runs; only a path hint (and no text hint) can still let it through.
      if (!hints) unhinted.push(active);
      else hinted.push(active);
      continue;
    }
    hinted.push(active);
    for (const h of hints.ts) {
      if (h === '') {
        unhinted.push(active); // an empty hint is in every text
        continue;
      }
      const list = rulesOf.get(h);
      if (list) list.push(active);
      else rulesOf.set(h, [active]);
    }
  }
  const hints = [...rulesOf.keys()];
  /** First character -> the hints starting with it. */
  const byFirst = new Map<string, string[]>();
  for (const h of hints) {
    const list = byFirst.get(h[0]!);
    if (list) list.push(h);
    else byFirst.set(h[0]!, [h]);
  }
  const pattern = hints.length > 0 ? new RegExp(hints.map(escapeRegExp).join('|'), 'g') : null;
  return {
    passing(path, text) {
      const out = new Set<ActiveRule>(unhinted);
      if (!textHintsEnabled) return new Set(rules);
      for (const active of hinted) if (active.rule.textHints!.path?.test(path)) out.add(active);
      if (!pattern) return out;
      const found = new Set<string>();
      pattern.lastIndex = 0;
      let m: RegExpExecArray | null;
      while (found.size < hints.length && (m = pattern.exec(text)) !== null) {
        const at = m.index;
        for (const h of byFirst.get(text[at]!) ?? []) {
          if (found.has(h) || !text.startsWith(h, at)) continue;
          found.add(h);
          for (const active of rulesOf.get(h)!) out.add(active);
        }
        pattern.lastIndex = at + 1;
      }
      return out;
    },
  };
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
