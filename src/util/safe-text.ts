// The one function every string from the scanned tree goes through before a terminal, a log or an
// error line sees it, whatever command prints it (audit errors and warnings, config errors, `model`):
// secrets redacted (known token formats, URL passwords, values of secret-named `name=value`
// arguments), then control, bidirectional and invisible format characters made visible.

import { findKnownSecrets, isPlaceholder, isSecretName, looksLikeSecretValue, redact, redactKnownTokens } from '../secrets/detect.js';
import { printable } from './printable.js';

/** `--api-key=abc…`, `API_KEY=abc…`, `token: abc…`: a secret-like name, then the value up to a space or quote. */
const NAMED_VALUE = /([A-Za-z_][\w.-]{0,80})(=|: ?)(["']?)([^\s"'`,;]{8,4096})/g;

/** `critical`, `warning:`: a short lowercase word is an option value (`--rule config/hardcoded-secret:critical`), not a credential. */
const PLAIN_WORD = /^[a-z]{1,12}:?$/;

/** Redacts what could be a secret in a line of text (known formats, URL passwords, secret-named values). */
export function redactSecrets(text: string): string {
  let out = redactKnownTokens(text);
  if (out.length >= 8) {
    const found = findKnownSecrets(out).sort((a, b) => b.index - a.index);
    for (const m of found) if (!m.value.includes('…')) out = out.slice(0, m.index) + redact(m.value) + out.slice(m.index + m.value.length);
  }
  if (out.includes('=') || out.includes(':')) {
    NAMED_VALUE.lastIndex = 0;
    out = out.replace(NAMED_VALUE, (all, name: string, sep: string, quote: string, value: string) =>
      isSecretName(name.replace(/^-+/, '')) && !value.includes('…') && !isPlaceholder(value) && !value.startsWith('$') && !PLAIN_WORD.test(value) ? `${name}${sep}${quote}${redact(value)}` : all,
    );
  }
  return out;
}

/** A value quoted in a message (`found "…"`, `unknown rule id "…"`): redacted whole when it could be a secret. */
export function redactQuotedValue(value: string): string {
  if (value.length >= 8 && (findKnownSecrets(value).length > 0 || looksLikeSecretValue(value))) return redact(value);
  return redactSecrets(value);
}

/**
 * A parser's message without the source text it quotes: V8's JSON.parse says `Unexpected token 'a',
 * "{"key": abcdefghij"... is not valid JSON`, ten characters of what may be a secret. The position
 * stays (the finding has the line and column).
 */
export function withoutQuotedSource(message: string): string {
  const suffix = ' is not valid JSON';
  if (!message.endsWith(suffix)) return redactSecrets(message);
  // The snippet starts `"` or `..."` after the first comma.
  const starts = [message.indexOf(', "'), message.indexOf(', ..."')].filter((i) => i >= 0);
  return redactSecrets(starts.length > 0 ? message.slice(0, Math.min(...starts)) + suffix : message);
}

/** One line for a terminal or a log: secrets redacted, control and bidi characters escaped. */
export function safeText(text: string): string {
  return printable(redactSecrets(text));
}

/** safeText line by line, keeping the line breaks of a multi-line printout. */
export function safeLines(text: string): string {
  return text
    .split('\n')
    .map((line) => safeText(line))
    .join('\n');
}
