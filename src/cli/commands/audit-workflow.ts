// The team-workflow layer of the audit command: config file, changed-files scope, baseline, and the
// suppression flags. main.ts calls three functions: addWorkflowOptions (flags), planAudit (before
// the audit: root, scope, config, baseline file; all of it becomes AuditOptions, which the engine's
// findings pipeline applies) and finishAudit (after it: --write-baseline, notes).

import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import type { Argv } from 'yargs';
import type { AuditOptions, AuditResult } from '../../engine/audit.js';
import type { Finding, RuleDefinition } from '../../rule-api/types.js';
import { continuePipeline, type Scope } from '../../engine/pipeline.js';
import { applyBaseline, buildBaseline, formatBaseline, parseBaseline, type Baseline } from '../../engine/baseline.js';
import { changedSince, stagedFiles } from '../../engine/changed-files.js';
import { workTreeTop } from '../../util/git-data.js';
import { configPluginSpecs, displayPath, loadConfig } from '../../config/load.js';
import { resolveConfig, type ResolvedConfig } from '../../config/resolve.js';
import { closestId, WorkflowError } from '../../util/errors.js';

/** The subcommands, for a did-you-mean when an audited path that does not exist looks like one. */
const COMMAND_NAMES = ['rules', 'explain', 'init', 'schema', 'dashboard', 'model'];
import { writeFileAtomic } from '../output.js';
import { addOptions, type OptionTable } from '../simple-args.js';

/** The options of the team workflow (yargs' `.option` specs; simple-args.ts reads them too). */
export const WORKFLOW_OPTIONS = {
  config: { alias: 'c', type: 'string', requiresArg: true, describe: 'config file to use instead of looking for one from the audited folder upward (--no-config: none)' },
  'inline-config': { type: 'boolean', default: true, describe: 'honour twelve-factor-disable comments (--no-inline-config: report everything)' },
  baseline: { type: 'string', requiresArg: true, describe: 'hide the findings recorded in this baseline file (stale entries are reported as info)' },
  'write-baseline': { type: 'string', requiresArg: true, describe: "record today's findings in this baseline file (prunes stale entries)" },
  staged: { type: 'boolean', default: false, describe: "report only findings in files staged in git's index" },
  'changed-since': { type: 'string', requiresArg: true, describe: 'report only findings in files changed since this git ref (merge base to HEAD, plus staged)' },
  'report-unused-disable-directives': { type: 'boolean', default: false, describe: 'report twelve-factor-disable directives that suppress nothing' },
  'require-reason': { type: 'boolean', default: false, describe: 'report twelve-factor-disable directives without "-- reason"' },
  preset: { choices: ['recommended', 'strict'], requiresArg: true, describe: "rule severities to start from, over the config's `extends`: recommended (measured rules at error/warning) or strict (every rule at full severity)" },
  'allow-config-plugins': { type: 'boolean', default: false, describe: "load the plugins that the audited repository's own config names (plugins are code: only for a repository you trust)" },
} as const satisfies OptionTable;

export function addWorkflowOptions<T>(y: Argv<T>): Argv<T> {
  return addOptions(y, WORKFLOW_OPTIONS);
}

export interface WorkflowArgs {
  paths?: string[] | string;
  /** A file name, or false for --no-config. */
  config?: string | false;
  'inline-config'?: boolean;
  baseline?: string;
  'write-baseline'?: string;
  staged?: boolean;
  'changed-since'?: string;
  'report-unused-disable-directives'?: boolean;
  'require-reason'?: boolean;
  'allow-config-plugins'?: boolean;
  preset?: 'recommended' | 'strict';
}

/** Loads the rules of the plugins a config names (resolved from the config's folder). */
export type ConfigPluginLoader = (specs: readonly string[], configDir: string, known: readonly RuleDefinition[]) => Promise<RuleDefinition[]>;

export interface AuditPlan {
  root: string;
  /** The folder as the user named it, for messages. */
  rootArg: string;
  scope: Scope | null;
  config: ResolvedConfig;
  /** The rules this run knows: the ones given, plus those of the plugins the config names. */
  rules: readonly RuleDefinition[];
  auditOptions: Omit<AuditOptions, 'root' | 'rules'>;
  baseline?: { file: string; data: Baseline };
  writeBaseline?: string;
}

export async function planAudit(args: WorkflowArgs, cwd: string, givenRules: readonly RuleDefinition[], loadConfigPlugins?: ConfigPluginLoader): Promise<AuditPlan> {
  let rules = givenRules;
  const paths = (Array.isArray(args.paths) ? args.paths : args.paths ? [args.paths] : []).map(String);
  let root: string;
  let rootArg: string;
  let scope: Scope | null = null;
  const single = paths.length <= 1 ? path.resolve(cwd, paths[0] ?? '.') : null;
  if (single !== null && isDirectory(single)) {
    root = single;
    rootArg = paths[0] ?? '.';
  } else {
    // Files named on the command line (pre-commit, lint-staged): the project is the git work tree
    // around the current folder, or the current folder; only findings in the named files count.
    for (const p of paths) {
      if (existsSync(path.resolve(cwd, p))) continue;
      const command = paths.length === 1 && !p.includes('/') ? closestId(p, COMMAND_NAMES) : undefined;
      throw new WorkflowError(`no such file or directory: ${p}${command ? `; did you mean the command \`${command}\`?` : ''}`);
    }
    root = workTreeTop(cwd) ?? projectAround(paths.map((p) => path.resolve(cwd, p)), cwd);
    rootArg = displayPath(root, cwd) || '.';
    scope = { files: new Set(), dirs: [], describe: `${paths.length} path(s) given` };
    for (const p of paths) {
      const abs = path.resolve(cwd, p);
      const rel = path.relative(root, abs).split(path.sep).join('/');
      if (rel.startsWith('..') || path.isAbsolute(rel)) throw new WorkflowError(`${p} is outside the audited project ${root}`);
      if (isDirectory(abs)) scope.dirs.push(rel === '' ? '' : `${rel}/`);
      else scope.files.add(rel);
    }
  }
  if (args.staged || args['changed-since']) {
    if (scope) throw new WorkflowError('--staged and --changed-since take the folder to audit, not file names');
    const files = args['changed-since'] ? await changedSince(root, args['changed-since']) : await stagedFiles(root);
    scope = { files: new Set(files), dirs: [], describe: args['changed-since'] ? `changed since ${args['changed-since']}` : 'staged' };
  }
  if (args['write-baseline'] && scope) {
    throw new WorkflowError('--write-baseline records the whole project: run it without --staged, --changed-since or file names');
  }

  // --no-config: auditing a repository you do not trust, whose own config could switch rules off.
  const configOptions = { cwd, ...(args.config ? { explicitFile: args.config } : {}) };
  const named = args.config === false || !loadConfigPlugins ? null : configPluginSpecs(root, configOptions);
  if (named && named.specs.length > 0 && loadConfigPlugins) {
    // A plugin is code. A config that belongs to the audited repository (found there, or named with
    // --config but lying inside it) is the repository's choice, not the user's: a pull request could
    // add a plugin and run it in CI. Such plugins load only when the user says so.
    const repo = workTreeTop(root) ?? root;
    if (isInside(named.file, root) || isInside(named.file, repo)) {
      if (!args['allow-config-plugins']) {
        throw new WorkflowError(`${named.display}: names plugins (${named.specs.join(', ')}); a plugin is code and this config belongs to the audited repository: pass --allow-config-plugins to load them (only for a repository you trust), or name them with --plugin`);
      }
    }
    rules = [...rules, ...(await loadConfigPlugins(named.specs, named.dir, rules))];
  }
  const loaded = args.config === false ? null : loadConfig(root, rules, configOptions);
  const config = resolveConfig(loaded, rules, root, args.preset);
  const plan: AuditPlan = {
    root,
    rootArg,
    scope,
    config,
    rules,
    auditOptions: {
      ruleSettings: config.ruleSettings,
      ignore: config.ignore,
      overrides: config.overrides,
      settings: config.settings,
      knownRuleIds: rules.map((r) => r.id),
      reportUnusedDisableDirectives: Boolean(args['report-unused-disable-directives']),
      requireDisableReason: Boolean(args['require-reason']),
      ignoreDirectives: args['inline-config'] === false,
      // --changed-since trusts the repository's git data to say what changed; the cache may then take
      // git's word for which files are unmodified (docs/security.md).
      ...(args['changed-since'] ? { cacheTrustsGitIndex: true } : {}),
    },
  };
  if (args.baseline) {
    const file = path.resolve(cwd, args.baseline);
    let text: string | null = null;
    try {
      text = readFileSync(file, 'utf8');
    } catch {
      // A missing baseline is fine only when this run is about to write it.
      if (!args['write-baseline']) throw new WorkflowError(`${args.baseline}: baseline file not found (create it with --write-baseline ${args.baseline})`);
    }
    if (text !== null) plan.baseline = { file, data: parseBaseline(text, displayPath(file, cwd)) };
  }
  if (args['write-baseline']) plan.writeBaseline = path.resolve(cwd, args['write-baseline']);
  return plan;
}

/**
 * What the audit options do not do: the baseline file is read in planAudit and applied by the
 * engine's pipeline (AuditOptions.baseline); here it is written (--write-baseline), and the notes
 * go to stderr, one line each.
 */
export async function finishAudit(result: AuditResult, plan: AuditPlan, io: { stderr: (s: string) => void; cwd: string }): Promise<AuditResult> {
  if (plan.writeBaseline) {
    const previous = plan.baseline?.data ?? readBaselineIfAny(plan.writeBaseline, io.cwd);
    const baseline = buildBaseline(result.findings);
    await writeFileAtomic(plan.writeBaseline, formatBaseline(baseline), 'the baseline');
    const pruned = previous ? applyBaseline(result.findings, previous).stale.length : 0;
    const recorded = baseline.entries.reduce((n, e) => n + e.count, 0);
    io.stderr(`twelve-factor-audit: wrote ${recorded} finding(s) to ${displayPath(plan.writeBaseline, io.cwd)}${pruned ? ` (${pruned} stale entr${pruned === 1 ? 'y' : 'ies'} pruned)` : ''}\n`);
    // What was just recorded is hidden, as a later run with --baseline would hide it.
    const set = continuePipeline({ findings: result.findings, hidden: result.hidden, baselineMatched: 0 }, { rules: [], overrides: [], directives: new Map(), suppressions: { knownRuleIds: [], activeRuleIds: [] }, baseline }, 'baseline');
    return { ...result, findings: set.findings, hidden: set.hidden, baselineMatched: set.baselineMatched };
  }
  if (plan.baseline && result.baselineMatched > 0) io.stderr(`twelve-factor-audit: ${result.baselineMatched} finding(s) hidden by the baseline ${displayPath(plan.baseline.file, io.cwd)}\n`);
  return result;
}

function readBaselineIfAny(file: string, cwd: string): Baseline | null {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    return null;
  }
  return parseBaseline(text, displayPath(file, cwd));
}

/**
 * Outside git, the project of files named from a parent folder (`services/api/src/x.ts` from the top
 * of a monorepo) is the nearest folder holding a package.json at or above them, up to the current
 * folder; not the whole current folder, which would audit every service to report one file.
 */
function projectAround(files: string[], cwd: string): string {
  let dir = files.length > 0 ? path.dirname(files[0]!) : cwd;
  for (const f of files.slice(1)) while (!isInside(f, dir)) dir = path.dirname(dir);
  if (!isInside(dir, cwd)) return cwd;
  for (let d = dir; ; d = path.dirname(d)) {
    if (existsSync(path.join(d, 'package.json'))) return d;
    if (d === cwd || path.dirname(d) === d) return cwd;
  }
}

function isInside(p: string, dir: string): boolean {
  const rel = path.relative(dir, p);
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
}

function isDirectory(p: string): boolean {
  try {
    return statSync(p).isDirectory();
  } catch {
    return false;
  }
}

