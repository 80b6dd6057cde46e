// File names and messages come from the scanned tree: in a terminal or a plain-text log, a name with
// an escape sequence can repaint the screen, a newline can forge a report line, and bidirectional
// overrides can make text read differently from what it is (Trojan Source). Text reporters print
// them through this function; JSON-based reports escape them already.

// eslint-disable-next-line no-control-regex
const UNPRINTABLE = /[\u0000-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

/** `\n` -> `\u000a`, ESC -> `\u001b`...: visible, unambiguous, one line. */
export function printable(text: string): string {
  return text.replace(UNPRINTABLE, (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
