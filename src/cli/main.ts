// The command line: parse arguments, run one audit, write the report, exit with a code CI can trust
// (0 nothing at or above --fail-on, 1 findings at or above it, 2 usage/config/internal error).

import path from 'node:path';
import yargs from 'yargs';
import { hideBin } from 'yargs/helpers';
import { audit, DEFAULT_MAX_FILE_SIZE } from '../engine/audit.js';
import { buildReport, type Report } from '../reporters/report.js';
import { readTarget } from '../reporters/target.js';
import { SEVERITY_RANK, type Severity } from '../rule-api/types.js';
import { PACKAGE } from '../version.js';
import { ruleModule, rules } from '../../rules/index.js';
import { addFormatOptions, FORMAT_NAMES, FormatUsageError, parseFormats, runSubcommand, SUBCOMMANDS, writeOutputs } from './formats.js';
import { parseConcurrency } from '../engine/worker-pool.js';
import { resolveCacheLocation } from '../engine/cache.js';
import { codeCacheDirOutside } from '../util/user-cache.js';
import { useTypeScriptCodeCache } from '../parsing/typescript-module.js';
import { createProgress } from '../engine/progress.js';
import { OutputError } from './output.js';
import { runSubcommand as runWorkflowCommand, SUBCOMMANDS_HELP } from './commands/index.js';
import { addWorkflowOptions, finishAudit, planAudit, type WorkflowArgs } from './commands/audit-workflow.js';
import { WorkflowError } from '../util/errors.js';
import { safeLines, safeText } from '../util/safe-text.js';
import { createTimings, formatTimings, timingFromEnv } from '../engine/timing.js';
import { DEFAULT_FILE_TIME_BUDGET_MS } from '../engine/budget.js';
import { isUnreadFile } from '../engine/diagnostics.js';
import { applyRuleFlags, KINDS, listOf, RuleSelectionError, selectRules } from './rule-selection.js';
import { emptyValue, needsValue, oneLineUsage, type KnownOptions } from './usage.js';
import { printConfig } from './print-config.js';
import { loadPlugins, PluginError } from './plugins.js';

export class UsageError extends Error {}

export interface CliIO {
  stdout: (s: string) => void;
  stderr: (s: string) => void;
  isTTY: boolean;
  cwd: string;
  /** stderr is a terminal: the progress line may be drawn there. */
  stderrIsTTY?: boolean;
  stderrColumns?: number;
  /** The environment, for NO_COLOR / FORCE_COLOR (main() passes process.env; default: none set). */
  env?: NodeJS.ProcessEnv;
}

/**
 * Colour on stdout, as chalk's supports-color decides it: --color/--no-color win; then FORCE_COLOR
 * (0 or false: off, anything else: on); then NO_COLOR (set and not empty: off, no-color.org); then
 * whether stdout is a terminal that is not TERM=dumb.
 */
export function colorWanted(flag: boolean | undefined, env: NodeJS.ProcessEnv, isTTY: boolean): boolean {
  if (flag !== undefined) return flag;
  const force = env.FORCE_COLOR;
  if (force !== undefined) return !(force === '0' || force.toLowerCase() === 'false');
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
  return isTTY && env.TERM !== 'dumb';
}

const FAIL_ON = ['error', 'warning', 'info', 'never'] as const;

/** Options whose value cannot be empty; with their choices where the set is fixed. */
const KNOWN: KnownOptions = {
  names: [],
  choices: { 'fail-on': FAIL_ON, 'cache-strategy': ['metadata', 'content'], kind: KINDS, format: FORMAT_NAMES },
};

export async function run(argv: string[], io: CliIO): Promise<number> {
  let debug = argv.includes('--debug');
  try {
    // rules, explain, init, schema config (commands/); then schema report, dashboard (formats.ts).
    const workflowCommand = await runWorkflowCommand(argv, io);
    if (workflowCommand !== undefined) return workflowCommand;
    if ((SUBCOMMANDS as readonly string[]).includes(argv[0] ?? '')) return await runSubcommand(argv, io);
    if (argv[0] === 'model') return await (await import('./commands/model.js')).runModelCommand(argv.slice(1), io);
    const parser = addFormatOptions(
      yargs(argv)
        .scriptName('twelve-factor-audit')
        .usage('$0 [path]\n\nAudit a Node/TypeScript service against the twelve-factor methodology.\n\n$0 schema report             print the JSON report schema\n$0 dashboard <report.json...>  merge reports into a fleet view\n$0 model [path]                print the service model')
        .command('$0 [paths..]', 'audit a directory (default: the current one), or report only on the files named', (y) =>
          y.positional('paths', { type: 'string', array: true, describe: 'directory to audit, or files to report on' }),
        ),
    )
      .option('fail-on', { choices: FAIL_ON, default: 'error' as const, requiresArg: true, describe: 'lowest severity that makes the exit code 1' })
      .option('max-warnings', { type: 'number', requiresArg: true, describe: 'also exit 1 when there are more than this many warnings (ESLint\'s --max-warnings)' })
      .option('rule', { type: 'string', requiresArg: true, describe: 'set a rule for this run: <id>[:off|info|warning|error], repeatable' })
      .option('only', { type: 'string', requiresArg: true, describe: 'run only these rules or factors (ids, names or factor ids; repeatable or comma-separated)' })
      .option('skip', { type: 'string', requiresArg: true, describe: 'run every rule but these rules or factors' })
      .option('kind', { type: 'string', requiresArg: true, describe: `run only the rules that read these kinds of file: ${KINDS.join(', ')}` })
      .option('sarif-category', { type: 'string', requiresArg: true, describe: 'SARIF automationDetails category (GitHub code scanning) [default: twelve-factor-audit/<path in the repository>]' })
      .option('plugin', { type: 'string', requiresArg: true, describe: 'load rules from this package or folder (written with defineRule; repeatable)' })
      .option('print-config', { type: 'string', requiresArg: true, describe: 'print the settings that apply to this file (config, overrides, rule flags) as JSON, and exit' })
      .option('quiet', { type: 'boolean', default: false, describe: 'report errors only (the exit code still follows --fail-on)' })
      .option('max-file-size', { type: 'number', requiresArg: true, default: DEFAULT_MAX_FILE_SIZE, describe: 'skip files larger than this many bytes (reported)' })
      .option('file-time-budget', {
        type: 'number',
        requiresArg: true,
        default: DEFAULT_FILE_TIME_BUDGET_MS,
        describe: 'skip (and report) a file whose analysis takes longer than this many milliseconds; 0: no budget',
      })
      .option('allow-empty', { type: 'boolean', default: false, describe: 'exit 0 when there is nothing to audit instead of 2' })
      .option('concurrency', { type: 'string', requiresArg: true, default: 'auto', describe: 'threads for reading and parsing: a number, or auto (1 on small trees and 2-core machines)' })
      .option('cache', { type: 'boolean', default: false, describe: 'reuse per-file results of unchanged files (cross-file checks always run again)' })
      .option('cache-location', { type: 'string', requiresArg: true, describe: 'cache file or directory [default: the user cache dir, never inside the audited tree]' })
      .option('cache-strategy', {
        choices: ['metadata', 'content'] as const,
        default: 'metadata' as const,
        requiresArg: true,
        describe: 'how the cache tells a file is unchanged: metadata (size and times, no read) or content (hash of the bytes; use where checkouts change file times, as in CI)',
      })
      .option('progress', { type: 'boolean', default: true, describe: 'show a progress line on a terminal for runs over a second (--no-progress: never)' })
      .option('color', { type: 'boolean', describe: 'force colours on or off (default: on for a terminal; NO_COLOR and FORCE_COLOR are honoured)' })
      .option('debug', { type: 'boolean', default: false, describe: 'print stack traces of internal errors' })
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
        io.stdout(`${output}\n`);
      }
    });
    if (helpOrVersion) return 0;
    debug = Boolean(args.debug);
    const targets = parseFormats(listOf(args.format as string[] | string | undefined), args.output);
    const maxWarnings = args['max-warnings'];
    if (maxWarnings !== undefined && !(Number.isInteger(maxWarnings) && maxWarnings >= 0)) {
      throw new UsageError('--max-warnings needs a whole number of warnings (0 or more), e.g. --max-warnings 0');
    }

    // Plugins' rules join the built-in ones; then the rules this run executes (--only/--skip/--kind).
    // Directives and the config may name any known rule.
    const withCliPlugins = [...rules, ...(await loadPlugins(listOf(args.plugin as string[] | string | undefined), io.cwd, rules))];
    const plan = await planAudit(args as WorkflowArgs, io.cwd, withCliPlugins, (specs, dir, known) => loadPlugins(specs, dir, known, 'plugins'));
    const allRules = plan.rules;
    const runRules = selectRules(allRules, args as { only?: string[]; skip?: string[]; kind?: string[] });
    plan.auditOptions.ruleSettings = applyRuleFlags(plan.config.ruleSettings, args.rule as string[] | string | undefined, allRules);
    const root = plan.root;
    if (args['print-config'] !== undefined) {
      io.stdout(printConfig(String(args['print-config']), { plan, rules: runRules, cwd: io.cwd }));
      return 0;
    }

    const maxFileSize = args['max-file-size'];
    if (!Number.isInteger(maxFileSize) || maxFileSize < 1) throw new UsageError(`--max-file-size must be a positive whole number of bytes, not ${String(maxFileSize)}`);
    const budget = args['file-time-budget'];
    if (!Number.isFinite(budget) || budget < 0) throw new UsageError(`--file-time-budget must be a number of milliseconds (0 for none), not ${String(budget)}`);
    const concurrency = parseConcurrency(String(args.concurrency));
    if (concurrency === null) throw new UsageError(`--concurrency must be a positive integer or auto, not ${String(args.concurrency)}`);
    const timing = timingFromEnv(process.env);
    const timings = timing ? createTimings() : undefined;
    const progress = args.progress && io.stderrIsTTY ? createProgress({ write: io.stderr, columns: io.stderrColumns ?? 80 }) : null;
    // A cached run's fixed cost is mostly start-up: the compiler's compiled code is cached too (typescript-module.ts).
    useTypeScriptCodeCache(args.cache ? codeCacheDirOutside([root]) : undefined);
    const result = await finishAudit(
      await audit({
        root,
        rules: runRules,
        maxFileSize: args['max-file-size'],
        fileTimeBudget: args['file-time-budget'],
        concurrency,
        ruleModule,
        ...(args.cache ? { cacheLocation: resolveCacheLocation(args['cache-location'], root, io.cwd), cacheStrategy: args['cache-strategy'] } : {}),
        ...(progress ? { onProgress: (phase: string, done: number, total: number) => progress.update(phase, done, total) } : {}),
        onWarning: (message) => io.stderr(`twelve-factor-audit: warning: ${safeText(message)}\n`),
        ...(timings ? { timings } : {}),
        ...plan.auditOptions,
        // --write-baseline records the findings first; finishAudit then hides what it recorded.
        ...(plan.baseline && !plan.writeBaseline ? { baseline: plan.baseline.data } : {}),
        ...(plan.scope ? { scope: plan.scope } : {}),
      }).finally(() => progress?.end()),
      plan,
      io,
    );
    // Files that were found but could not be read or parsed are reported like any finding: exit 2 is
    // for a wrong path, never for what a file contains.
    if (result.filesScanned === 0 && result.findings.length === 0 && !args['allow-empty']) {
      throw new UsageError(
        `nothing to audit in ${path.relative(io.cwd, root) || '.'}: no TS/JS source, Dockerfile, compose file, Kubernetes manifest, package.json, .env file or Procfile was found. Pass --allow-empty to accept an empty audit.`,
      );
    }
    const hidden = result.hidden;
    const report = buildReport(result, { name: PACKAGE.name, version: PACKAGE.version }, {
      rules: runRules,
      target: readTarget(root, process.env),
      ...(args.timestamp ? { generatedAt: new Date().toISOString() } : {}),
    });
    const failOn = args['fail-on'] as (typeof FAIL_ON)[number];
    // Files were found but none could be read or parsed: nothing was audited, which must not pass a
    // gate (a tree could make every file unreadable); exit 1, not 2, since it comes from content.
    const nothingRead = result.filesScanned === 0 && !args['allow-empty'] && result.findings.some(isUnreadFile);
    const failed = failOn !== 'never' && (nothingRead || report.findings.some((f) => SEVERITY_RANK[f.severity] >= SEVERITY_RANK[failOn as Severity]));
    if (nothingRead && failOn !== 'never') io.stderr('twelve-factor-audit: no file could be read or parsed (see the file-skipped and parse-error findings), so nothing was audited: exit 1. Pass --allow-empty to accept it.\n');
    const tooManyWarnings = maxWarnings !== undefined && report.summary.warnings > maxWarnings;
    if (tooManyWarnings) io.stderr(`twelve-factor-audit: ${report.summary.warnings} warnings, more than --max-warnings ${maxWarnings}\n`);
    const exitCode = failed || tooManyWarnings ? 1 : 0;
    const shown: Report = args.quiet ? { ...report, findings: report.findings.filter((f) => f.severity === 'error') } : report;

    const writeStart = performance.now();
    await writeOutputs({
      targets,
      report: shown,
      rules: runRules,
      root,
      cwd: io.cwd,
      isTTY: io.isTTY,
      color: colorWanted(args.color, io.env ?? {}, io.isTTY),
      badge: args.badge,
      maxFileSize: args['max-file-size'],
      stdout: io.stdout,
      hidden,
      ...(args['sarif-category'] !== undefined ? { sarifCategory: String(args['sarif-category']) } : {}),
      onWarning: (message) => io.stderr(`twelve-factor-audit: warning: ${message}\n`),
    });
    if (timings && timing) {
      timings.add('phase:writing reports', performance.now() - writeStart);
      timings.add('phase:total since start-up', performance.now());
      io.stderr(formatTimings(timings, timing.rows));
    }
    return exitCode;
  } catch (err) {
    if (err instanceof UsageError || err instanceof FormatUsageError || err instanceof OutputError || err instanceof WorkflowError || err instanceof RuleSelectionError || err instanceof PluginError) {
      io.stderr(`twelve-factor-audit: ${safeText((err as Error).message)}\n`);
      return 2;
    }
    if (isYargsError(err)) {
      io.stderr(`twelve-factor-audit: ${safeText(oneLineUsage((err as Error).message, KNOWN))}\n`);
      return 2;
    }
    io.stderr(`twelve-factor-audit: internal error: ${safeText((err as Error)?.message ?? String(err))}\n`);
    if (debug && err instanceof Error && err.stack) io.stderr(`${safeLines(err.stack)}\n`);
    return 2;
  }
}

function isYargsError(err: unknown): boolean {
  return err instanceof Error && err.name === 'YError';
}

export async function main(): Promise<void> {
  // `twelve-factor-audit rules | head -1`: the reader went away. Stop writing, finish quietly with the
  // run's own exit code, as ESLint does; any other stdout error is a real one.
  let stdoutClosed = false;
  process.stdout.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code !== 'EPIPE') throw err;
    stdoutClosed = true;
  });
  const code = await run(hideBin(process.argv), {
    stdout: (s) => {
      if (!stdoutClosed) process.stdout.write(s);
    },
    stderr: (s) => process.stderr.write(s),
    isTTY: Boolean(process.stdout.isTTY),
    cwd: process.cwd(),
    stderrIsTTY: Boolean(process.stderr.isTTY),
    stderrColumns: process.stderr.columns || 80, // 0 when the terminal reports no size
    env: process.env,
  });
  process.exitCode = code;
}
