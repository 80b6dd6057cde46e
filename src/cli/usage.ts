// yargs' own messages are several lines ("Invalid values:\n  Argument: …") and never suggest a fix.
// The CLI prints every usage mistake as one line in its own form, with the choices or the likely
// option: `--fail-on "critical" is not one of: error, warning, info, never`.

import { closestId } from '../util/errors.js';
import { printable } from '../util/printable.js';
import { joinLines } from '../util/text.js';

export interface KnownOptions {
  /** Long option names without dashes, and their choices when they have a fixed set. */
  names: readonly string[];
  choices?: Readonly<Record<string, readonly string[]>>;
}

/** One line for a yargs failure message, with a did-you-mean for an unknown option. */
export function oneLineUsage(message: string, known: KnownOptions): string {
  const unknown = /^Unknown arguments?: (.+)$/s.exec(message.trim());
  if (unknown) {
    const first = unknown[1]!.split(', ')[0]!.trim();
    const shown = first.length === 1 ? `-${first}` : `--${first}`;
    const near = closestOption(first, known.names);
    return `unknown option ${printable(shown)}${near ? `; did you mean --${near}?` : ''} (--help lists the options)`;
  }
  const invalid = /Argument: ([\w-]+), Given: (.*?), Choices: (.*)$/s.exec(message);
  if (invalid) {
    const choices = invalid[3]!.replace(/"/g, '').trim();
    return `--${invalid[1]} ${printable(invalid[2]!)} is not one of: ${choices}`;
  }
  const missing = /^Not enough arguments following: ([\w-]+)/.exec(message.trim());
  if (missing) return needsValue(missing[1]!, known);
  return printable(joinLines(message, '; '));
}

export function needsValue(option: string, known: KnownOptions): string {
  const choices = known.choices?.[option];
  return `--${option} needs a value${choices ? `: ${choices.join(', ')}` : ''}`;
}

function closestOption(wanted: string, names: readonly string[]): string | undefined {
  // closestId compares the part after a slash too; option names have none, so that is the same test.
  return closestId(wanted.replace(/^-+/, ''), names);
}

/**
 * Options that take a value and have no default must not silently take the next option or nothing:
 * `--fail-on --quiet` or a trailing `--format`. yargs' requiresArg covers a value-less option at the
 * end; an empty string (`--fail-on=`) is caught here.
 */
export function emptyValue(argv: readonly string[], valueOptions: readonly string[]): string | undefined {
  for (const a of argv) {
    if (a === '--') break;
    const m = /^--([\w-]+)=$/.exec(a);
    if (m && valueOptions.includes(m[1]!)) return m[1];
  }
  return undefined;
}
