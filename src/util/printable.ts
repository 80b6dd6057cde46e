// File names and messages come from the scanned tree: in a terminal or a plain-text log, a name with
// an escape sequence can repaint the screen, a newline can forge a report line, and bidirectional
// overrides and marks (U+061C, U+200E; not the joiners U+200C/U+200D, which emoji and scripts need)
// can make text read differently from what it is (Trojan Source); U+2028/U+2029 break lines in some
// terminals and viewers. Text reporters print them through
// this function (src/util/safe-text.ts adds the redaction for every other printed string); JSON-based
// reports escape them already.

// eslint-disable-next-line no-control-regex
const UNPRINTABLE = /[\u0000-\u001f\u007f-\u009f\u061c\u200b\u200e\u200f\u2028\u2029\u202a-\u202e\u2060\u2066-\u2069\ufeff]/g;

/** `\n` -> `\u000a`, ESC -> `\u001b`...: visible, unambiguous, one line. */
export function printable(text: string): string {
  return text.replace(UNPRINTABLE, (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
