// The per-file fact collectors' text gates: a collector whose facts can only come from a file that
// writes some word (a module name, `console`, `uncaughtException`) registers its handlers only for
// files whose text holds it, as rules' text hints do (src/engine/rule-set.ts). A name spelled with
// escape sequences (`'\u007aod'`) is not seen, as with the hints.

let gatesEnabled = true;

/** Off only in tests that prove the gates change no finding (test/cross-rule.test.ts, through setTextHintsEnabled). */
export function setFactTextGatesEnabled(enabled: boolean): void {
  gatesEnabled = enabled;
}

/** Whether a collector's handlers gated on `pattern` must run on this text. */
export function textMayHold(pattern: RegExp, text: string): boolean {
  return !gatesEnabled || pattern.test(text);
}

/** A table of fact handlers by node kind name. */
export type Handlers = Readonly<Record<string, (node: any) => void>>;

/**
 * The table of a group of handlers a file's text rules out. A gated group is an object literal of
 * its own rather than handlers added to a table after it is made: that cost more than it saved
 * (V8 kept more of each file's tree alive past young-generation collections: 42 -> 54 scavenges
 * on the synthetic 200 tree, ~10 % more CPU for the walk).
 */
export const NO_HANDLERS: Handlers = Object.freeze({});
