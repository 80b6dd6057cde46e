// The audit command's arguments: its options (one table, which yargs is given for --help and the
// validation of every unusual command line, and which simple-args.ts reads to parse the plain ones
// without loading yargs), and the parse itself.

import type { Argv } from 'yargs';
import { DEFAULT_MAX_FILE_SIZE } from '../engine/audit.js';
import { DEFAULT_FILE_TIME_BUDGET_MS } from '../engine/budget.js';
import { PACKAGE } from '../version.js';
import { addFormatOptions, FORMAT_NAMES, FORMAT_OPTIONS } from './formats.js';
import { addWorkflowOptions, WORKFLOW_OPTIONS, type WorkflowArgs } from './commands/audit-workflow.js';
import { SUBCOMMANDS_HELP } from './commands/index.js';
import { KINDS } from './rule-selection.js';
import { addOptions, parseSimpleArgs, type OptionTable, type ParsedArgs } from './simple-args.js';
import { emptyValue, needsValue, oneLineUsage, type KnownOptions } from './usage.js';

export class UsageError extends Error {}

export const FAIL_ON = ['error', 'warning', 'info', 'never'] as const;
export const MIN_SEVERITY = ['info', 'warning', 'error'] as const;

const SCRIPT_NAME = 'twelve-factor-audit';

/** The audit's own options, between the output ones (formats.ts) and the workflow ones (audit-workflow.ts). */
export const AUDIT_OPTIONS = {
  'fail-on': { choices: FAIL_ON, default: 'error', requiresArg: true, describe: 'lowest severity that makes the exit code 1' },
  'max-warnings': { type: 'number', requiresArg: true, describe: "also exit 1 when there are more than this many warnings (ESLint's --max-warnings)" },
  rule: { type: 'string', requiresArg: true, describe: 'set a rule for this run: <id>[:off|info|warning|error], repeatable' },
  only: { type: 'string', requiresArg: true, describe: 'run only these rules or factors (ids, names or factor ids; repeatable or comma-separated)' },
  skip: { type: 'string', requiresArg: true, describe: 'run every rule but these rules or factors' },
  kind: { type: 'string', requiresArg: true, describe: `run only the rules that read these kinds of file: ${KINDS.join(', ')}` },
  'sarif-category': { type: 'string', requiresArg: true, describe: 'SARIF automationDetails category (GitHub code scanning) [default: twelve-factor-audit/<path in the repository>]' },
  plugin: { type: 'string', requiresArg: true, describe: 'load rules from this package or folder (written with defineRule; repeatable)' },
  'print-config': { type: 'string', requiresArg: true, describe: 'print the settings that apply to this file (config, overrides, rule flags) as JSON, and exit' },
  quiet: { type: 'boolean', default: false, describe: 'report errors only (the exit code still follows --fail-on)' },
  'min-severity': { choices: MIN_SEVERITY, default: 'info', requiresArg: true, describe: 'report findings of this severity and above: warning hides info (the exit code, score and summary still count every finding)' },
  'max-file-size': { type: 'number', requiresArg: true, default: DEFAULT_MAX_FILE_SIZE, describe: 'skip files larger than this many bytes (reported)' },
  'file-time-budget': {
    type: 'number',
    requiresArg: true,
    default: DEFAULT_FILE_TIME_BUDGET_MS,
    describe: 'skip (and report) a file whose analysis takes longer than this many milliseconds; 0: no budget',
  },
  'allow-empty': { type: 'boolean', default: false, describe: 'exit 0 when there is nothing to audit instead of 2' },
  concurrency: { type: 'string', requiresArg: true, default: 'auto', describe: 'threads for reading and parsing: a number, or auto (1 on small trees and 2-core machines)' },
  cache: { type: 'boolean', default: false, describe: 'reuse per-file results of unchanged files (cross-file checks always run again)' },
  'cache-location': { type: 'string', requiresArg: true, describe: 'cache file or directory [default: the user cache dir, never inside the audited tree]' },
  'cache-strategy': {
    choices: ['metadata', 'content'],
    default: 'metadata',
    requiresArg: true,
    describe: 'how the cache tells a file is unchanged: metadata (size and times, no read) or content (hash of the bytes; use where checkouts change file times, as in CI)',
  },
  progress: { type: 'boolean', default: true, describe: 'show a progress line on a terminal for runs over a second (--no-progress: never)' },
  color: { type: 'boolean', describe: 'force colours on or off (default: on for a terminal; NO_COLOR and FORCE_COLOR are honoured)' },
  debug: { type: 'boolean', default: false, describe: 'print stack traces of internal errors' },
} as const satisfies OptionTable;

/** Every option of the audit command, as the simple parser reads them. */
export const ALL_OPTIONS: OptionTable = { ...FORMAT_OPTIONS, ...AUDIT_OPTIONS, ...WORKFLOW_OPTIONS };

/** Options whose value cannot be empty; with their choices where the set is fixed. */
export const KNOWN: KnownOptions = {
  names: [],
  choices: { 'fail-on': FAIL_ON, 'min-severity': MIN_SEVERITY, 'cache-strategy': ['metadata', 'content'], kind: KINDS, format: FORMAT_NAMES },
};

/** The parsed arguments of an audit, as yargs gives them (and parseSimpleArgs does). */
export interface AuditArgs extends WorkflowArgs {
  format?: string | string[];
  output?: string;
  badge?: string;
  timestamp?: boolean;
  'fail-on': (typeof FAIL_ON)[number];
  'max-warnings'?: number;
  rule?: string | string[];
  only?: string | string[];
  skip?: string | string[];
  kind?: string | string[];
  'sarif-category'?: string;
  plugin?: string | string[];
  'print-config'?: string;
  quiet?: boolean;
  'min-severity': (typeof MIN_SEVERITY)[number];
  'max-file-size': number;
  'file-time-budget': number;
  'allow-empty'?: boolean;
  concurrency: string;
  cache?: boolean;
  'cache-location'?: string;
  'cache-strategy': 'metadata' | 'content';
  progress?: boolean;
  color?: boolean;
  debug?: boolean;
}

/**
 * The audit's arguments, or null when yargs printed what --help or --version asked for. Throws
 * UsageError (or yargs' own error) for a command line yargs rejects.
 */
export async function parseAuditArgs(argv: string[], stdout: (s: string) => void): Promise<AuditArgs | null> {
  const version = versionOutput(argv);
  if (version !== undefined) {
    stdout(version);
    return null;
  }
  const simple = simpleAuditArgs(argv);
  return simple ? (simple as unknown as AuditArgs) : ((await yargsAuditArgs(argv, stdout)) as unknown as AuditArgs | null);
}

/** What yargs prints for `--version` given alone (scripts and CI logs ask it); undefined for any other argv. */
export function versionOutput(argv: readonly string[]): string | undefined {
  return argv.length === 1 && argv[0] === '--version' ? `${PACKAGE.version}\n` : undefined;
}

/** The plain command lines of CI jobs and hooks, parsed as yargs would; undefined: ask yargs. */
export function simpleAuditArgs(argv: readonly string[]): ParsedArgs | undefined {
  return parseSimpleArgs(argv, ALL_OPTIONS, 'paths', SCRIPT_NAME);
}

/** yargs' parse of the audit command line (help, version, validation and its messages included). */
export async function yargsAuditArgs(argv: string[], stdout: (s: string) => void): Promise<ParsedArgs | null> {
  const { default: yargs } = await import('yargs');
  const parser = addOptions(
    addFormatOptions(
      yargs(argv)
        .scriptName(SCRIPT_NAME)
        .usage('$0 [path]\n\nAudit a Node/TypeScript service against the twelve-factor methodology.\n\n$0 schema report             print the JSON report schema\n$0 dashboard <report.json...>  merge reports into a fleet view\n$0 model [path]                print the service model')
        .command('$0 [paths..]', 'audit a directory (default: the current one), or report only on the files named', (y) =>
          y.positional('paths', { type: 'string', array: true, describe: 'directory to audit, or files to report on' }),
        ) as Argv,
    ),
    AUDIT_OPTIONS,
  )
    .example('$0', 'audit the current directory')
    .example('$0 services/api --format json -o report.json', 'write a JSON report for one service')
    .example('$0 --fail-on warning', 'fail the build on warnings too')
    .example('$0 -f stylish -f sarif:out.sarif -f html:report.html', 'several formats from one run')
    .strict()
    .version(PACKAGE.version)
    .help()
    .exitProcess(false)
    .fail((msg, err) => {
      throw err ?? new UsageError(oneLineUsage(msg, known));
    });
  addWorkflowOptions(parser).epilog(SUBCOMMANDS_HELP);
  const known: KnownOptions = { ...KNOWN, names: Object.keys((parser as unknown as { getOptions(): { key: Record<string, unknown> } }).getOptions().key) };
  const empty = emptyValue(argv, known.names);
  if (empty) throw new UsageError(needsValue(empty, known));
  let helpOrVersion = false;
  parser.showHelpOnFail(false);
  const args = await parser.parseAsync(argv, {}, (err, _parsed, output) => {
    if (err) throw err instanceof Error ? err : new UsageError(String(err));
    if (output) {
      helpOrVersion = true;
      stdout(`${output}\n`);
    }
  });
  return helpOrVersion ? null : (args as unknown as ParsedArgs);
}
