// The command line: parse arguments, run one audit, write the report, exit with a code CI can trust
// (0 nothing at or above --fail-on, 1 findings at or above it, 2 usage/config/internal error).

import { fstatSync } from 'node:fs';
import path from 'node:path';
import { audit } from '../engine/audit.js';
import { buildReport, type Report } from '../reporters/report.js';
import { readTarget } from '../reporters/target.js';
import { SEVERITY_RANK, type Severity } from '../rule-api/types.js';
import { PACKAGE } from '../version.js';
import { ruleModule, rules } from '../../rules/index.js';
import { FormatUsageError, parseFormats, runSubcommand, SUBCOMMANDS, writeOutputs } from './formats.js';
import { parseConcurrency } from '../engine/worker-pool.js';
import { resolveCacheLocation } from '../engine/cache.js';
import { codeCacheDirOutside } from '../util/user-cache.js';
import { useTypeScriptCodeCache } from '../parsing/typescript-module.js';
import { createProgress } from '../engine/progress.js';
import { OutputError } from './output.js';
import { runSubcommand as runWorkflowCommand } from './commands/index.js';
import { finishAudit, planAudit } from './commands/audit-workflow.js';
import { WorkflowError } from '../util/errors.js';
import { safeLines, safeText } from '../util/safe-text.js';
import { createTimings, formatTimings, timingFromEnv } from '../engine/timing.js';
import { isUnreadFile } from '../engine/diagnostics.js';
import { applyRuleFlags, listOf, RuleSelectionError, selectRules } from './rule-selection.js';
import { oneLineUsage } from './usage.js';
import { KNOWN, parseAuditArgs, UsageError } from './audit-args.js';

export { UsageError } from './audit-args.js';
import { printConfig } from './print-config.js';
import { loadPlugins, PluginError } from './plugins.js';

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

export async function run(argv: string[], io: CliIO): Promise<number> {
  let debug = argv.includes('--debug');
  try {
    // rules, explain, init, schema config (commands/); then schema report, dashboard (formats.ts).
    const workflowCommand = await runWorkflowCommand(argv, io);
    if (workflowCommand !== undefined) return workflowCommand;
    if ((SUBCOMMANDS as readonly string[]).includes(argv[0] ?? '')) return await runSubcommand(argv, io);
    if (argv[0] === 'model') return await (await import('./commands/model.js')).runModelCommand(argv.slice(1), io);
    const args = await parseAuditArgs(argv, io.stdout);
    if (args === null) return 0;
    debug = Boolean(args.debug);
    const targets = parseFormats(listOf(args.format as string[] | string | undefined), args.output);
    const maxWarnings = args['max-warnings'];
    if (maxWarnings !== undefined && !(Number.isInteger(maxWarnings) && maxWarnings >= 0)) {
      throw new UsageError('--max-warnings needs a whole number of warnings (0 or more), e.g. --max-warnings 0');
    }

    // Plugins' rules join the built-in ones; then the rules this run executes (--only/--skip/--kind).
    // Directives and the config may name any known rule.
    const withCliPlugins = [...rules, ...(await loadPlugins(listOf(args.plugin as string[] | string | undefined), io.cwd, rules))];
    const plan = await planAudit(args, io.cwd, withCliPlugins, (specs, dir, known) => loadPlugins(specs, dir, known, 'plugins'));
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
    const failOn = args['fail-on'];
    // Files were found but none could be read or parsed: nothing was audited, which must not pass a
    // gate (a tree could make every file unreadable); exit 1, not 2, since it comes from content.
    const nothingRead = result.filesScanned === 0 && !args['allow-empty'] && result.findings.some(isUnreadFile);
    const failed = failOn !== 'never' && (nothingRead || report.findings.some((f) => SEVERITY_RANK[f.severity] >= SEVERITY_RANK[failOn as Severity]));
    if (nothingRead && failOn !== 'never') io.stderr('twelve-factor-audit: no file could be read or parsed (see the file-skipped and parse-error findings), so nothing was audited: exit 1. Pass --allow-empty to accept it.\n');
    const tooManyWarnings = maxWarnings !== undefined && report.summary.warnings > maxWarnings;
    if (tooManyWarnings) io.stderr(`twelve-factor-audit: ${report.summary.warnings} warnings, more than --max-warnings ${maxWarnings}\n`);
    const exitCode = failed || tooManyWarnings ? 1 : 0;
    // What is printed, not what is counted: the score, the summary and the exit code keep every finding.
    const shownFrom: Severity = args.quiet ? 'error' : (args['min-severity'] ?? 'info');
    const shown: Report = shownFrom === 'info' ? report : { ...report, findings: report.findings.filter((f) => SEVERITY_RANK[f.severity] >= SEVERITY_RANK[shownFrom]) };

    // Colour is the stylish format's alone: for the others the terminal is not asked (main()'s io).
    const stylish = targets.some((t) => t.format === 'stylish');
    const writeStart = performance.now();
    await writeOutputs({
      targets,
      report: shown,
      rules: runRules,
      root,
      cwd: io.cwd,
      isTTY: stylish && io.isTTY,
      color: stylish && colorWanted(args.color, io.env ?? {}, io.isTTY),
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

/**
 * Whether fd 1 or 2 is a terminal. A pipe, a file or a socket (most CI and hook runs) is told by
 * fstat, without creating process.stdout or process.stderr: creating one costs a few milliseconds
 * of every run (a pipe's stream loads net and tty), and a run that writes its report to a file and
 * nothing to stderr never needs them.
 */
function isTerminal(fd: 1 | 2): boolean {
  try {
    const stat = fstatSync(fd);
    if (stat.isFIFO() || stat.isFile() || stat.isSocket()) return false;
  } catch {
    // let the stream say
  }
  return Boolean((fd === 1 ? process.stdout : process.stderr).isTTY);
}

export async function main(): Promise<void> {
  // `twelve-factor-audit rules | head -1`: the reader went away. Stop writing, finish quietly with the
  // run's own exit code, as ESLint does; any other stdout error is a real one. The handler is set
  // before the first write (an EPIPE comes after a write).
  let stdoutClosed = false;
  let stdoutWatched = false;
  let stderrIsTTY: boolean | undefined;
  // What yargs' hideBin gives outside Electron: the arguments after node and the script.
  const code = await run(process.argv.slice(2), {
    stdout: (s) => {
      if (!stdoutWatched) {
        stdoutWatched = true;
        process.stdout.on('error', (err: NodeJS.ErrnoException) => {
          if (err.code !== 'EPIPE') throw err;
          stdoutClosed = true;
        });
      }
      if (!stdoutClosed) process.stdout.write(s);
    },
    stderr: (s) => process.stderr.write(s),
    // Asked only when the answer matters (colour of a stylish report, the progress line).
    get isTTY() {
      return isTerminal(1);
    },
    cwd: process.cwd(),
    get stderrIsTTY() {
      return (stderrIsTTY ??= isTerminal(2));
    },
    get stderrColumns() {
      return (stderrIsTTY ??= isTerminal(2)) ? process.stderr.columns || 80 : 80; // 0 when the terminal reports no size
    },
    env: process.env,
  });
  process.exitCode = code;
}
