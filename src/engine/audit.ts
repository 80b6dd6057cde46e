// One audit run: discover, per-file phase (parse once, walk once, facts + findings), project phase
// (model from facts, cross-file rules), then the findings pipeline (pipeline.ts) over every finding.

import { discover } from '../discovery/discover.js';
import { ProjectModel, type ModelFile, type ProjectSettings, type RepoFacts } from '../model/project-model.js';
import type { AnyReportDescriptor, Finding, Location, RuleDefinition } from '../rule-api/types.js';
import type { FileResult } from './per-file.js';
import { activateRules, type ActiveRule, type RuleSetting } from './rule-set.js';
import { compareFindings, findingFromDescriptor } from './findings.js';
import { diagnostics } from './diagnostics.js';
import { readRepoFacts } from './repo.js';
import { runPerFilePhase, type Concurrency, type RuleModule } from './worker-pool.js';
import { attachPositionSources, type PositionFileAccess } from './positions-on-demand.js';
import { cacheKey, openCache, projectRunKey, ROLE_LETTERS, type CacheStats, type CacheStrategy, type ProjectEntry } from './cache.js';
import type { FileRole } from '../model/file-role.js';
import { PACKAGE } from '../version.js';
import { templateDiagnostics } from '../model/templates.js';
import type { Directive } from './suppressions.js';
import type { Baseline } from './baseline.js';
import { setPerFileTimings, type Timings } from './timing.js';
import { Budget, DEFAULT_FILE_TIME_BUDGET_MS } from './budget.js';
import { applyRoles, runPipeline, type FileOverride, type HiddenFindings, type Scope } from './pipeline.js';

export interface AuditOptions {
  /** Directory to audit. */
  root: string;
  rules: RuleDefinition[];
  ruleSettings?: Record<string, RuleSetting>;
  /** Bytes; larger files are skipped with a diagnostic. */
  maxFileSize?: number;
  /** Per-file time budget in ms; a file whose analysis takes longer is skipped with a diagnostic (0: none). */
  fileTimeBudget?: number;
  /** Time budget of the cross-file phase in ms (default DEFAULT_PROJECT_TIME_BUDGET_MS; 0: none; also off when fileTimeBudget is 0). */
  projectTimeBudget?: number;
  ignore?: string[];
  /** Threads for the per-file phase (worker-pool.ts); default 'auto'. */
  concurrency?: Concurrency;
  /** The module worker threads load `rules` from (worker-pool.ts); without it the per-file phase runs in this thread. */
  ruleModule?: RuleModule;
  /** Path of the cache file (cache.ts); no cache when absent. */
  cacheLocation?: string;
  /** How cached entries are matched: metadata (default) or content (cache.ts). */
  cacheStrategy?: CacheStrategy;
  /** Progress of the phases, for a progress line (progress.ts). */
  onProgress?: (phase: AuditPhase, done: number, total: number) => void;
  /** Non-fatal problems (an unusable cache file), one line each. */
  onWarning?: (message: string) => void;
  /** Called with each finding a twelve-factor-disable directive hid (also in AuditResult.hidden.inline). */
  onSuppressed?: (finding: Finding, reason: string | undefined) => void;
  /** From the config file: per-file severities, and what the project model exposes to rules. */
  overrides?: FileOverride[];
  settings?: ProjectSettings;
  /** Every rule id the tool knows, for checking suppression directives (default: `rules`). */
  knownRuleIds?: string[];
  reportUnusedDisableDirectives?: boolean;
  requireDisableReason?: boolean;
  /** Report every finding whatever the twelve-factor-disable comments say (--no-inline-config). */
  ignoreDirectives?: boolean;
  /** Findings recorded in this baseline are hidden (AuditResult.hidden.baseline); stale entries are reported. */
  baseline?: Baseline;
  /** Report only findings in these files (--staged, --changed-since, file arguments); the report has no scores then. */
  scope?: Scope;
  /** Where the time goes (TIMING=1, timing.ts); nothing is measured when absent. */
  timings?: Timings;
}

export type AuditPhase = 'listing files' | 'reading and parsing' | 'cross-file checks';

export interface AuditResult {
  root: string;
  findings: Finding[];
  /** Files read and parsed, by kind (after YAML/JSON refinement). */
  filesByKind: Record<string, number>;
  filesScanned: number;
  rulesRun: string[];
  /** What the baseline and the directives hid, within the scope. */
  hidden: HiddenFindings;
  /** How many findings the baseline matched in the whole project (before the scope). */
  baselineMatched: number;
  /** What a partial run covered (AuditOptions.scope). */
  partial?: string;
  cache?: CacheStats;
}

export const DEFAULT_MAX_FILE_SIZE = 2 * 1024 * 1024;
/** Lockfiles of large monorepos run to tens of megabytes; they are parsed line by line or as JSON. */
export { LOCKFILE_MAX_SIZE } from './worker-pool.js';

export async function audit(options: AuditOptions): Promise<AuditResult> {
  const timings = options.timings;
  let mark = performance.now();
  const lap = (phase: string) => {
    const now = performance.now();
    timings?.add(`phase:${phase}`, now - mark);
    mark = now;
  };
  const maxFileSize = options.maxFileSize ?? DEFAULT_MAX_FILE_SIZE;
  const active = activateRules(options.rules, options.ruleSettings);
  options.onProgress?.('listing files', 0, 0);
  const discovery = await discover(options.root, { ignore: options.ignore ?? [] });
  const findings: Finding[] = [];
  for (const s of discovery.skipped) findings.push(diagnostics.fileSkipped(s.path, s.reason));
  lap('listing files');

  const warn = options.onWarning ?? (() => {});
  if (discovery.ignoredRoot) {
    const { folder, repository } = discovery.ignoredRoot;
    warn(`${folder} is ignored by the .gitignore of the enclosing repository ${repository}; audited all the same because it was named explicitly (the enclosing .gitignore files are not applied, its own are)`);
  }
  if (discovery.trackedIgnored.length > 0) {
    const n = discovery.trackedIgnored.length;
    const shown = discovery.trackedIgnored.slice(0, 5).join(', ') + (n > 5 ? `, and ${n - 5} more` : '');
    warn(`${n} file${n === 1 ? '' : 's'} tracked by git although .gitignore lists ${n === 1 ? 'it' : 'them'}, audited all the same (git ignores untracked files only): ${shown}`);
  }
  for (const file of discovery.trackedIgnored) findings.push(diagnostics.trackedButIgnored(file));
  const cache = options.cacheLocation ? await openCache(options.cacheLocation, cacheKey(PACKAGE.version, active, { maxFileSize }), warn) : undefined;
  lap('reading the cache');
  setPerFileTimings(timings);
  const phase = {
    rules: options.rules,
    active,
    ruleSettings: options.ruleSettings ?? {},
    maxFileSize,
    fileTimeBudget: options.fileTimeBudget ?? DEFAULT_FILE_TIME_BUDGET_MS,
    ...(options.concurrency !== undefined ? { concurrency: options.concurrency } : {}),
    ...(options.ruleModule ? { ruleModule: options.ruleModule } : {}),
  };
  const perFile = await runPerFilePhase({
    ...phase,
    files: discovery.files,
    ...(cache ? { cache, cacheStrategy: options.cacheStrategy ?? 'metadata' } : {}),
    onFileDone: (done, total) => options.onProgress?.('reading and parsing', done, total),
  });
  const results: FileResult[] = perFile.results;
  setPerFileTimings(undefined);
  lap('reading and parsing');
  const repo = readRepoFacts(discovery.root);
  lap('reading the repository');
  options.onProgress?.('cross-file checks', 0, 0);

  // The project model is built from the files' facts alone (and the repository facts and settings),
  // so with a cache its output (cross-file findings, every file's role) is stored under the files'
  // facts: an edit that changes no fact reuses it without reading the facts file or building the
  // model, and the per-file findings of this run (changed files included) go through the stored roles.
  const runKey = cache ? projectRunKey(cache.key, discovery.files.map((f, i) => ({ path: f.path, hash: cache.modelIdentity(f.path, perFile.hashes[i]) })), { repo, settings: options.settings ?? {} }) : undefined;
  const perFileRuleFindings = () => results.flatMap((r) => r.findings.filter((f) => f.factor !== null));
  const rulesById = new Map(active.map((a) => [a.rule.id, a.rule]));
  const stored = runKey !== undefined ? cache!.project(runKey) : undefined;
  let ruleFindings = stored && stored.roles.length === discovery.files.length ? fromStoredProject(stored, discovery.files, perFileRuleFindings(), rulesById) : undefined;
  if (!ruleFindings) {
    // Facts of cached files come from the cache's facts file, read now; files served from partial
    // entries (facts left out: they may hold a secret) or whose facts are missing are parsed again.
    const reparse = [...perFile.partial];
    for (const index of perFile.cachedWhole) {
      const facts = cache!.facts(discovery.files[index]!.path);
      if (facts) results[index] = { ...results[index]!, facts };
      else reparse.push(index);
    }
    if (reparse.length > 0) {
      reparse.sort((a, b) => a - b);
      const again = await runPerFilePhase({ ...phase, concurrency: 1, files: reparse.map((i) => discovery.files[i]!) });
      reparse.forEach((index, k) => (results[index] = again.results[k]!));
    }
    lap('reading cached facts');
    const model = buildProjectModel(results, repo, options.settings, { root: discovery.root, maxFileSize });
    const project = runProjectPhase(model, active, options, timings);
    ruleFindings = applyRoles([...perFileRuleFindings(), ...project.findings], rulesById, (file) => model.roleOf(file).role);
    // A phase cut short by its time budget is not stored: the next run tries again.
    if (runKey !== undefined && project.complete) {
      const roles = discovery.files.map((f) => ROLE_LETTERS[model.roleOf(f.path).role]).join('');
      cache!.storeProject({ key: runKey, findings: project.findings, roles });
    }
  }
  lap('cross-file checks');
  await cache?.save().catch((err: Error) => warn(`cannot write the cache file ${cache.location}: ${err.message}`));
  lap('writing the cache');

  const filesByKind: Record<string, number> = {};
  let filesScanned = 0;
  for (const r of results) {
    // Rule findings of every file went through the role filter above; diagnostics come as they are.
    for (const f of r.findings) if (f.factor === null) findings.push(f);
    if (!r.kind) continue;
    filesByKind[r.kind] = (filesByKind[r.kind] ?? 0) + 1;
    filesScanned++;
  }
  findings.push(...ruleFindings);

  const directives = new Map<string, Directive[]>();
  if (!options.ignoreDirectives) for (const r of results) if (r.directives) directives.set(r.path, r.directives);
  const set = runPipeline(findings, {
    rules: active.map((a) => a.rule),
    overrides: options.overrides ?? [],
    directives,
    suppressions: {
      knownRuleIds: options.knownRuleIds ?? options.rules.map((r) => r.id),
      activeRuleIds: active.map((a) => a.rule.id),
      reportUnused: options.reportUnusedDisableDirectives ?? false,
      requireReason: options.requireDisableReason ?? false,
    },
    ...(options.baseline ? { baseline: options.baseline } : {}),
    ...(options.scope ? { scope: options.scope } : {}),
  });
  if (options.onSuppressed) for (const h of set.hidden.inline) options.onSuppressed(h.finding, h.reason);
  lap('suppressions and sorting');
  return {
    root: discovery.root,
    findings: set.findings,
    filesByKind: sortKeys(filesByKind),
    filesScanned,
    rulesRun: active.map((a) => a.rule.id).sort(),
    hidden: set.hidden,
    baselineMatched: set.baselineMatched,
    ...(options.scope ? { partial: options.scope.describe } : {}),
    ...(cache ? { cache: cache.stats } : {}),
  };
}

/**
 * Default time budget of the cross-file phase: far above real projects (the 200-service bench tree
 * runs every cross-file rule in about a second). A rule cannot be interrupted while it runs; once
 * the budget is spent, each rule not yet run is reported as not run (an error: the audit is
 * incomplete, so it must not pass a gate), and templates are not checked.
 */
export const DEFAULT_PROJECT_TIME_BUDGET_MS = 60_000;

/**
 * The project model of a folder without running any rule: the same discovery, reading, size and time
 * limits and per-file phase as an audit, so that the `model` command prints what the rules read.
 */
export async function loadProjectModel(options: Pick<AuditOptions, 'root' | 'ignore' | 'settings' | 'maxFileSize' | 'fileTimeBudget'>): Promise<{ model: ProjectModel; findings: Finding[] }> {
  const discovery = await discover(options.root, { ignore: options.ignore ?? [] });
  const perFile = await runPerFilePhase({
    files: discovery.files,
    rules: [],
    active: [],
    ruleSettings: {},
    maxFileSize: options.maxFileSize ?? DEFAULT_MAX_FILE_SIZE,
    fileTimeBudget: options.fileTimeBudget ?? DEFAULT_FILE_TIME_BUDGET_MS,
    concurrency: 1,
  });
  const findings: Finding[] = discovery.skipped.map((s) => diagnostics.fileSkipped(s.path, s.reason));
  for (const r of perFile.results) findings.push(...r.findings);
  return { model: buildProjectModel(perFile.results, readRepoFacts(discovery.root), options.settings, { root: discovery.root, maxFileSize: options.maxFileSize ?? DEFAULT_MAX_FILE_SIZE }), findings: findings.sort(compareFindings) };
}

/** The project model from every file's facts: the one the rules read and the `model` command prints. */
export function buildProjectModel(results: readonly FileResult[], repo: RepoFacts, settings: ProjectSettings | undefined, files: PositionFileAccess): ProjectModel {
  attachPositionSources(results, files);
  const modelFiles: ModelFile[] = [];
  for (const r of results) if (r.kind && r.facts) modelFiles.push({ path: r.path, kind: r.kind, facts: r.facts, isTest: false });
  return new ProjectModel(modelFiles, repo, settings);
}

/**
 * The role-filtered rule findings of a run from a stored cross-file phase (ProjectEntry): its
 * findings and the role of every file, which is the model's, since the model is built from the same
 * facts. undefined when a finding names a file the stored roles do not cover (the caller builds the model).
 */
function fromStoredProject(stored: ProjectEntry, files: ReadonlyArray<{ path: string }>, perFileRuleFindings: Finding[], rulesById: ReadonlyMap<string, RuleDefinition>): Finding[] | undefined {
  const roleByLetter = new Map(Object.entries(ROLE_LETTERS).map(([role, letter]) => [letter, role as FileRole]));
  const index = new Map(files.map((f, i) => [f.path, i]));
  const all = [...perFileRuleFindings, ...stored.findings];
  const roleOf = (file: string): FileRole | undefined => {
    const i = index.get(file);
    // The model's answer for the repository as a whole (roleOf('.')), which has no file of its own.
    if (i === undefined) return file === '.' || file === '' ? 'runtime' : undefined;
    return roleByLetter.get(stored.roles[i]!);
  };
  for (const f of all) if (f.factor !== null && rulesById.has(f.ruleId) && roleOf(f.file) === undefined) return undefined;
  return applyRoles(all, rulesById, (file) => roleOf(file)!);
}

/** The cross-file phase: each rule's checkProject on the model, under a time budget. */
function runProjectPhase(model: ProjectModel, active: ActiveRule[], options: AuditOptions, timings: Timings | undefined): { findings: Finding[]; complete: boolean } {
  const out: Finding[] = [];
  const budgetMs = options.fileTimeBudget === 0 ? 0 : (options.projectTimeBudget ?? DEFAULT_PROJECT_TIME_BUDGET_MS);
  const budget = new Budget(budgetMs);
  for (const rule of active) {
    if (!rule.rule.checkProject) continue;
    if (budget.exceeded) {
      out.push(diagnostics.ruleNotRun(rule.rule.id, budgetMs));
      continue;
    }
    if (!timings) runProjectRule(rule, model, out);
    else timings.time(`rule:${rule.rule.id}`, () => runProjectRule(rule, model, out));
  }
  if (!budget.exceeded) for (const d of templateDiagnostics(model)) out.push(diagnostics.templateNotRendered(d.file, d.message));
  return { findings: out, complete: !budget.exceeded };
}

function runProjectRule(active: ActiveRule, model: ProjectModel, sink: Finding[]): void {
  if (!active.rule.checkProject) return;
  try {
    active.rule.checkProject(model, {
      options: active.options,
      report(d: AnyReportDescriptor & { loc: Location }) {
        sink.push(findingFromDescriptor(active, d.loc.file, d));
      },
    });
  } catch (err) {
    sink.push(diagnostics.ruleFailedInProject(active.rule.id, (err as Error).message));
  }
}

function sortKeys<T>(record: Record<string, T>): Record<string, T> {
  return Object.fromEntries(Object.entries(record).sort(([a], [b]) => (a < b ? -1 : 1)));
}

