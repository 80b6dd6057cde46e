// Subcommands beside the audit: `rules`, `explain <rule>`, `init [path]`, `schema config`. They are
// dispatched before the audit's own argument parser, so that a folder named like a command must be
// written `./rules` to be audited.

import { rules as allRules } from '../../../rules/index.js';
import type { RuleDefinition } from '../../rule-api/types.js';
import { WorkflowError } from '../../util/errors.js';
import { safeText } from '../../util/safe-text.js';

export interface CommandIO {
  stdout: (s: string) => void;
  stderr: (s: string) => void;
  cwd: string;
}

export const SUBCOMMANDS_HELP = [
  'Commands:',
  '  rules [--format json]  list the rules: id, factor, severity, targets',
  '  explain <rule>         print the docs page of a rule',
  '  init [path]            write a commented .twelve-factor.yml',
  '  schema config          print the JSON Schema of the config file',
].join('\n');

type Command = (args: string[], io: CommandIO, rules: readonly RuleDefinition[]) => Promise<number>;

// Loaded when named: every run passes through here, and an audit needs none of them.
const COMMANDS: Record<string, Command> = {
  rules: async (...a) => (await import('./rules.js')).rulesCommand(...a),
  explain: async (...a) => (await import('./explain.js')).explainCommand(...a),
  init: async (...a) => (await import('./init.js')).initCommand(...a),
  schema: async (...a) => (await import('./schema.js')).schemaCommand(...a),
};

/** Runs a subcommand when argv names one; undefined means "not a subcommand: run the audit". */
export async function runSubcommand(argv: string[], io: CommandIO, rules: readonly RuleDefinition[] = allRules): Promise<number | undefined> {
  const name = argv[0];
  if (name === undefined || !Object.hasOwn(COMMANDS, name)) return undefined;
  // `schema report` and other schemas belong to the reporters' subcommands.
  if (name === 'schema' && argv[1] !== 'config') return undefined;
  try {
    return await COMMANDS[name]!(argv.slice(1), io, rules);
  } catch (err) {
    if (err instanceof WorkflowError || (err instanceof Error && err.name === 'YError')) {
      io.stderr(`twelve-factor-audit ${name}: ${safeText(err.message)}\n`);
      return 2;
    }
    throw err;
  }
}
