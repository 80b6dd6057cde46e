// One audit run: discover, per-file phase (parse once, walk once, facts + findings), project phase
// (model from facts, cross-file rules), then the findings pipeline (pipeline.ts) over every finding.

import { discover } from '../discovery/discover.js';
import { ProjectModel, type ModelFile, type ProjectSettings, type RepoFacts } from '../model/project-model.js';
import type { AnyReportDescriptor, Finding, Location, ProjectContext, RuleDefinition } from '../rule-api/types.js';
import type { FileResult } from './per-file.js';
import { activateRules, type ActiveRule, type RuleSetting } from './rule-set.js';
import { compareFindings, findingFromDescriptor } from './findings.js';
import { diagnostics } from './diagnostics.js';
import { readRepoFacts } from './repo.js';
import { analyzeOneFile, runPerFilePhase, type Concurrency, type RuleModule } from './worker-pool.js';
import { attachPositionSources, type PositionFileAccess } from './positions-on-demand.js';
import { cacheKey, mayHoldSecret, openCache, ROLE_LETTERS, type AuditCache, type CacheStats, type CacheStrategy, type ProjectUnit } from './cache.js';
import { decideRole, type FileRole } from '../model/file-role.js';
import { changedKeys, DependencyRecorder, fileReadsOf, fileReadsWith, meets, ROLES_DEPENDENCY, type Change } from '../model/dependencies.js';
import { runProjectCheckByFile, type ByFileRecords } from './project-by-file.js';
import type { LazyModelFile } from '../model/project-model.js';
import { createHash } from 'node:crypto';
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
  /**
   * Whatever the strategy, take a file that git's index records as unmodified, with the blob id of
   * a cached entry, as that entry without reading it (--changed-since, which trusts the repository's
   * git data already: docs/security.md). Never set when auditing a tree whose .git is not trusted.
   */
  cacheTrustsGitIndex?: boolean;
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
  // With a cache, the listing of each folder whose stamp is unchanged is reused too
  // (discovery/listing-cache.ts); not under the content strategy, which trusts no file times (CI).
  const listingCache = options.cacheLocation && (options.cacheStrategy ?? 'metadata') === 'metadata' ? `${options.cacheLocation}.listing` : undefined;
  const discovery = await discover(options.root, { ignore: options.ignore ?? [], ...(listingCache ? { listingCache } : {}) });
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
  const cache = options.cacheLocation ? await openCache(options.cacheLocation, cacheKey(PACKAGE.version, active, { maxFileSize }), warn, options.cacheTrustsGitIndex ? discovery.root : undefined) : undefined;
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

  // The cross-file phase reads the project model alone, which is built from the files' facts (and
  // the repository facts and settings). With a cache, each part of its output (each rule's findings,
  // the roles of files) is stored with what it read (src/model/dependencies.ts), and a run recomputes
  // only the parts that read something that changed, reading only the facts those parts need.
  const perFileRuleFindings = (): Finding[] => {
    const out: Finding[] = [];
    for (const r of results) for (const f of r.findings) if (f.factor !== null) out.push(f);
    return out;
  };
  const rulesById = new Map(active.map((a) => [a.rule.id, a.rule]));
  const context = { repo, settings: options.settings ?? {} };
  const incremental = cache ? incrementalProjectPhase({ cache, results, hashes: perFile.hashes, partial: perFile.partial, reparse: (index) => analyzeOneFile(discovery.files[index]!, phase), context, active, options, timings, positions: { root: discovery.root, maxFileSize } }) : undefined;
  // Diagnostics of files go through the roles step too (only an unread file's is changed by it),
  // outside what the cache stores.
  const fileDiagnostics = results.flatMap((r) => r.findings.filter((f) => f.factor === null));
  let ruleFindings: Finding[];
  let roleOfFile: (file: string) => FileRole;
  if (incremental) {
    const candidates = [...perFileRuleFindings(), ...incremental.findings];
    roleOfFile = rolesFromLetters(incremental.roles, results, fileDiagnostics.length > 0 ? [...candidates, ...fileDiagnostics] : candidates, context.settings);
    ruleFindings = applyRoles(candidates, rulesById, roleOfFile);
  } else {
    // Facts of cached files come from the cache's facts file, read now; files served from partial
    // entries (facts left out: they may hold a secret) or whose facts are missing are parsed again.
    const again = [...perFile.partial];
    for (const index of perFile.cachedWhole) {
      const facts = cache!.facts(discovery.files[index]!.path);
      if (facts) results[index] = { ...results[index]!, facts };
      else again.push(index);
    }
    if (again.length > 0) {
      again.sort((a, b) => a - b);
      const reparsed = await runPerFilePhase({ ...phase, concurrency: 1, files: again.map((i) => discovery.files[i]!) });
      again.forEach((index, k) => (results[index] = reparsed.results[k]!));
    }
    lap('reading cached facts');
    const dependencies = cache ? new DependencyRecorder() : undefined;
    // What records of reads name files by: without a cache nothing is recorded, and no index of every file is made.
    const fileSet = dependencies ? { count: results.length, kindSizes: kindSizesOf(results.map((r) => r.facts?.kind)), index: fileIndexOf(results) } : { count: results.length, kindSizes: new Map<string, number>(), index: new Map<string, number>() };
    const model = buildProjectModel(results, repo, options.settings, { root: discovery.root, maxFileSize }, dependencies, fileSet.index);
    const project = runProjectPhase(model, active, options, timings, dependencies, fileSet);
    const findings = project.units.flatMap((u) => u.findings);
    roleOfFile = (file) => model.roleOf(file).role;
    ruleFindings = applyRoles([...perFileRuleFindings(), ...findings], rulesById, roleOfFile);
    // A phase cut short by its time budget is not stored: the next run tries again.
    if (cache && project.complete) {
      const roles = rolesOfFiles(model, results);
      const key = cache.structureKey(results.map((r) => ({ path: r.path, kind: r.kind ?? '', factsKind: r.facts?.kind ?? '' })), context);
      cache.storeProject({ key, ...roles, rolesDeps: [...model.rolesDependencies].sort(), rolesReads: fileReadsOf(model.rolesDependencies, fileSet.count, fileSet.kindSizes), units: project.units });
    }
  }
  lap('cross-file checks');
  await cache?.save().catch((err: Error) => warn(`cannot write the cache file ${cache.location}: ${err.message}`));
  lap('writing the cache');

  const filesByKind: Record<string, number> = {};
  let filesScanned = 0;
  for (const r of results) {
    if (!r.kind) continue;
    filesByKind[r.kind] = (filesByKind[r.kind] ?? 0) + 1;
    filesScanned++;
  }
  findings.push(...applyRoles(fileDiagnostics, rulesById, roleOfFile), ...ruleFindings);

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
export function buildProjectModel(results: readonly FileResult[], repo: RepoFacts, settings: ProjectSettings | undefined, files: PositionFileAccess, dependencies?: DependencyRecorder, fileIndex?: ReadonlyMap<string, number>): ProjectModel {
  attachPositionSources(results, files);
  const modelFiles: ModelFile[] = [];
  for (const r of results) if (r.kind && r.facts) modelFiles.push({ path: r.path, kind: r.kind, facts: r.facts, isTest: false });
  return new ProjectModel(modelFiles, repo, settings, dependencies ? { dependencies, fileIndex: fileIndex ?? fileIndexOf(results) } : {});
}

/** How many files have facts of each kind (FileReads stores a field read of all of them as read of any file). */
function kindSizesOf(factsKinds: ReadonlyArray<string | undefined>): Map<string, number> {
  const sizes = new Map<string, number>();
  for (const k of factsKinds) if (k !== undefined) sizes.set(k, (sizes.get(k) ?? 0) + 1);
  return sizes;
}

/** Each file's index in the run's list of files (discovery order): what records of reads name files by. */
function fileIndexOf(results: ReadonlyArray<{ path: string }>): Map<string, number> {
  const index = new Map<string, number>();
  for (let i = 0; i < results.length; i++) index.set(results[i]!.path, i);
  return index;
}

/** Id of the template check in a stored phase (ProjectEntry.units), beside the rules' ids. */
const TEMPLATES_UNIT = '@templates';

/**
 * The cross-file phase from the stored one (ProjectEntry), recomputing only the parts whose
 * dependency record meets what changed: which fields of which kind of facts differ between the
 * facts the stored phase was computed from (the previous index) and this run's. The roles are
 * recomputed when what they read changed, and a rule that read roles reruns when a role changed.
 * Facts are read from the cache only for what reruns. undefined when it cannot be done (no stored
 * phase, a file added, removed or of another kind, other repository facts or settings, facts
 * missing from the cache): the caller runs the whole phase.
 */
function incrementalProjectPhase(input: {
  cache: AuditCache;
  results: FileResult[];
  hashes: ReadonlyArray<string | undefined>;
  partial: readonly number[];
  /** The result of a file read and analysed again (without the cache). */
  reparse: (index: number) => FileResult;
  context: { repo: RepoFacts; settings: ProjectSettings };
  active: ActiveRule[];
  options: AuditOptions;
  timings: Timings | undefined;
  /** Where documents with positions on demand (positions-on-demand.ts) read them again. */
  positions: PositionFileAccess;
}): { findings: Finding[]; roles: string } | undefined {
  const { cache, results } = input;
  const stored = cache.project();
  if (!stored || stored.roles.length !== results.length) return undefined;
  // The kind of each file's facts (undefined: a file without facts), in one pass over the files.
  const factsKinds: Array<string | undefined> = new Array(results.length);
  const structure: Array<{ path: string; kind: string; factsKind: string }> = new Array(results.length);
  for (let index = 0; index < results.length; index++) {
    const r = results[index]!;
    if (!r.kind) {
      structure[index] = { path: r.path, kind: '', factsKind: '' };
      continue;
    }
    const factsKind = r.facts?.kind ?? cache.factsKind(r.path);
    if (factsKind === undefined) return undefined;
    factsKinds[index] = factsKind;
    structure[index] = { path: r.path, kind: r.kind, factsKind };
  }
  const key = cache.structureKey(structure, input.context);
  if (key !== stored.key) return undefined;

  // What changed, key by key and file by file: a stored part reruns when it read a changed field of a changed file.
  const change: Change = { keys: new Set(), files: [] };
  const changed = change.keys;
  for (let index = 0; index < results.length; index++) {
    const factsKind = factsKinds[index];
    if (factsKind === undefined) continue;
    const filePath = results[index]!.path;
    if (cache.modelIdentity(filePath, input.hashes[index]) === cache.previousIdentity(filePath)) continue;
    const before = cache.previousFacts(filePath);
    const after = results[index]!.facts ?? cache.facts(filePath);
    const keys = !before || !after ? [`${factsKind}#*`] : changedKeys(factsKind, before, after);
    if (keys.length === 0) continue;
    for (const k of keys) changed.add(k);
    change.files.push({ index, keys });
  }
  let roles = { roles: stored.roles, rolesDigest: stored.rolesDigest };
  // Nothing that changed was read by the roles or by any part: the stored phase stands as it is, for
  // these facts too (no model is built, and the stored entry is not written again).
  const rolesDirty = meets(stored.rolesDeps, stored.rolesReads, change);
  if (changed.size === 0 || (!rolesDirty && !stored.units.some((u) => meets(u.deps, u.reads, change)))) {
    cache.storeProject(stored);
    return { findings: stored.units.flatMap((u) => u.findings), roles: roles.roles };
  }

  // Files whose facts the cache does not hold (they may hold a secret) are parsed again when read.
  const partial = new Set(input.partial);
  let unavailable = false;
  const dependencies = new DependencyRecorder();
  const files: Array<{ index: number; path: string; kind: NonNullable<FileResult['kind']>; factsKind: string }> = [];
  for (let index = 0; index < results.length; index++) {
    const r = results[index]!;
    const factsKind = factsKinds[index];
    if (r.kind && factsKind !== undefined) files.push({ index, path: r.path, kind: r.kind, factsKind });
  }
  const modelFiles = files.map((f): ModelFile | LazyModelFile => {
    const facts = results[f.index]!.facts;
    if (facts) {
      attachPositionSources([{ path: f.path, facts }], input.positions);
      return { path: f.path, kind: f.kind, facts, isTest: false };
    }
    return {
      path: f.path,
      kind: f.kind,
      factsKind: f.factsKind as LazyModelFile['factsKind'],
      load: () => {
        const cached = partial.has(f.index) ? input.reparse(f.index).facts : cache.facts(f.path);
        if (cached) {
          attachPositionSources([{ path: f.path, facts: cached }], input.positions);
          return cached;
        }
        unavailable = true;
        throw new Error(`the cached facts of ${f.path} cannot be read`);
      },
    };
  });
  const fileIndex = fileIndexOf(results);
  const model = new ProjectModel(modelFiles, input.context.repo, input.context.settings, { dependencies, fileIndex });
  try {
    if (rolesDirty) {
      roles = rolesOfFiles(model, results);
      if (roles.rolesDigest !== stored.rolesDigest) changed.add(ROLES_DEPENDENCY);
    }
  } catch (err) {
    if (unavailable) return undefined;
    throw err;
  }
  const storedUnits = new Map(stored.units.map((u) => [u.id, u]));
  const fileSet = { count: results.length, kindSizes: kindSizesOf(files.map((f) => f.factsKind)), index: fileIndex };
  const project = runProjectPhase(model, input.active, input.options, input.timings, dependencies, fileSet, { unit: (id) => storedUnits.get(id), change });
  if (unavailable) return undefined;
  if (project.complete) {
    // Kept roles: what they read is what the stored ones read, and what the roles decided in this run read.
    const rolesDeps = model.rolesDependencies;
    if (!rolesDirty) for (const d of stored.rolesDeps) rolesDeps.add(d);
    // Stored roles without FileReads (an older cache) read any file: so do the kept ones.
    const rolesReads = rolesDirty || stored.rolesReads ? { rolesReads: fileReadsWith(rolesDeps, rolesDirty ? undefined : stored.rolesReads, fileSet.count, fileSet.kindSizes) } : {};
    cache.storeProject({ key, ...roles, rolesDeps: [...rolesDeps].sort(), ...rolesReads, units: project.units });
  }
  return { findings: project.units.flatMap((u) => u.findings), roles: roles.roles };
}

/** The role of every file of the run, one ROLE_LETTERS letter each, and a hash of every decision (role and reason). */
function rolesOfFiles(model: ProjectModel, files: ReadonlyArray<{ path: string }>): { roles: string; rolesDigest: string } {
  const h = createHash('sha256');
  let roles = '';
  for (const f of files) {
    const decision = model.roleOf(f.path);
    roles += ROLE_LETTERS[decision.role];
    h.update(f.path).update('\0').update(decision.role).update('\0').update(decision.reason).update('\0');
  }
  return { roles, rolesDigest: h.digest('base64') };
}

/**
 * roleOf from stored letters: the model's answer for every file of the run. A path the model has
 * no file for (the repository as a whole, a folder) is decided by its path and the configuration
 * alone, as the model decides it. Only the files of `findings` are asked: only they are looked up
 * among the run's files (not a map of every file made for a few hundred questions).
 */
function rolesFromLetters(letters: string, results: ReadonlyArray<{ path: string }>, findings: readonly Finding[], settings: ProjectSettings): (file: string) => FileRole {
  const roleByLetter = new Map(Object.entries(ROLE_LETTERS).map(([role, letter]) => [letter, role as FileRole]));
  const asked = new Set<string>();
  for (const f of findings) asked.add(f.file);
  const index = new Map<string, number>();
  for (let i = 0; i < results.length && index.size < asked.size; i++) if (asked.has(results[i]!.path)) index.set(results[i]!.path, i);
  return (file) => {
    // A file not among the findings' (no caller asks one now) is looked for among all.
    const found = asked.has(file) ? index.get(file) : results.findIndex((r) => r.path === file);
    const i = found === undefined || found < 0 ? undefined : found;
    if (i !== undefined) return roleByLetter.get(letters[i]!)!;
    if (file === '.' || file === '') return 'runtime';
    return decideRole(file, undefined, settings.environments).role;
  };
}

/**
 * The cross-file phase: each rule's checkProject on the model, under a time budget, then the
 * template check; each part's findings with what it read (when a recorder is given). With `stored`
 * (the stored phase and what changed since), a stored part whose record does not meet the change is
 * kept instead of run, and a rule in its per-file form recomputes only the files the change meets.
 */
function runProjectPhase(
  model: ProjectModel,
  active: ActiveRule[],
  options: AuditOptions,
  timings: Timings | undefined,
  dependencies: DependencyRecorder | undefined,
  fileSet: { count: number; kindSizes: ReadonlyMap<string, number>; index: ReadonlyMap<string, number> },
  stored?: { unit: (id: string) => ProjectUnit | undefined; change: Change },
): { units: ProjectUnit[]; complete: boolean } {
  const units: ProjectUnit[] = [];
  const budgetMs = options.fileTimeBudget === 0 ? 0 : (options.projectTimeBudget ?? DEFAULT_PROJECT_TIME_BUDGET_MS);
  const budget = new Budget(budgetMs);
  const recorded = (run: () => void, also?: ProjectUnit): Pick<ProjectUnit, 'deps' | 'reads'> => {
    if (!dependencies) {
      run();
      return { deps: [] };
    }
    const { deps } = dependencies.run(run);
    if (!also) return { deps: [...deps].sort(), reads: fileReadsOf(deps, fileSet.count, fileSet.kindSizes) };
    // The stored part's reads join this run's as stored (FileReads), not decoded file by file.
    for (const k of also.deps) deps.add(k);
    return { deps: [...deps].sort(), reads: fileReadsWith(deps, also.reads, fileSet.count, fileSet.kindSizes) };
  };
  const timed = (id: string, run: () => void) => (timings ? timings.time(`rule:${id}`, run) : run());
  for (const rule of active) {
    if (!rule.rule.checkProject) continue;
    const id = rule.rule.id;
    const previous = stored?.unit(id);
    if (previous && !meets(previous.deps, previous.reads, stored!.change)) {
      units.push(previous);
      continue;
    }
    if (budget.exceeded) {
      units.push({ id, deps: [], findings: [diagnostics.ruleNotRun(id, budgetMs)] });
      continue;
    }
    const findings: Finding[] = [];
    const byFile = rule.rule.checkProjectByFile;
    if (byFile && dependencies) {
      let records: ByFileRecords | undefined;
      const previousRecords = previous?.byFile ? { records: previous.byFile, change: stored!.change } : undefined;
      // Partials kept from the stored run keep their reads in the rule's record as a whole: the stored record says them.
      const record = recorded(
        () =>
          timed(id, () => {
            try {
              records = runProjectCheckByFile({ check: byFile, model, ctx: projectContext(rule, findings), recorder: dependencies, fileIndex: fileSet.index, fileSet, mayHoldSecret, id, ...(previousRecords ? { previous: previousRecords } : {}), ...(timings ? { timings } : {}) });
            } catch (err) {
              // As runProjectRule: what the rule reported before it threw stays, with the diagnostic.
              findings.push(diagnostics.ruleFailedInProject(id, (err as Error).message));
              records = undefined;
            }
          }),
        previousRecords ? previous : undefined,
      );
      units.push({ id, ...record, findings, ...(records ? { byFile: records } : {}) });
      continue;
    }
    const record = recorded(() => timed(id, () => runProjectRule(rule, model, findings)));
    units.push({ id, ...record, findings });
  }
  if (!budget.exceeded) {
    const kept = stored?.unit(TEMPLATES_UNIT);
    if (kept && !meets(kept.deps, kept.reads, stored!.change)) units.push(kept);
    else {
      const findings: Finding[] = [];
      const record = recorded(() => {
        for (const d of templateDiagnostics(model)) findings.push(diagnostics.templateNotRendered(d.file, d.message));
      });
      units.push({ id: TEMPLATES_UNIT, ...record, findings });
    }
  }
  return { units, complete: !budget.exceeded };
}

function runProjectRule(active: ActiveRule, model: ProjectModel, sink: Finding[]): void {
  if (!active.rule.checkProject) return;
  try {
    active.rule.checkProject(model, projectContext(active, sink));
  } catch (err) {
    sink.push(diagnostics.ruleFailedInProject(active.rule.id, (err as Error).message));
  }
}

/** What a cross-file rule reports through: its findings go to `sink`. */
function projectContext(active: ActiveRule, sink: Finding[]): ProjectContext<string> {
  return {
    options: active.options,
    report(d: AnyReportDescriptor & { loc: Location }) {
      sink.push(findingFromDescriptor(active, d.loc.file, d));
    },
  };
}

function sortKeys<T>(record: Record<string, T>): Record<string, T> {
  return Object.fromEntries(Object.entries(record).sort(([a], [b]) => (a < b ? -1 : 1)));
}

