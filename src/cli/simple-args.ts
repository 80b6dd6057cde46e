// The command line of a CI job or a git hook, parsed without yargs. Loading yargs and building its
// parser costs ~40 ms of CPU on every run (its modules, its instance, its parse, the node:assert its
// platform layer requires), which a cached audit of a few hundred milliseconds feels. Here the
// argument vectors made only of the plain forms are parsed into the object yargs would give for
// them, from the same option table yargs is given; anything else (help, version, `--name=value`,
// grouped short flags, a value that starts with a dash, `--`, an unknown or misspelled option, a
// value yargs would reject or coerce in a way not reproduced here) returns undefined, and the
// caller asks yargs, which gives its own answer and its own error messages.
// src/cli/audit-args.test.ts runs both over a table of argument vectors and requires the same object.

import type { Argv, Options } from 'yargs';

/** One option as yargs is given it (`.option(name, spec)`): the fields this parser understands. */
export interface OptionSpec {
  /** Absent with `choices`: a string that must be one of them. */
  type?: 'string' | 'boolean' | 'number';
  /** One letter: `-f`. */
  alias?: string;
  default?: string | number | boolean;
  requiresArg?: boolean;
  choices?: readonly string[];
  describe: string;
}

export type OptionTable = Readonly<Record<string, OptionSpec>>;

/** The object yargs returns: every option under its name, its camelCase name and its alias. */
export type ParsedArgs = Record<string, unknown> & { _: (string | number)[]; $0: string };

/** What yargs-parser reads as a number given to a `type: 'number'` option; other forms go to yargs. */
const PLAIN_NUMBER = /^(?:0|[1-9]\d{0,14})$/;

/** A boolean flag followed by one of these takes it as its value in yargs: left to yargs. */
const BOOLEAN_WORD = /^(?:true|false)$/i;

/**
 * `argv` parsed as yargs parses it for a command `$0 [<positional>..]` with the options of `table`,
 * strict, or undefined when it has a form this parser does not reproduce.
 */
export function parseSimpleArgs(argv: readonly string[], table: OptionTable, positional: string, scriptName: string): ParsedArgs | undefined {
  const flags = new Map<string, string>();
  for (const [name, spec] of Object.entries(table)) {
    flags.set(`--${name}`, name);
    if (spec.alias !== undefined && spec.alias.length === 1) flags.set(`-${spec.alias}`, name);
  }
  const given = new Map<string, string | number | boolean | string[]>();
  const positionals: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const token = argv[i]!;
    if (!token.startsWith('-')) {
      if (token === '') return undefined;
      positionals.push(token);
      continue;
    }
    let name = flags.get(token);
    let negated = false;
    if (name === undefined && token.startsWith('--no-') && Object.hasOwn(table, token.slice(5))) {
      name = token.slice(5);
      negated = true;
    }
    if (name === undefined) return undefined;
    const spec = table[name]!;
    const before = given.get(name);
    if (negated) {
      // yargs gives false to a negated boolean, and to a negated string option without a default.
      if (before !== undefined || !(spec.type === 'boolean' || (spec.type === 'string' && spec.default === undefined))) return undefined;
      given.set(name, false);
      continue;
    }
    if (spec.type === 'boolean') {
      if (before !== undefined || BOOLEAN_WORD.test(argv[i + 1] ?? '')) return undefined;
      given.set(name, true);
      continue;
    }
    const value = argv[i + 1];
    if (value === undefined || value === '' || value.startsWith('-')) return undefined;
    i++;
    if (spec.type === 'number') {
      if (before !== undefined || !PLAIN_NUMBER.test(value)) return undefined;
      given.set(name, Number(value));
    } else if (spec.type === 'string' && spec.choices === undefined) {
      // A string option given again becomes the list of its values, in order (`-f stylish -f sarif:x`).
      if (before === undefined) given.set(name, value);
      else if (typeof before === 'string') given.set(name, [before, value]);
      else if (Array.isArray(before)) before.push(value);
      else return undefined;
    } else {
      if (before !== undefined || spec.choices === undefined || !spec.choices.includes(value)) return undefined;
      given.set(name, value);
    }
  }
  const parsed: ParsedArgs = { _: [], $0: scriptName };
  for (const [name, spec] of Object.entries(table)) {
    const value = given.get(name) ?? spec.default;
    if (value === undefined) continue;
    parsed[name] = value;
    const camel = camelCase(name);
    if (camel !== name) parsed[camel] = value;
    if (spec.alias !== undefined) parsed[spec.alias] = value;
  }
  if (positionals.length > 0) parsed[positional] = positionals;
  return parsed;
}

/** yargs-parser's camel-case expansion of an option name: `fail-on` -> `failOn`. */
function camelCase(name: string): string {
  return name.replace(/-([a-z])/g, (_m, c: string) => c.toUpperCase());
}

/** Gives yargs the options of `table`, in its order (the order of `--help`). */
export function addOptions<T>(y: Argv<T>, table: OptionTable): Argv<T> {
  for (const [name, spec] of Object.entries(table)) y.option(name, spec as Options);
  return y;
}
