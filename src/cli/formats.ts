// Output formats of the CLI: `--format name[:file]` (repeatable: one audit, several writers),
// `--output` for the single-format case, `--badge`, `--timestamp`; and the subcommands that only
// deal with reports: `schema report` and `dashboard <report.json...>`.

import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Argv } from 'yargs';
import yargs from 'yargs';
import type { RuleDefinition } from '../rule-api/types.js';
import type { Report } from '../reporters/report.js';
import { formatJson } from '../reporters/json.js';
import { formatStylish } from '../reporters/stylish.js';
import { formatSarif } from '../reporters/sarif.js';
import { formatJunit } from '../reporters/junit.js';
import { formatMarkdown } from '../reporters/markdown.js';
import { formatHtml } from '../reporters/html.js';
import { formatBadge } from '../reporters/badge.js';
import { readSourceLines, type SourceLines } from '../reporters/sources.js';
import { buildFleet, formatFleetHtml, formatFleetJson } from '../reporters/dashboard.js';
import { dashboardSchemaText, reportSchemaErrors, reportSchemaText } from '../reporters/schema.js';
import type { WriterInput } from '../reporters/context.js';
import { writeFileAtomic } from './output.js';

export const FORMAT_NAMES = ['stylish', 'json', 'sarif', 'junit', 'markdown', 'html'] as const;
export type FormatName = (typeof FORMAT_NAMES)[number];

/** Formats that show or fingerprint source lines: the CLI reads (redacted) lines only for these. */
const NEEDS_SOURCES = new Set<FormatName>(['sarif', 'html']);

export interface FormatTarget {
  format: FormatName;
  /** Absent: stdout (or --output). */
  file?: string;
}

export class FormatUsageError extends Error {}

export function addFormatOptions<T>(y: Argv<T>) {
  return y
    .option('format', {
      alias: 'f',
      type: 'string',
      array: true,
      default: ['stylish'],
      describe: `output format, repeatable, with an optional file: ${FORMAT_NAMES.join(' | ')} (e.g. -f stylish -f sarif:out.sarif)`,
    })
    .option('output', { alias: 'o', type: 'string', describe: 'write the report to a file instead of stdout (one format)' })
    .option('badge', { type: 'string', describe: 'also write a score badge (SVG) to this file' })
    .option('timestamp', { type: 'boolean', default: false, describe: 'add generatedAt to the report (reports are reproducible without it)' });
}

/** `["stylish", "sarif:out.sarif"]` -> targets; --output goes to the one format without a file. */
export function parseFormats(values: readonly string[], output: string | undefined): FormatTarget[] {
  const targets: FormatTarget[] = [];
  for (const raw of values.flatMap((v) => String(v).split(',')).filter((v) => v !== '')) {
    const colon = raw.indexOf(':');
    const name = colon < 0 ? raw : raw.slice(0, colon);
    const file = colon < 0 ? undefined : raw.slice(colon + 1);
    if (!(FORMAT_NAMES as readonly string[]).includes(name)) throw new FormatUsageError(`unknown format "${name}": choose ${FORMAT_NAMES.join(', ')}`);
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

export function needsSources(targets: FormatTarget[]): boolean {
  return targets.some((t) => NEEDS_SOURCES.has(t.format));
}

export function render(format: FormatName, input: WriterInput, color: boolean): string {
  switch (format) {
    case 'json':
      return formatJson(input.report);
    case 'sarif':
      return formatSarif(input);
    case 'junit':
      return formatJunit(input);
    case 'markdown':
      return formatMarkdown(input);
    case 'html':
      return formatHtml(input);
    case 'stylish':
      return formatStylish(input.report, { color });
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
}

/** Renders every requested format from the one report and writes each (files atomically). */
export async function writeOutputs(o: WriteOutputsOptions): Promise<void> {
  const sources: SourceLines | undefined = needsSources(o.targets) ? readSourceLines(o.root, o.report.findings, { maxFileSize: o.maxFileSize }) : undefined;
  const input: WriterInput = { report: o.report, rules: o.rules, ...(sources ? { sources } : {}) };
  for (const t of o.targets) {
    const color = t.file === undefined ? (o.color ?? o.isTTY) : (o.color ?? false);
    const text = render(t.format, input, color);
    if (t.file !== undefined) await writeFileAtomic(path.resolve(o.cwd, t.file), text);
    else o.stdout(text);
  }
  if (o.badge) await writeFileAtomic(path.resolve(o.cwd, o.badge), formatBadge(o.report));
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
  const parser = yargs(argv)
    .scriptName('twelve-factor-audit')
    .command('schema <name>', 'print the JSON Schema of a report or of the dashboard JSON', (y) => y.positional('name', { choices: ['report', 'dashboard'] as const, describe: 'which schema' }))
    .command('dashboard <reports..>', 'merge the JSON reports of many services into one fleet view', (y) =>
      y
        .positional('reports', { type: 'string', array: true, describe: 'JSON reports (twelve-factor-audit --format json)' })
        .option('format', { alias: 'f', choices: ['html', 'json'] as const, default: 'html' as const, describe: 'output format' })
        .option('output', { alias: 'o', type: 'string', describe: 'write to a file instead of stdout' }),
    )
    .strict()
    .help()
    .version(false)
    .exitProcess(false)
    .fail((msg, err) => {
      throw err ?? new FormatUsageError(msg);
    });
  const args = await parser.parseAsync(argv, {}, (err, _parsed, output) => {
    if (err) throw err instanceof Error ? err : new FormatUsageError(String(err));
    if (output) helpText = output;
  });
  if (helpText !== undefined) {
    io.stdout(`${helpText}\n`);
    return 0;
  }
  const command = String(args._[0]);
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
      throw new FormatUsageError(`${file}: cannot read a JSON report (${(err as Error).message})`);
    }
    const problems = reportSchemaErrors(value);
    if (problems) throw new FormatUsageError(`${file} is not a twelve-factor-audit JSON report:\n${problems}`);
    // The service links to its HTML report when one sits beside the JSON (same name), else to the JSON.
    const json = path.resolve(io.cwd, file);
    const html = json.replace(/\.json$/i, '.html');
    const from = args.output ? path.dirname(path.resolve(io.cwd, String(args.output))) : io.cwd;
    const link = path.relative(from, html !== json && existsSync(html) ? html : json).split(path.sep).join('/');
    inputs.push({ source: file, report: value as Report, link });
  }
  const fleet = buildFleet(inputs);
  const text = args.format === 'json' ? formatFleetJson(fleet) : formatFleetHtml(fleet);
  if (args.output) await writeFileAtomic(path.resolve(io.cwd, String(args.output)), text);
  else io.stdout(text);
  return 0;
}
