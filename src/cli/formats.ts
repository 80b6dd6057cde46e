// Output formats of the CLI: `--format name[:file]` (repeatable: one audit, several writers),
// `--output` for the single-format case, `--badge`, `--timestamp`; and the subcommands that only
// deal with reports: `schema report` and `dashboard <report.json...>`.

import { existsSync, lstatSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Argv } from 'yargs';
import type { RuleDefinition } from '../rule-api/types.js';
import type { HiddenFindings, Report } from '../reporters/report.js';
// The reporters are imported when their format is asked for (render): a run writes one or two of
// the nine, and each module loaded costs start-up time on every run, cached ones included.
import type { SarifOptions } from '../reporters/sarif.js';
import type { SourceLines } from '../reporters/sources.js';
import type { WriterInput } from '../reporters/context.js';
import { writeFileAtomic } from './output.js';
import { closestId } from '../util/errors.js';
import { printable } from '../util/printable.js';
import { oneLineUsage } from './usage.js';
import { addOptions, type OptionTable } from './simple-args.js';

export const FORMAT_NAMES = ['stylish', 'json', 'sarif', 'junit', 'gitlab', 'github', 'markdown', 'html'] as const;
export type FormatName = (typeof FORMAT_NAMES)[number];

/** Formats that show source lines: the CLI reads (redacted) lines only for these. */
const NEEDS_SOURCES = new Set<FormatName>(['html']);

export interface FormatTarget {
  format: FormatName;
  /** Absent: stdout (or --output). */
  file?: string;
}

export class FormatUsageError extends Error {}

/** The options of the audit command about its output (yargs' `.option` specs; simple-args.ts reads them too). */
export const FORMAT_OPTIONS = {
  // Not an array option: `--format json <dir>` would take the folder as a second format. Repeat
  // the flag (or separate with commas) for several formats.
  format: {
    alias: 'f',
    type: 'string',
    requiresArg: true,
    default: 'stylish',
    describe: `output format, repeatable, with an optional file: ${FORMAT_NAMES.join(' | ')} (e.g. -f stylish -f sarif:out.sarif)`,
  },
  output: { alias: 'o', type: 'string', requiresArg: true, describe: 'write the report to a file instead of stdout (one format)' },
  badge: { type: 'string', requiresArg: true, describe: 'also write a score badge (SVG) to this file' },
  timestamp: { type: 'boolean', default: false, describe: 'add generatedAt to the report (reports are reproducible without it)' },
} as const satisfies OptionTable;

export function addFormatOptions<T>(y: Argv<T>): Argv<T> {
  return addOptions(y, FORMAT_OPTIONS);
}

/** `["stylish", "sarif:out.sarif"]` -> targets; --output goes to the one format without a file. */
export function parseFormats(values: readonly string[], output: string | undefined): FormatTarget[] {
  const targets: FormatTarget[] = [];
  for (const raw of values.flatMap((v) => String(v).split(',')).filter((v) => v !== '')) {
    const colon = raw.indexOf(':');
    const name = colon < 0 ? raw : raw.slice(0, colon);
    const file = colon < 0 ? undefined : raw.slice(colon + 1);
    if (!(FORMAT_NAMES as readonly string[]).includes(name)) {
      const near = closestId(name, FORMAT_NAMES);
      throw new FormatUsageError(`--format "${printable(name)}" is not one of: ${FORMAT_NAMES.join(', ')}${near ? `; did you mean "${near}"?` : ''}`);
    }
    if (file === '') throw new FormatUsageError(`--format ${name}: expected a file name after the colon`);
    targets.push({ format: name as FormatName, ...(file !== undefined ? { file } : {}) });
  }
  if (targets.length === 0) targets.push({ format: 'stylish' });
  const toStdout = targets.filter((t) => t.file === undefined);
  if (output !== undefined) {
    if (toStdout.length !== 1) throw new FormatUsageError('--output names the file of the one format given without a file: use --format <name>:<file> for each format instead');
    toStdout[0]!.file = output;
  } else if (toStdout.length > 1) {
    throw new FormatUsageError(`only one format can go to stdout (${toStdout.map((t) => t.format).join(', ')} were given without a file): use --format <name>:<file>`);
  }
  const files = targets.filter((t) => t.file !== undefined).map((t) => t.file!);
  const twice = files.find((f, i) => files.indexOf(f) !== i);
  if (twice) throw new FormatUsageError(`two formats would write the same file: ${twice}`);
  return targets;
}

/** `dashboard` and `schema` mistakes in the tool's one-line form, with what to do instead. */
function subcommandUsage(command: string | undefined, message: string): string {
  if (command === 'dashboard' && /Not enough non-option arguments/.test(message)) {
    return 'dashboard needs one or more JSON reports: twelve-factor-audit dashboard reports/*.json (write each with --format json -o report.json)';
  }
  if (command === 'schema' && /Not enough non-option arguments/.test(message)) return 'schema needs a name: report or config';
  const line = oneLineUsage(message, { names: ['format', 'output', 'help'], choices: { format: ['html', 'json'] } });
  return line.startsWith('--name ') ? line.replace(/^--name /, 'schema ') : `${command ?? ''}: ${line}`;
}

export function needsSources(targets: FormatTarget[]): boolean {
  return targets.some((t) => NEEDS_SOURCES.has(t.format));
}

export interface RenderOptions {
  color: boolean;
  sarif?: SarifOptions;
}

export async function render(format: FormatName, input: WriterInput, options: RenderOptions): Promise<string> {
  switch (format) {
    case 'json':
      return (await import('../reporters/json.js')).formatJson(input.report);
    case 'sarif':
      return (await import('../reporters/sarif.js')).formatSarif(input, options.sarif);
    case 'junit':
      return (await import('../reporters/junit.js')).formatJunit(input);
    case 'gitlab':
      return (await import('../reporters/gitlab.js')).formatGitlab(input);
    case 'github':
      return (await import('../reporters/github.js')).formatGithub(input);
    case 'markdown':
      return (await import('../reporters/markdown.js')).formatMarkdown(input);
    case 'html':
      return (await import('../reporters/html.js')).formatHtml(input);
    case 'stylish':
      return (await import('../reporters/stylish.js')).formatStylish(input.report, { color: options.color });
  }
}

export interface WriteOutputsOptions {
  targets: FormatTarget[];
  report: Report;
  rules: RuleDefinition[];
  /** The audited folder, to read source lines for the formats that show them. */
  root: string;
  cwd: string;
  isTTY: boolean;
  color?: boolean;
  badge?: string;
  maxFileSize?: number;
  stdout: (s: string) => void;
  hidden?: HiddenFindings;
  sarifCategory?: string;
  onWarning?: (message: string) => void;
}

/** Renders every requested format from the one report and writes each (files atomically). */
export async function writeOutputs(o: WriteOutputsOptions): Promise<void> {
  let sources: SourceLines | undefined;
  if (needsSources(o.targets)) {
    const { readSourceLines, secretRuleIds } = await import('../reporters/sources.js');
    sources = readSourceLines(o.root, o.report.findings, { secretRules: secretRuleIds(o.rules), ...(o.maxFileSize !== undefined ? { maxFileSize: o.maxFileSize } : {}) });
  }
  const anchor = repositoryAnchor(o.root, o.report);
  const input: WriterInput = {
    report: o.report,
    rules: o.rules,
    ...(sources ? { sources } : {}),
    ...(o.hidden ? { hidden: o.hidden } : {}),
    ...(anchor !== undefined ? { repositoryAnchor: anchor } : {}),
  };
  const sarif: SarifOptions = { ...(o.sarifCategory !== undefined ? { category: o.sarifCategory } : {}), ...(o.onWarning ? { onWarning: o.onWarning } : {}) };
  for (const t of o.targets) {
    const color = t.file === undefined ? (o.color ?? o.isTTY) : (o.color ?? false);
    const text = await render(t.format, input, { color, sarif });
    if (t.file !== undefined) await writeFileAtomic(path.resolve(o.cwd, t.file), text, 'the report');
    else o.stdout(text);
  }
  if (o.badge) await writeFileAtomic(path.resolve(o.cwd, o.badge), (await import('../reporters/badge.js')).formatBadge(o.report), 'the badge');
}

/**
 * A real file for findings about the whole repository (file "."), which code scanning cannot show on
 * a folder: the root package.json (what says this is a Node service), else the first file another
 * finding names.
 */
function repositoryAnchor(root: string, report: Report): string | undefined {
  if (!report.findings.some((f) => f.file === '.')) return undefined;
  try {
    if (lstatSync(path.join(root, 'package.json')).isFile()) return 'package.json';
  } catch {
    // no package.json at the root
  }
  return report.findings.find((f) => f.file !== '.')?.file;
}

export interface SubcommandIO {
  stdout: (s: string) => void;
  stderr: (s: string) => void;
  cwd: string;
}

export const SUBCOMMANDS = ['schema', 'dashboard'] as const;

/**
 * `schema report` and `dashboard <report.json...>`. Returns the exit code; throws FormatUsageError
 * for bad arguments or unreadable reports.
 */
export async function runSubcommand(argv: string[], io: SubcommandIO): Promise<number> {
  let helpText: string | undefined;
  // Loaded here: an audit's start-up does without yargs (simple-args.ts).
  const { default: yargs } = await import('yargs');
  const parser = yargs(argv)
    .scriptName('twelve-factor-audit')
    .command('schema <name>', 'print a JSON Schema: report (the JSON report), dashboard (the dashboard JSON) or config (the config file)', (y) =>
      y.positional('name', { choices: ['report', 'dashboard', 'config'] as const, describe: 'which schema' }),
    )
    .command('dashboard <reports..>', 'merge the JSON reports of many services into one fleet view', (y) =>
      y
        .positional('reports', { type: 'string', array: true, describe: 'JSON reports (twelve-factor-audit --format json)' })
        .option('format', { alias: 'f', choices: ['html', 'json'] as const, default: 'html' as const, requiresArg: true, describe: 'output format' })
        .option('output', { alias: 'o', type: 'string', requiresArg: true, describe: 'write to a file instead of stdout' }),
    )
    .strict()
    .help()
    .version(false)
    .exitProcess(false)
    .fail((msg, err) => {
      throw err ?? new FormatUsageError(subcommandUsage(argv[0], msg));
    });
  const args = await parser.parseAsync(argv, {}, (err, _parsed, output) => {
    if (err) throw err instanceof Error && err.name !== 'YError' ? err : new FormatUsageError(subcommandUsage(argv[0], err instanceof Error ? err.message : String(err)));
    if (output) helpText = output;
  });
  if (helpText !== undefined) {
    io.stdout(`${helpText}\n`);
    return 0;
  }
  const command = String(args._[0]);
  const { dashboardSchemaText, reportSchemaErrors, reportSchemaText } = await import('../reporters/schema.js');
  if (command === 'schema') {
    io.stdout(args.name === 'dashboard' ? dashboardSchemaText() : reportSchemaText());
    return 0;
  }
  const files = (args.reports as string[] | undefined) ?? [];
  const inputs = [];
  for (const file of files) {
    let value: unknown;
    try {
      value = JSON.parse(await readFile(path.resolve(io.cwd, file), 'utf8'));
    } catch (err) {
      const e = err as NodeJS.ErrnoException;
      throw new FormatUsageError(`dashboard: ${printable(file)}: cannot read a JSON report (${e.code ?? 'not JSON'}); write one with twelve-factor-audit --format json -o report.json`);
    }
    const problems = reportSchemaErrors(value);
    if (problems) {
      throw new FormatUsageError(
        `dashboard: ${printable(file)} is not a twelve-factor-audit JSON report (${printable(problems.split('\n')[0]!)}); write one with twelve-factor-audit --format json -o report.json`,
      );
    }
    // The service links to its HTML report when one sits beside the JSON (same name), else to the JSON.
    const json = path.resolve(io.cwd, file);
    const html = json.replace(/\.json$/i, '.html');
    const from = args.output ? path.dirname(path.resolve(io.cwd, String(args.output))) : io.cwd;
    const link = path.relative(from, html !== json && existsSync(html) ? html : json).split(path.sep).join('/');
    inputs.push({ source: file, report: value as Report, link });
  }
  const { buildFleet, formatFleetHtml, formatFleetJson } = await import('../reporters/dashboard.js');
  const fleet = buildFleet(inputs);
  const text = args.format === 'json' ? formatFleetJson(fleet) : formatFleetHtml(fleet);
  if (args.output) await writeFileAtomic(path.resolve(io.cwd, String(args.output)), text, 'the dashboard');
  else io.stdout(text);
  return 0;
}
