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
