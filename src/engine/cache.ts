// The per-file cache (--cache): a file's findings and facts, keyed by its content hash (or, with the
// default metadata strategy, by its size and times; with --changed-since, by the blob id git's index
// gives an unmodified file), valid for one tool version and one effective rule set (ids, severities,
// options, size limit).
//
// The cross-file phase reads nothing but the project model, and the model is built from the files'
// facts (plus the repository facts and settings). So its output is stored with what each part of it
// read (ProjectEntry: each cross-file rule's findings and the roles of files, each with its
// dependency record, src/model/dependencies.ts), under a key made of every file's path and kinds
// (projectStructureKey); audit.ts reuses each part whose reads did not change and recomputes the rest.
//
// The cache holds no secret value. Findings carry redacted evidence only and TS facts keep no literal
// that could be a secret (an env fallback is stored as its length), but the facts of config files
// (Dockerfile, compose, k8s, package.json, .env, JSON/YAML) hold raw values by design, since rules read
// them. So every entry is checked before it is stored (mayHoldSecret): a result with a value bound to
// a secret-like name, a known token format, a URL password, a `password=...`-like string or a long
// random-looking string is stored without its facts (a `partial` entry: its findings only). Such a
// file is parsed again when the cross-file phase has to run; files with secrets are few (and are
// findings), every other file is served from the cache.

import { isAscii } from 'node:buffer';
import { createHash, randomUUID } from 'node:crypto';
import { closeSync, constants, fstatSync, lstatSync, openSync, readSync, writeSync } from 'node:fs';
import { rename, rm } from 'node:fs/promises';
import path from 'node:path';
import type { FileResult } from './per-file.js';
import type { Finding } from '../rule-api/types.js';
import type { ActiveRule } from './rule-set.js';
import type { FileRole } from '../model/file-role.js';
import type { FileReads } from '../model/dependencies.js';
import type { RepoFacts } from '../model/project-model.js';
import { isByFileRecords, type ByFileRecords } from './project-by-file.js';
import { findKnownSecrets, holdsKnownToken, isPlaceholder, looksLikeSecretValue, shannonEntropy } from '../secrets/detect.js';
// Names (keys, env var names) and `name=value` texts that say a secret is near: the detector's own vocabulary.
import { isSecretName, SECRET_WORD } from '../secrets/vocabulary.js';
import { readGuarded, type GuardedReadFailure } from '../util/guarded-read.js';
import { findGitDirAndWorkTree, readUnmodifiedBlobIds } from '../util/git-data.js';
import { openTempBeside, writeAllSync, writeAtomic } from '../util/atomic-write.js';
import { toolCacheDir } from '../util/user-cache.js';

const FORMAT = 'twelve-factor-audit-cache';
// 5: facts gained env-read use, import laziness, .npmrc, compose build targets and header comments;
// the run entry holds the role-filtered findings of every file.
// 6: TS facts gained what a signal handler does, exported apps, gRPC/subscriber/supervisor starts and
// the child-process module (src/knowledge/).
// 7: entries carry the hash of their facts; the run entry holds the cross-file findings before the
// role filter and the role of every file, keyed by the files' facts.
// 8: entries carry the kind of their facts and where their facts are in the facts file; the run
// entry holds each cross-file rule's findings and the roles with what they read.
// 10: the content hash is git's blob id of the bytes read (--changed-since validates by the index's
// ids); entries are stored as arrays (CacheEntry), the index and journal as ASCII.
// 11: the stored phase's key is two hashes, of the files and of the rest (projectStructureKey).
// 12: import facts say when a require()/import() runs only outside production (outsideProduction);
// env reads' fallbacks say when the literal cannot be a credential (notCredential).
// 13: an import is type-only when its names are only declared again, never read (a visitor's method
// `Identifier() {}` beside `import { Identifier } from 'estree'`): cached facts said otherwise; an
// Effect runMain is a shutdown helper; TS facts gain signalsByVariable, passesSigterm and an esbuild
// build script's bundleOutputs.
// 14: an unquoted command substitution stays in its word (shell facts of RUN, scripts, commands).
// 15: server starts by a function's own name (startStandaloneServer, createHonoServer), hapi's
// start, pg-boss's work; the generic consume(queue, onMessage) label.
// 16: the root README is a file kind (its title).
// 17: .npmrc keeps shared-workspace-lockfile; `.xcode.env` is no env file.
// 18: RUN flags on continuation lines of their own are taken off the command.
// 19: @temporalio/worker is a shutdown helper.
// 20: Temporal's Worker.create is a shutdown runner instead (the import alone is not), unless its signals are turned off.
// 21: a 'SIGTERM' in a list of signals passes it on; a server start that answers only 503 says so (unavailablePage).
// 22: the README keeps its lead (the first paragraph of prose under its title); tsconfig keeps its exclude.
// 23: a signal handler registered by a later link of a chain on process (process.on(...).once(...)).
// 24: a Dockerfile keeps its leading comment.
// 25: a fatal-error handler that emits a signal on process (process.emit('SIGTERM')) ends the process.
// 26: COPY/ADD in JSON form keep their words (execForm).
const FORMAT_VERSION = 26;
const FACTS_FORMAT = 'twelve-factor-audit-cache-facts';
/** Every cache file starts with these bytes; a file that does not is not ours and is never overwritten. */
const SIGNATURE = `{"format":"${FORMAT}"`;

/**
 * How a cached entry is matched to a file (`--cache-strategy`, as ESLint's): `metadata` trusts an
 * unchanged size, modification time and change time and does not read the file at all (a warm run
 * then costs a stat per file); `content` always reads and hashes the file. Both fall back to the
 * content hash when the metadata differ, so a `touch` or a fresh checkout of the same bytes still
 * hits.
 */
export type CacheStrategy = 'metadata' | 'content';

/** What the file system says of a file, for the metadata strategy. */
export interface FileStamp {
  size: number;
  mtimeMs: number;
  ctimeMs: number;
}


/** `SIGNING_KEY=...`, `--hmac-key=...`, `licenseKey: ...` in a stored string. */
function assignsSecretName(text: string): boolean {
  for (const m of text.matchAll(/([A-Za-z][\w.-]{0,80})\s{0,4}[=:]/g)) if (isSecretName(m[1]!)) return true;
  return false;
}

function secretName(key: string): boolean {
  if (SECRET_WORD.test(key)) return true;
  // `${boundName} ${k}` (an env entry's name and the field): the detector judges the name itself.
  const space = key.indexOf(' ');
  return isSecretName(space < 0 ? key : key.slice(0, space));
}

/**
 * Could this result (facts and findings, as stored) contain a secret? Conservative: a false "yes"
 * only costs a re-parse of that file on the next run; a false "no" would write a secret to disk.
 */
export function mayHoldSecret(value: unknown, key?: string): boolean {
  if (typeof value === 'string') {
    if (value.length === 0) return false;
    if (key !== undefined && secretName(key) && !isPlaceholder(value)) return true;
    if (/[=:]/.test(value) && (SECRET_WORD.test(value) || assignsSecretName(value))) return true;
    if (value.length >= 8 && findKnownSecrets(value).length > 0) return true;
    // A bare token-like run (base64, hex, random id) anywhere; images, paths and URLs have `:` `.` or spaces.
    return /^[A-Za-z0-9+/_-]{16,}={0,2}$/.test(value) && shannonEntropy(value) >= 3.5 && looksLikeSecretValue(value);
  }
  if (Array.isArray(value)) return value.some((v) => mayHoldSecret(v, key));
  if (value && typeof value === 'object') {
    const record = value as Record<string, unknown>;
    // `{ name: 'DB_PASSWORD', value: '...' }` (env entries of compose, k8s, Dockerfile, .env).
    const boundName = typeof record.name === 'string' ? record.name : undefined;
    // Keys, not [key, value] pairs: the screen walks every object of every stored result.
    for (const k of Object.keys(record)) {
      const v = record[k];
      // A secret can be a key too (`ghp_...: true`); pointers in `positions` are made of the same keys.
      if (keyMayHoldSecret(k)) return true;
      if (k === 'positions') continue; // JSON pointer -> [line, column]: numbers only
      // Findings are what every report prints: their evidence and messages are redacted when they
      // are made (at most a 4-character prefix and the length), and test/secrets checks every
      // output format for planted secrets. A redacted URL such as `postgres://admin:HEBR…@db` would
      // otherwise keep the file out of the cache for good.
      if (k === 'findings' && Array.isArray(v)) {
        if (v.some((f) => findingNamesToken(f as Finding))) return true;
        continue;
      }
      // Repository paths of the result and its findings: the cache is keyed by them anyway.
      if ((k === 'path' || k === 'file') && typeof v === 'string') {
        if (pathHoldsSecret(v)) return true;
        continue;
      }
      if (mayHoldSecret(v, boundName !== undefined && k !== 'name' ? `${boundName} ${k}` : k)) return true;
    }
  }
  return false;
}

/**
 * mayHoldSecret of an object's key, remembered: facts repeat a few keys (`line`, `column`,
 * `specifier`) in every element, and each answer costs a known-format scan. Bounded, since the keys
 * of a JSON or YAML file are the file's own.
 */
function keyMayHoldSecret(key: string): boolean {
  if (key.length > KEY_ANSWER_MAX_LENGTH) return mayHoldSecret(key);
  let answer = keyAnswers.get(key);
  if (answer === undefined) {
    answer = mayHoldSecret(key);
    if (keyAnswers.size >= KEY_ANSWERS_MAX) keyAnswers.clear();
    keyAnswers.set(key, answer);
  }
  return answer;
}

const keyAnswers = new Map<string, boolean>();
const KEY_ANSWERS_MAX = 4096;
/** Longer keys are rare and not remembered (the map holds at most KEY_ANSWERS_MAX short strings). */
const KEY_ANSWER_MAX_LENGTH = 64;

/**
 * A repository path with a known token format in it (`keys/ghp_....json`): reports redact it; the
 * cache, which is keyed by paths, does not store that file at all. Known formats only: ordinary
 * file names must never be mistaken for secrets.
 */
export function pathHoldsSecret(filePath: string): boolean {
  // holdsKnownToken, not findKnownSecrets: `\b` does not break at `_`, so `backup_AKIA….env` would pass.
  return holdsKnownToken(filePath);
}

/** A finding whose file, or whose message (which may name other files), holds a known token. */
function findingNamesToken(f: Finding): boolean {
  return (typeof f?.file === 'string' && pathHoldsSecret(f.file)) || (typeof f?.message === 'string' && pathHoldsSecret(f.message));
}

/**
 * The content hash of a file's bytes: git's blob id of them (SHA-1 of `blob <length>\0` and the
 * bytes, base64), so that an entry can be matched with the id git's index records for an
 * unmodified file without reading it (AuditCache.lookupByGitIndex).
 */
export function contentHash(bytes: Uint8Array): string {
  return createHash('sha1').update(`blob ${bytes.length}\0`).update(bytes).digest('base64');
}

/** What invalidates every entry at once: tool version, rules with severity and options, limits. */
export function cacheKey(toolVersion: string, active: ActiveRule[], extra: Record<string, unknown> = {}): string {
  const rules = active.map((a) => [a.rule.id, a.severity, a.options]).sort((a, b) => (String(a[0]) < String(b[0]) ? -1 : 1));
  return createHash('sha256').update(stableJson({ toolVersion, node: process.versions.modules, rules, extra })).digest('hex');
}

function stableJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) : v,
  );
}

/**
 * What the stored cross-file phase is valid for besides the facts: the cache key (tool, rules,
 * limits), every file of the model with its kind and the kind of its facts (which files exist is
 * not a recorded dependency: a file added, removed or of another kind recomputes everything), and
 * whatever else the project model reads (repository facts, environments and entrypoints from the
 * config). The facts themselves are compared file by file (AuditCache.previousIdentity).
 *
 * Two hashes joined by `:`: of the files (filesKey), then of the rest. A run whose files are those
 * of the stored phase's run, each with the kinds of its previous entry, takes the first from the
 * stored key instead of hashing every path again (AuditCache.structureKey).
 */
export function projectStructureKey(key: string, files: ReadonlyArray<{ path: string; kind: string; factsKind: string }>, context: { repo: RepoFacts; settings: unknown }): string {
  return `${filesKey(files)}:${contextKey(key, context)}`;
}

function filesKey(files: ReadonlyArray<{ path: string; kind: string; factsKind: string }>): string {
  // Each path is one update (a string joined from every file's path costs more than the hash of
  // it: the paths are slices of the listing, flattened one by one), and its length goes into the
  // kinds' string, so that the concatenation of the paths cannot be split two ways.
  const h = createHash('sha256');
  let kinds = '';
  for (const f of files) {
    h.update(f.path);
    kinds += `${f.path.length}\0${f.kind}\0${f.factsKind}\0`;
  }
  return h.update(kinds).digest('hex');
}

function contextKey(key: string, context: { repo: RepoFacts; settings: unknown }): string {
  // The git index's list is hashed apart from the rest: stableJson's replacer would run once per
  // path (JSON.stringify of a string array is native).
  const { trackedFiles, ...repo } = context.repo;
  return createHash('sha256').update(key).update('\0').update(stableJson({ ...context, repo })).update('\0').update(JSON.stringify(trackedFiles ?? null)).digest('hex');
}

/**
 * Default cache file for a scanned root: in the user's cache directory, one file per absolute root.
 * Never inside the scanned tree (not even its node_modules/.cache, where ESLint and Babel keep
 * theirs): the tree is untrusted, and a cache it ships (or a link it plants where the cache goes)
 * would decide the findings. The key is the root's path, which a tree can compute; what protects
 * the entries is that the tree cannot write there.
 */
export function defaultCacheLocation(root: string): string {
  const abs = path.resolve(root);
  const name = `cache-${createHash('sha256').update(abs).digest('hex').slice(0, 16)}.json`;
  return path.join(toolCacheDir(), name);
}

/**
 * `--cache-location`: a directory (existing, or written with a trailing slash) gets one file per
 * audited folder, named by the folder's path inside its git work tree (`.`, `services/api`), not by
 * its absolute path: a cache directory restored in CI onto another checkout path (GitLab's
 * `/builds/<runner>/<n>/...`, another machine) names the same file, and entries are keyed by paths
 * relative to the root, so it is valid there. Outside a git work tree, the absolute path.
 */
export function resolveCacheLocation(location: string | undefined, root: string, cwd: string): string {
  if (location === undefined || location === '') return defaultCacheLocation(root);
  const abs = path.resolve(cwd, location);
  if (/[\\/]$/.test(location) || isDir(abs)) {
    const absRoot = path.resolve(cwd, root);
    const workTree = findGitDirAndWorkTree(absRoot)?.workTree;
    const id = workTree === undefined ? absRoot : `git:${path.relative(workTree, absRoot).split(path.sep).join('/') || '.'}`;
    return path.join(abs, `cache-${createHash('sha256').update(id).digest('hex').slice(0, 16)}.json`);
  }
  return abs;
}

function isDir(p: string): boolean {
  try {
    return lstatSync(p).isDirectory();
  } catch {
    return false;
  }
}

/** Bytes of the facts file read at once (FactsFile.window). */
const FACTS_WINDOW = 1024 * 1024;

/** A cache or facts file larger than this is not read (a 6,400-file monorepo writes about 40 MB of facts). */
const MAX_CACHE_FILE = 512 * 1024 * 1024;

interface CacheFile {
  format: typeof FORMAT;
  version: number;
  key: string;
  /** Each file's entry as stored (checked in place when read). */
  entries: Record<string, CacheEntry>;
  /** The cross-file phase's output for one exact model input (projectRunKey). */
  project?: ProjectEntry;
  /** Id of the facts file written with this index (FactsHeader). */
  factsId?: string;
  /** Id of this index, which its journal names (JournalHeader). */
  id?: string;
}

/**
 * A run that changed a few files does not rewrite the index: it appends one line to a journal
 * beside it (`<location>.journal`), the changes of that run, which a read applies over the index.
 * One line per run, written in one write: a line cut short does not parse and is ignored with the
 * ones after it, so a reader sees the state of some run, never half of one. Each line says at which
 * byte of the journal it was meant to start: a line of a concurrent run that landed elsewhere is
 * ignored with the ones after it, since it was computed from another state. The index is rewritten
 * (with a new id, which makes the old journal void) when the journal would pass a quarter of it.
 */
const JOURNAL_FORMAT = 'twelve-factor-audit-cache-journal';

interface JournalHeader {
  format: typeof JOURNAL_FORMAT;
  base: string;
}

interface JournalLine {
  /** The byte offset this line was written for. */
  at: number;
  set: Record<string, CacheEntry>;
  del: string[];
  /**
   * The stored phase from this run on: absent when unchanged, null when there is none. A unit the
   * run kept as it was is written as its index in the phase the line applies over (most runs rerun
   * a few rules: the line then holds their findings, not every rule's).
   */
  project?: StoredProject | null;
  factsId?: string;
}

/**
 * What the cross-file phase gave, valid for the facts of the entries of the same index: each part's
 * findings before the role filter with the dependency record of what it read, and the role of every
 * file of the run (one ROLE_LETTERS letter per file, in discovery order), which the role filter
 * applies to the per-file findings of the run, changed files included.
 */
export interface ProjectEntry {
  /** projectStructureKey of the run. */
  key: string;
  roles: string;
  /** Hash of every file's role decision (role and reason), which rules may read. */
  rolesDigest: string;
  /** What the roles read (dependencies.ts keys). */
  rolesDeps: string[];
  /** Which files the roles read under each key (absent: any file). */
  rolesReads?: FileReads;
  /** Each cross-file rule (by id) and the template check, in run order. */
  units: ProjectUnit[];
}

export interface ProjectUnit {
  id: string;
  deps: string[];
  /** Which files the part read under each key (absent: any file). */
  reads?: FileReads;
  findings: Finding[];
  /** A rule in its per-file form: each file's partial with what it read (project-by-file.ts). */
  byFile?: ByFileRecords;
}

type StoredProject = Omit<ProjectEntry, 'units'> & { units: Array<ProjectUnit | number> };

/** `project` as a journal line stores it: each unit kept from `base` as its index there. */
function projectDelta(project: ProjectEntry, base: ProjectEntry | undefined): StoredProject {
  if (!base) return project;
  const index = new Map(base.units.map((u, i) => [u, i]));
  return { ...project, units: project.units.map((u) => index.get(u) ?? u) };
}

/** One letter per role in ProjectEntry.roles. */
export const ROLE_LETTERS: Record<FileRole, string> = { runtime: 'r', build: 'b', test: 't', dev: 'd', ci: 'c', docs: 'o', generated: 'g' };

/**
 * A file's entry, in memory as in the index and journal: one array of fixed places instead of nested
 * records with named fields (half the bytes, a fifth of the objects), null where a field is absent:
 * [hash, factsHash, size, mtimeMs, ctimeMs, kind, factsKind, facts offset, facts length, partial (0|1), findings, directives?]
 * - factsHash: hash of the file's kind and facts (null in partial entries, whose facts are not stored);
 * - size, mtimeMs, ctimeMs: the stamp (null in entries stored without metadata: then only the
 *   content hash can match);
 * - factsKind: the `kind` of the file's facts, so that the project model's lists by kind are built
 *   without reading facts;
 * - facts offset and length: where the facts' JSON text is in the facts file;
 * - partial: the facts were left out because they may hold a secret (mayHoldSecret): the entry gives
 *   the file's findings, and the file is parsed again only when the cross-file phase must run.
 * The index's arrays are used as JSON.parse made them, checked in place (entryValid): building an
 * object per entry, with its stamp, place and result, cost as much CPU as parsing the index and gave
 * the young generation 100,000 more objects that survive it on a 25,000-file tree. The result a
 * lookup gives is made then (cached()).
 */
type CacheEntry = [string, string | null, number | null, number | null, number | null, FileResult['kind'] | null, string | null, number | null, number | null, 0 | 1, Finding[], FileResult['directives']?];

const E_HASH = 0;
const E_FACTS_HASH = 1;
const E_SIZE = 2;
const E_MTIME = 3;
const E_CTIME = 4;
const E_KIND = 5;
const E_FACTS_KIND = 6;
const E_OFFSET = 7;
const E_LENGTH = 8;
const E_PARTIAL = 9;
const E_FINDINGS = 10;
const E_DIRECTIVES = 11;

function makeEntry(hash: string, factsHashValue: string | undefined, stamp: FileStamp | undefined, result: FileResult, partial: boolean, factsKind: string | undefined): CacheEntry {
  const out: CacheEntry = [hash, factsHashValue ?? null, stamp ? stamp.size : null, stamp ? stamp.mtimeMs : null, stamp ? stamp.ctimeMs : null, result.kind, factsKind ?? null, null, null, partial ? 1 : 0, result.findings];
  if (result.directives) out.push(result.directives);
  return out;
}

/** `entry` with another stamp (a copy: the previous index's entry stays as it was read). */
function withStamp(entry: CacheEntry, stamp: FileStamp): CacheEntry {
  const out = entry.slice() as CacheEntry;
  out[E_SIZE] = stamp.size;
  out[E_MTIME] = stamp.mtimeMs;
  out[E_CTIME] = stamp.ctimeMs;
  return out;
}

/** `entry` with its facts at another place of the facts file (a copy). */
function withPlace(entry: CacheEntry, at: [number, number]): CacheEntry {
  const out = entry.slice() as CacheEntry;
  setPlace(out, at);
  return out;
}

function setPlace(entry: CacheEntry, at: [number, number]): void {
  entry[E_OFFSET] = at[0];
  entry[E_LENGTH] = at[1];
}

/** Where the entry's facts are in the facts file, if they are stored. */
function placeOf(entry: CacheEntry): [number, number] | undefined {
  const offset = entry[E_OFFSET];
  return offset === null ? undefined : [offset, entry[E_LENGTH]!];
}

function isPartial(entry: CacheEntry): boolean {
  return entry[E_PARTIAL] === 1;
}

/** Whether the entry's stamp is `stamp` (an entry without one never matches). */
function stampIs(entry: CacheEntry, stamp: FileStamp): boolean {
  return entry[E_SIZE] === stamp.size && entry[E_MTIME] === stamp.mtimeMs && entry[E_CTIME] === stamp.ctimeMs;
}

/** Whether `value` is an entry of the right shape (checked where it lies: nothing is copied). */
function entryValid(value: unknown): value is CacheEntry {
  if (!Array.isArray(value) || (value.length !== 11 && value.length !== 12)) return false;
  // Indexed reads, not a destructuring (which goes through the array iterator, slow before the JIT warms up).
  const v = value as unknown[];
  const factsHash = v[1], size = v[2], mtimeMs = v[3], ctimeMs = v[4], kind = v[5], factsKind = v[6], offset = v[7], length = v[8], partial = v[9], findings = v[10], directives = v[11];
  if (typeof v[0] !== 'string' || !(factsHash === null || typeof factsHash === 'string') || !(kind === null || typeof kind === 'string') || !(factsKind === null || typeof factsKind === 'string') || (partial !== 0 && partial !== 1)) return false;
  const stamped = typeof size === 'number' && typeof mtimeMs === 'number' && typeof ctimeMs === 'number';
  if (!stamped && !(size === null && mtimeMs === null && ctimeMs === null)) return false;
  const placed = Number.isSafeInteger(offset) && (offset as number) >= 0 && Number.isSafeInteger(length) && (length as number) >= 0;
  if (!placed && !(offset === null && length === null)) return false;
  if (!Array.isArray(findings) || !findings.every(isFinding)) return false;
  return directives === undefined || (Array.isArray(directives) && directives.every(isDirective));
}

/**
 * The facts of the entries live in a second file beside the cache file (`<location>.facts`), read
 * only when the cross-file phase has to run: a run where nothing changed reads the small index
 * (findings) and never parses megabytes of facts. Both files carry the same id; a facts file of
 * another id (an interrupted write, a copy) is not used, and the files are simply parsed again.
 *
 * One line per file after a header line (`{"format":…,"id":…}`): `<JSON path>\t<JSON facts>`
 * (JSON text has no raw tab or line break). Each index entry holds the offset and length of its
 * facts (CacheEntry.at): a file's facts are read and parsed only when asked for, and used only when
 * the bytes before them name that file and they parse to facts of the entry's kind (not hashed
 * again: the file carries the index's id). A save appends the facts of changed files to the file and leaves
 * the rest where it is; the file is rewritten (compacted) when most of it is no longer referenced.
 */
interface FactsHeader {
  format: typeof FACTS_FORMAT;
  id: string;
}

/** What a lookup gives: the stored result (facts null), the content hash it was stored under, whether its facts were left out. */
export interface CachedResult {
  result: FileResult;
  hash: string;
  partial: boolean;
}

export interface CacheStats {
  hits: number;
  misses: number;
}

export interface AuditCache {
  readonly location: string;
  /** The cache key this file is valid for (tool, rules, limits). */
  readonly key: string;
  readonly stats: CacheStats;
  /** Metadata strategy: the entry of an unchanged file without reading it, else undefined (not counted as a miss). */
  lookupByStamp(filePath: string, stamp: FileStamp): CachedResult | undefined;
  /**
   * With git's index trusted (openCache's `gitRoot`, --changed-since): the entry of a file that git
   * takes as unmodified (its stat data are those the index recorded), whose blob id there is the
   * entry's content hash and whose size is the entry's, without reading it; else undefined (not
   * counted as a miss).
   */
  lookupByGitIndex(filePath: string, stamp: FileStamp): CachedResult | undefined;
  lookup(filePath: string, hash: string, stamp?: FileStamp): CachedResult | undefined;
  /** The cached facts of a file looked up in this run (read from the facts file on use); undefined when unavailable. */
  facts(filePath: string): FileResult['facts'] | undefined;
  /** The `kind` of the facts of a file looked up or stored in this run, when known. */
  factsKind(filePath: string): string | undefined;
  /** Stores a result; one that may hold a secret is stored without its facts (or not at all). */
  store(filePath: string, hash: string, result: FileResult, stamp?: FileStamp): void;
  /**
   * What the project model of a file is built from, as far as this run knows it: the hash of its
   * facts when the entry looked up or stored in this run holds them, else its content hash (a file
   * whose facts are not stored, or that is not cached, counts as changed whenever its bytes are).
   */
  modelIdentity(filePath: string, contentHash: string | undefined): string;
  /** The model identity of a file in the previous index (the one its ProjectEntry is valid for); undefined when it had no entry. */
  previousIdentity(filePath: string): string | undefined;
  /** The facts of a file as the previous index stored them; undefined when unavailable. */
  previousFacts(filePath: string): FileResult['facts'] | undefined;
  /** The stored cross-file phase, valid for the previous index's entries, if any. */
  project(): ProjectEntry | undefined;
  /**
   * projectStructureKey of this run's files (in run order, each with its kind and the kind of its
   * facts, as taken from its result or entry), computed after the per-file phase. When every file
   * of the run has an entry of the same kinds in the previous index, and the previous index holds
   * no other entry and the stored phase was of as many files, the files are those the stored
   * phase's run had, and the files' half of its key is taken as it is.
   */
  structureKey(files: ReadonlyArray<{ path: string; kind: string; factsKind: string }>, context: { repo: RepoFacts; settings: unknown }): string;
  /** The cross-file phase of this run, valid for the entries of this run; without it none is written. */
  storeProject(entry: ProjectEntry): void;
  /** Writes the entries looked up or stored in this run (deleted files drop out), atomically. */
  save(): Promise<void>;
}

/**
 * Opens the cache at `location`. A missing file is an empty cache; a file of another version or rule
 * set is dropped silently (it is simply stale); a corrupt or foreign file is ignored with one warning.
 * `gitRoot`: the audited folder, whose git index is trusted to say which files are unmodified and
 * their blob ids (lookupByGitIndex; given only in --changed-since mode, which trusts the repository's
 * git data already: docs/security.md).
 */
export async function openCache(location: string, key: string, warn: (message: string) => void, gitRoot?: string): Promise<AuditCache> {
  const git = gitRoot === undefined ? null : readUnmodifiedBlobIds(gitRoot);
  let previous: CacheFile['entries'] = Object.create(null) as CacheFile['entries'];
  let previousProject: CacheFile['project'];
  let previousFactsId: string | undefined;
  let baseId: string | undefined;
  let baseSize = 0;
  /** How many entries `previous` holds. */
  let previousCount = 0;
  let nextProject: CacheFile['project'];
  let writable = true;
  let raw: string | null = null;
  const read = readStateText(location);
  if (typeof read === 'string') raw = read;
  else if (read.kind === 'special') {
    writable = false;
    warn(`ignoring the cache file ${location}: it is ${read.reason}, and it will not be overwritten (pass another --cache-location)`);
  } else if (read.kind !== 'missing') warn(`cannot read the cache file ${location} (${read.reason}); running without it`);
  if (raw !== null) {
    const parsed = parseCacheFile(raw);
    if (typeof parsed === 'object' && parsed.dropped > 0) {
      warn(`ignoring ${parsed.dropped} entr${parsed.dropped === 1 ? 'y' : 'ies'} of the cache file ${location} of the wrong shape; their files are read again`);
    }
    if (parsed === 'corrupt') {
      warn(`ignoring the cache file ${location}: it is corrupt; it will be rewritten`);
    } else if (parsed === 'foreign') {
      writable = false;
      warn(`ignoring ${location}: it is not a twelve-factor-audit cache file, and it will not be overwritten (pass another --cache-location)`);
    } else if (parsed !== 'stale' && parsed.key === key) {
      previous = parsed.entries;
      previousProject = parsed.project;
      previousFactsId = parsed.factsId;
      baseId = parsed.id;
      baseSize = raw.length;
      previousCount = parsed.count;
    }
  }
  const journalLocation = `${location}.journal`;
  /** The journal's size when it applies to this index, else undefined (a new journal is started). */
  let journalSize: number | undefined;
  if (baseId !== undefined) {
    const journal = readStateText(journalLocation);
    if (typeof journal === 'string') {
      const applied = applyJournal(journal, baseId, previous, previousProject);
      if (applied) {
        journalSize = applied.size;
        previousCount += applied.added;
        if (applied.project !== undefined) previousProject = applied.project ?? undefined;
        if (applied.factsId !== undefined) previousFactsId = applied.factsId;
        if (applied.dropped > 0) warn(`ignoring ${applied.dropped} entr${applied.dropped === 1 ? 'y' : 'ies'} of the cache journal ${journalLocation} of the wrong shape; their files are read again`);
      }
    }
  }

  const factsFile = new FactsFile(`${location}.facts`, previousFactsId);
  /** The previous facts of an entry, checked for place and shape; undefined when missing or wrong. */
  const factsOfEntry = (filePath: string, entry: CacheEntry | undefined): FileResult['facts'] | undefined => {
    const at = entry && !isPartial(entry) && entry[E_FACTS_HASH] ? placeOf(entry) : undefined;
    if (!entry || !at) return undefined;
    const text = factsFile.read(at, filePath);
    if (text === undefined) return undefined;
    try {
      const f = JSON.parse(text) as unknown;
      return isRecord(f) && typeof f.kind === 'string' && f.kind === entry[E_FACTS_KIND] ? (f as unknown as FileResult['facts']) : undefined;
    } catch {
      return undefined;
    }
  };

  // Null-prototype records, as `previous`: a file named `constructor` or `__proto__` is a key like any other.
  const next: CacheFile['entries'] = Object.create(null) as CacheFile['entries'];
  /** Facts stored in this run; their JSON text went to the facts sink when stored. */
  const nextFacts = new Map<string, FileResult['facts']>();
  // Each stored file's facts are written out as it is stored, not held as text until the save: on a
  // cold run of 25,000 files those texts were ~25 MB of strings alive through the whole run.
  const sink = writable ? new FactsSink(factsFile.location) : undefined;
  const stats: CacheStats = { hits: 0, misses: 0 };
  let dirty = false;
  /** How many files have an entry in `next`. */
  let nextCount = 0;
  /** Files of this run whose entry has the kinds (of the file and of its facts) of their previous one, each counted once. */
  let sameKinds = 0;
  /** Whether some file's entry has no previous one, or other kinds (or a file was given an entry twice). */
  let otherFiles = false;
  /** Called before `filePath` is given `entry` in this run (the save and structureKey count on it). */
  const track = (filePath: string, entry: CacheEntry): void => {
    const before = previous[filePath];
    const first = next[filePath] === undefined;
    if (first) nextCount++;
    if (first && before !== undefined && before[E_KIND] === entry[E_KIND] && before[E_FACTS_KIND] === entry[E_FACTS_KIND]) sameKinds++;
    else otherFiles = true;
  };
  return {
    location,
    key,
    stats,
    lookupByStamp(filePath, stamp) {
      const entry = previous[filePath];
      if (!entry || !stampIs(entry, stamp)) return undefined;
      track(filePath, entry);
      next[filePath] = entry;
      stats.hits++;
      return cached(filePath, entry);
    },
    lookupByGitIndex(filePath, stamp) {
      if (!git) return undefined;
      const entry = previous[filePath];
      // The size too: the index's id is of the file's clean form, which line-ending conversion or a
      // filter can make differ from the bytes in the work tree (then mostly in length).
      if (!entry || entry[E_SIZE] === null || entry[E_SIZE] !== stamp.size || git.blobId(filePath, stamp) !== entry[E_HASH]) return undefined;
      // The entry is kept as it is (its stamp too): rewriting every entry with this checkout's times
      // would rewrite the whole index, and the next run here validates the same way.
      track(filePath, entry);
      next[filePath] = entry;
      stats.hits++;
      return cached(filePath, entry);
    },
    lookup(filePath, hash, stamp) {
      const entry = previous[filePath];
      if (entry && entry[E_HASH] === hash) {
        track(filePath, entry);
        // Same bytes, new metadata (a checkout, a touch): remember the new stamp for the next run.
        if (stamp && !stampIs(entry, stamp)) {
          next[filePath] = withStamp(entry, stamp);
          dirty = true;
        } else next[filePath] = entry;
        stats.hits++;
        return cached(filePath, entry);
      }
      stats.misses++;
      return undefined;
    },
    facts(filePath) {
      const stored = nextFacts.get(filePath);
      if (stored) return stored;
      return factsOfEntry(filePath, next[filePath]);
    },
    factsKind(filePath) {
      return next[filePath]?.[E_FACTS_KIND] ?? undefined;
    },
    store(filePath, hash, result, stamp) {
      if (pathHoldsSecret(filePath)) return;
      const withoutFacts: FileResult = { path: result.path, kind: result.kind, facts: null, findings: result.findings, ...(result.directives ? { directives: result.directives } : {}) };
      // A result that may hold a secret keeps its findings (redacted when made) and drops the facts,
      // which hold the raw values; if even that may hold one, nothing is stored (and an older entry
      // of this path, not copied to `next`, is dropped at save).
      const partial = mayHoldSecret(result);
      if (partial && mayHoldSecret(withoutFacts)) return;
      const text = partial ? undefined : JSON.stringify(result.facts);
      const entry = makeEntry(hash, text !== undefined ? factsHash(result.kind, text) : undefined, stamp, withoutFacts, partial, result.facts?.kind);
      track(filePath, entry);
      next[filePath] = entry;
      if (text !== undefined) {
        nextFacts.set(filePath, result.facts);
        sink?.add(filePath, text);
      }
      dirty = true;
    },
    modelIdentity(filePath, hash) {
      const entry = next[filePath];
      return entry ? identityOf(entry) : (hash ?? '');
    },
    previousIdentity(filePath) {
      const entry = previous[filePath];
      return entry ? identityOf(entry) : undefined;
    },
    previousFacts(filePath) {
      return factsOfEntry(filePath, previous[filePath]);
    },
    project() {
      return previousProject;
    },
    structureKey(files, context) {
      const stored = previousProject?.key;
      const cut = stored === undefined ? -1 : stored.indexOf(':');
      // Every file of the run has an entry of its previous kinds (sameKinds), and they are all the
      // previous index's entries: so the run's files are the index's. The index holds the entries of
      // the run that stored (or last confirmed) the phase, one per file of that run that had one, and
      // that run had `roles.length` files: as many as the index has entries, so the same ones. Their
      // kinds are those of the entries, as are this run's.
      if (cut > 0 && !otherFiles && files.length === sameKinds && previousProject!.roles.length === sameKinds && previousCount === sameKinds) {
        return `${stored!.slice(0, cut)}:${contextKey(key, context)}`;
      }
      return projectStructureKey(key, files, context);
    },
    storeProject(entry) {
      // The stored phase confirmed as it is: nothing to write for it.
      if (entry === previousProject) {
        nextProject = entry;
        return;
      }
      if (entry.units.some((u) => u.findings.some(findingNamesToken))) return;
      nextProject = entry;
      dirty = true;
    },
    async save() {
      if (!writable || !sink) return;
      // Entries of files that disappeared, changed or now hold a secret are dropped: rewrite then too.
      // Not dirty, every entry of `next` is one of `previous` (a lookup's): the same keys when as many.
      if (!dirty && nextCount === previousCount) {
        await sink.discard();
        return;
      }
      // The facts of this run's entries go to the facts file; the others stay where they are. An
      // entry whose facts cannot be found is dropped (its file is parsed next time).
      for (const filePath in next) {
        const entry = next[filePath]!;
        if (isPartial(entry) || nextFacts.has(filePath)) continue;
        if (entry[E_OFFSET] === null || !factsFile.usable()) delete next[filePath];
      }
      const written = await factsFile.write(next, sink);
      for (const [filePath, at] of written.at) {
        const entry = next[filePath]!;
        // An entry of the previous index is shared with it: copied; one made in this run (a cold run:
        // every one) is given its place in itself.
        if (previous[filePath] === entry) next[filePath] = withPlace(entry, at);
        else setPlace(entry, at);
      }
      for (const filePath of written.lost) delete next[filePath];
      // The stored phase is valid for this run's entries only: one not confirmed in this run is dropped.
      // Without an index to append to (a cold run), no journal line is made: it would copy every entry.
      if (baseId !== undefined) {
        const set: Record<string, CacheEntry> = Object.create(null) as Record<string, CacheEntry>;
        for (const filePath in next) if (previous[filePath] !== next[filePath]) set[filePath] = next[filePath]!;
        const del: string[] = [];
        for (const filePath in previous) if (!(filePath in next)) del.push(filePath);
        const line: Omit<JournalLine, 'at'> = { set, del, ...(nextProject !== previousProject ? { project: nextProject ? projectDelta(nextProject, previousProject) : null } : {}), ...(written.id !== previousFactsId ? { factsId: written.id } : {}) };
        if (await appendJournal(journalLocation, baseId, journalSize, line, baseSize)) return;
      }
      await writeAtomic(location, indexStretches({ format: FORMAT, version: FORMAT_VERSION, key, id: randomUUID(), factsId: written.id }, next, nextProject));
    },
  };
}

/**
 * Applies the lines of a journal over the entries of its index (in place), up to the first line
 * that does not parse, is not where it was meant to be, or is of the wrong shape as a whole.
 * undefined when the journal is not that index's.
 */
function applyJournal(text: string, baseId: string, entries: Record<string, CacheEntry>, baseProject: ProjectEntry | undefined): { size: number; project?: ProjectEntry | null; factsId?: string; dropped: number; added: number } | undefined {
  const headerEnd = text.indexOf('\n');
  try {
    const header = JSON.parse(headerEnd < 0 ? text : text.slice(0, headerEnd)) as Partial<JournalHeader> | null;
    if (!header || header.format !== JOURNAL_FORMAT || header.base !== baseId) return undefined;
  } catch {
    return undefined;
  }
  // `added`: entries added less entries removed.
  const out: { size: number; project?: ProjectEntry | null; factsId?: string; dropped: number; added: number } = { size: Buffer.byteLength(text), dropped: 0, added: 0 };
  let offset = Buffer.byteLength(text.slice(0, headerEnd < 0 ? text.length : headerEnd));
  for (let start = headerEnd; start >= 0 && start < text.length; ) {
    // Each line starts with its line break: `\n{...}`.
    const end = text.indexOf('\n', start + 1);
    const raw = text.slice(start + 1, end < 0 ? text.length : end);
    let line: unknown;
    try {
      line = JSON.parse(raw);
    } catch {
      return { ...out, size: offset };
    }
    if (!isRecord(line) || line.at !== offset || !isRecord(line.set) || !isStringArray(line.del) || (line.factsId !== undefined && typeof line.factsId !== 'string')) return { ...out, size: offset };
    let project: ProjectEntry | null | undefined;
    if (line.project !== undefined && line.project !== null) {
      project = projectFrom(line.project, out.project === undefined ? baseProject : (out.project ?? undefined));
      if (!project) return { ...out, size: offset };
    } else project = line.project;
    for (const [filePath, stored] of Object.entries(line.set)) {
      const had = entries[filePath] !== undefined;
      if (entryValid(stored)) {
        entries[filePath] = stored;
        if (!had) out.added++;
      } else {
        delete entries[filePath];
        out.dropped++;
        if (had) out.added--;
      }
    }
    for (const filePath of line.del) {
      if (entries[filePath] === undefined) continue;
      delete entries[filePath];
      out.added--;
    }
    if (project !== undefined) out.project = project;
    if (line.factsId !== undefined) out.factsId = line.factsId;
    offset += 1 + Buffer.byteLength(raw);
    start = end;
  }
  return { ...out, size: offset };
}

/**
 * Appends one run's changes to the journal of index `baseId` (a new journal when `size` is
 * undefined). false when the journal would pass a quarter of the index, or cannot be written as
 * planned: the caller rewrites the index.
 */
async function appendJournal(location: string, baseId: string, size: number | undefined, change: Omit<JournalLine, 'at'>, baseSize: number): Promise<boolean> {
  if (size === undefined) {
    const header = asciiJson({ format: JOURNAL_FORMAT, base: baseId } satisfies JournalHeader);
    const text = `${header}\n${asciiJson({ at: header.length, ...change } satisfies JournalLine)}`;
    if (text.length * 4 > baseSize) return false;
    await writeAtomic(location, text);
    return true;
  }
  const bytes = Buffer.from(`\n${asciiJson({ at: size, ...change } satisfies JournalLine)}`);
  if ((size + bytes.length) * 4 > baseSize) return false;
  let fd: number | undefined;
  try {
    fd = openSync(location, constants.O_WRONLY | constants.O_APPEND | (constants.O_NOFOLLOW ?? 0));
    const st = fstatSync(fd);
    if (!st.isFile() || st.size !== size) return false;
    return writeSync(fd, bytes) === bytes.length;
  } catch {
    return false;
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/**
 * What the project model of a file was built from: the hash of its facts, or its content hash when
 * its facts are not stored. The two hashes differ in length (SHA-256 and SHA-1, base64), so they
 * never compare equal, and no string is built per file.
 */
function identityOf(entry: CacheEntry): string {
  const facts = entry[E_FACTS_HASH];
  return isPartial(entry) || !facts ? entry[E_HASH] : facts;
}

/**
 * JSON with every non-ASCII character escaped: the index and journal are then pure ASCII, which a
 * read decodes as Latin-1 (a copy) instead of UTF-8 (several times slower on megabytes).
 */
function asciiJson(value: unknown): string {
  return asciiOnly(JSON.stringify(value));
}

/** JSON text with every non-ASCII character escaped (a character at a time: any cut of the text gives the same bytes). */
function asciiOnly(json: string): string {
  return json.replace(/[\u0080-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/**
 * The index as asciiJson of `{...head, entries, project}` gives it, in stretches of about
 * FACTS_WINDOW characters made one entry at a time: the index of 25,000 files is megabytes, which
 * one string of it, its ASCII copy and every entry's array held at once at the end of a cold run.
 */
function* indexStretches(head: Omit<CacheFile, 'entries' | 'project'>, entries: Record<string, CacheEntry>, project: ProjectEntry | undefined): Generator<string> {
  const open = JSON.stringify(head);
  let parts: string[] = [open.slice(0, -1), ',"entries":{'];
  let length = 0;
  let first = true;
  for (const filePath in entries) {
    const piece = `${first ? '' : ','}${JSON.stringify(filePath)}:${JSON.stringify(entries[filePath]!)}`;
    first = false;
    parts.push(piece);
    length += piece.length;
    if (length >= FACTS_WINDOW) {
      yield asciiOnly(parts.join(''));
      parts = [];
      length = 0;
    }
  }
  parts.push('}');
  if (project) parts.push(',"project":', JSON.stringify(project));
  parts.push('}');
  yield asciiOnly(parts.join(''));
}

/** A cache or journal file's text (guarded: a regular file within the size cap); ASCII decoded as such. */
function readStateText(location: string): string | GuardedReadFailure {
  const bytes = readGuarded(location, { maxSize: MAX_CACHE_FILE });
  if (!Buffer.isBuffer(bytes)) return bytes;
  if (isAscii(bytes)) return bytes.toString('latin1');
  const text = bytes.toString('utf8');
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

function factsHash(kind: string | null, text: string): string {
  return createHash('sha256').update(kind ?? '').update('\0').update(text).digest('base64');
}

/**
 * The facts file of a cache: read by offset (only the facts a run needs), appended to on save, and
 * rewritten (compacted) when less than half of it is referenced.
 */
class FactsFile {
  private fd: number | undefined;
  private opened = false;
  private size = 0;
  /**
   * The last stretch of the file read: a recomputed rule often reads the facts of every file of a
   * kind, which lie in discovery order, so one read of FACTS_WINDOW bytes serves hundreds of them
   * (one read per file cost ~80 ms on medusa's 9,000 files). Bytes below `size` never change: a save
   * appends, and a compaction writes another file.
   */
  private window: { start: number; bytes: Buffer } | undefined;

  constructor(
    readonly location: string,
    private readonly id: string | undefined,
  ) {}

  /** Opens the file and checks its header (id and format) once; false when it cannot serve reads. */
  usable(): boolean {
    if (this.opened) return this.fd !== undefined;
    this.opened = true;
    if (this.id === undefined) return false;
    let fd: number | undefined;
    try {
      fd = openSync(this.location, constants.O_RDONLY | (constants.O_NOFOLLOW ?? 0));
      const st = fstatSync(fd);
      if (!st.isFile() || st.size > MAX_CACHE_FILE) throw new Error('not a regular file of a sane size');
      const head = Buffer.alloc(Math.min(st.size, 256));
      readSync(fd, head, 0, head.length, 0);
      const end = head.indexOf(10);
      const header = JSON.parse(head.subarray(0, end < 0 ? head.length : end).toString('utf8')) as Partial<FactsHeader> | null;
      if (!header || header.format !== FACTS_FORMAT || header.id !== this.id) throw new Error('another facts file');
      this.fd = fd;
      this.size = st.size;
      return true;
    } catch {
      if (fd !== undefined) closeSync(fd);
      return false;
    }
  }

  /**
   * The facts text of `filePath` at `at` ([offset, length]): undefined when out of the file,
   * unreadable, or not preceded by the line start that names that path (a damaged index or file).
   */
  read(at: [number, number], filePath: string): string | undefined {
    if (!this.usable()) return undefined;
    const [offset, length] = at;
    const prefix = Buffer.from(`\n${JSON.stringify(filePath)}\t`);
    if (!Number.isSafeInteger(offset) || !Number.isSafeInteger(length) || offset < prefix.length || length < 0 || offset + length > this.size) return undefined;
    const start = offset - prefix.length;
    const end = offset + length;
    let w = this.window;
    if (!w || start < w.start || end > w.start + w.bytes.length) {
      const bytes = Buffer.allocUnsafe(Math.min(Math.max(end - start, FACTS_WINDOW), this.size - start));
      try {
        if (readSync(this.fd!, bytes, 0, bytes.length, start) !== bytes.length) return undefined;
      } catch {
        return undefined;
      }
      w = this.window = { start, bytes };
    }
    const from = start - w.start;
    if (!w.bytes.subarray(from, from + prefix.length).equals(prefix)) return undefined;
    return w.bytes.toString('utf8', from + prefix.length, from + prefix.length + length);
  }

  /**
   * Writes the facts of `entries`: those of this run (staged in `sink`) are appended; entries of the
   * previous file keep their place. When most of the file would be unreferenced, or it cannot be
   * appended to, a new file with a new id takes its place: the staged file itself when no fact of
   * the previous file is still referenced (a cold run), else one that copies both. Returns the id,
   * the new places, and the paths whose facts could not be copied.
   */
  async write(entries: Record<string, CacheEntry>, sink: FactsSink): Promise<{ id: string; at: Map<string, [number, number]>; lost: string[] }> {
    const staged = sink.finish();
    const lost = new Set<string>();
    let live = 0;
    let added = 0;
    for (const filePath in entries) {
      const entry = entries[filePath]!;
      if (isPartial(entry)) continue;
      if (sink.holds(filePath)) {
        const place = staged?.at.get(filePath);
        if (place) added += place[1] + filePath.length + 8;
        // The staged file could not be written: these facts are nowhere.
        else lost.add(filePath);
      } else if (entry[E_LENGTH] !== null) live += entry[E_LENGTH];
    }
    try {
      const usable = this.usable();
      if (usable && this.id !== undefined && live * 2 >= this.size + added) {
        if (!staged) return { id: this.id, at: new Map(), lost: [...lost] };
        // Append: one write of every new line; the offsets follow from the size before it.
        const appended = this.append(staged);
        if (appended) return { id: this.id, at: appended, lost: [...lost] };
      }
      if (staged && live === 0) {
        // Nothing of the previous file is referenced: the staged file is the new facts file.
        await rename(staged.location, this.location);
        return { id: staged.id, at: staged.at, lost: [...lost] };
      }
      return await this.compact(entries, staged, lost);
    } finally {
      await sink.discard();
    }
  }

  /** Appends the staged lines to this file in one write; their places, or undefined when another run changed the file since it was opened. */
  private append(staged: StagedFacts): Map<string, [number, number]> | undefined {
    let fd: number | undefined;
    let body: Buffer;
    try {
      fd = openSync(staged.location, constants.O_RDONLY | (constants.O_NOFOLLOW ?? 0));
      body = Buffer.allocUnsafe(staged.size - staged.headerBytes);
      if (readSync(fd, body, 0, body.length, staged.headerBytes) !== body.length) return undefined;
    } catch {
      return undefined;
    } finally {
      if (fd !== undefined) closeSync(fd);
      fd = undefined;
    }
    try {
      fd = openSync(this.location, constants.O_WRONLY | constants.O_APPEND | (constants.O_NOFOLLOW ?? 0));
      const st = fstatSync(fd);
      if (!st.isFile() || st.size !== this.size) return undefined;
      writeAllSync(fd, body);
    } catch {
      return undefined;
    } finally {
      if (fd !== undefined) closeSync(fd);
    }
    const shift = this.size - staged.headerBytes;
    const at = new Map<string, [number, number]>();
    for (const [filePath, [offset, length]] of staged.at) at.set(filePath, [offset + shift, length]);
    return at;
  }

  /**
   * A new file with the facts of every entry, in the order of `entries`: this run's read back from
   * the staged file, the others copied from this one, written in stretches of about FACTS_WINDOW
   * bytes as they are made.
   */
  private async compact(entries: Record<string, CacheEntry>, staged: StagedFacts | undefined, lost: Set<string>): Promise<{ id: string; at: Map<string, [number, number]>; lost: string[] }> {
    const at = new Map<string, [number, number]>();
    const id = randomUUID();
    const self = this;
    const stagedFile = staged ? new FactsFile(staged.location, staged.id) : undefined;
    function* stretches(): Generator<string> {
      const header = JSON.stringify({ format: FACTS_FORMAT, id } satisfies FactsHeader);
      let pending: string[] = [header];
      let pendingBytes = Buffer.byteLength(header);
      let offset = pendingBytes;
      for (const filePath in entries) {
        const entry = entries[filePath]!;
        if (isPartial(entry)) continue;
        const place = staged?.at.get(filePath);
        const stored = placeOf(entry);
        // An entry stored in this run has no place in this file: its facts are staged or lost.
        const text = place ? stagedFile!.read(place, filePath) : stored ? self.read(stored, filePath) : undefined;
        if (text === undefined) {
          lost.add(filePath);
          continue;
        }
        const prefix = `\n${JSON.stringify(filePath)}\t`;
        const prefixBytes = Buffer.byteLength(prefix);
        const bodyBytes = Buffer.byteLength(text);
        at.set(filePath, [offset + prefixBytes, bodyBytes]);
        offset += prefixBytes + bodyBytes;
        pending.push(prefix, text);
        pendingBytes += prefixBytes + bodyBytes;
        if (pendingBytes >= FACTS_WINDOW) {
          yield pending.join('');
          pending = [];
          pendingBytes = 0;
        }
      }
      if (pending.length > 0) yield pending.join('');
    }
    try {
      await writeAtomic(this.location, stretches());
    } finally {
      stagedFile?.close();
    }
    return { id, at, lost: [...lost] };
  }

  /** Closes the file (a staged file read back once). */
  close(): void {
    if (this.fd !== undefined) closeSync(this.fd);
    this.fd = undefined;
  }
}

/** The facts lines a run staged (FactsSink.finish): the file, its id, its header's length and size, and the place of each line. */
interface StagedFacts {
  location: string;
  id: string;
  headerBytes: number;
  size: number;
  at: Map<string, [number, number]>;
}

/**
 * The facts of the files a run stores, written as they are stored to a temp file beside the facts
 * file (`<facts>.<pid>.<random>.tmp`, created exclusively and owner-only, as writeAtomic's; one an
 * interrupted run left is removed by a later write), in the facts file's own format under a new id:
 * at the save it becomes the new facts file, or its lines are appended to the previous one.
 * Lines are written in stretches of about FACTS_WINDOW bytes. A failed write leaves the sink
 * broken: the facts of every file it held are then lost (those files are parsed again next time).
 */
class FactsSink {
  private fd: number | undefined;
  private tmp: string | undefined;
  private broken = false;
  private readonly id = randomUUID();
  private headerBytes = 0;
  private size = 0;
  private pending: string[] = [];
  private pendingBytes = 0;
  private readonly at = new Map<string, [number, number]>();
  private done = false;
  private discarded = false;

  constructor(private readonly target: string) {}

  /** Whether the facts of `filePath` were given to this sink. */
  holds(filePath: string): boolean {
    return this.at.has(filePath);
  }

  add(filePath: string, text: string): void {
    // Stored after the save: not staged, so the entry has no facts and is dropped by a later save.
    if (this.done) return;
    if (this.fd === undefined && !this.broken) this.open();
    const prefix = `\n${JSON.stringify(filePath)}\t`;
    const prefixBytes = Buffer.byteLength(prefix);
    const bodyBytes = Buffer.byteLength(text);
    this.at.set(filePath, [this.size + prefixBytes, bodyBytes]);
    this.size += prefixBytes + bodyBytes;
    if (this.broken) return;
    this.pending.push(prefix, text);
    this.pendingBytes += prefixBytes + bodyBytes;
    if (this.pendingBytes >= FACTS_WINDOW) this.flush();
  }

  /** Flushes and closes the file: what it staged, or undefined when nothing was or it is broken. */
  finish(): StagedFacts | undefined {
    if (!this.done) {
      this.done = true;
      if (this.fd !== undefined) {
        this.flush();
        closeSync(this.fd);
        this.fd = undefined;
      }
    }
    if (this.broken || this.tmp === undefined || this.discarded) return undefined;
    return { location: this.tmp, id: this.id, headerBytes: this.headerBytes, size: this.size, at: this.at };
  }

  /** Removes the staged file, if it is still there. */
  async discard(): Promise<void> {
    this.finish();
    this.discarded = true;
    if (this.tmp !== undefined) await rm(this.tmp, { force: true });
  }

  private open(): void {
    try {
      const temp = openTempBeside(this.target);
      this.fd = temp.fd;
      this.tmp = temp.path;
      const header = JSON.stringify({ format: FACTS_FORMAT, id: this.id } satisfies FactsHeader);
      this.headerBytes = this.size = Buffer.byteLength(header);
      this.pending.push(header);
      this.pendingBytes = this.size;
    } catch {
      this.broken = true;
    }
  }

  private flush(): void {
    if (this.fd === undefined || this.pending.length === 0) return;
    const bytes = Buffer.from(this.pending.join(''));
    this.pending = [];
    this.pendingBytes = 0;
    try {
      writeAllSync(this.fd, bytes);
    } catch {
      this.broken = true;
      closeSync(this.fd);
      this.fd = undefined;
    }
  }
}

/** The stored result of `filePath` (facts null), made when it is looked up. */
function cached(filePath: string, entry: CacheEntry): CachedResult {
  const result: FileResult = { path: filePath, kind: entry[E_KIND] as FileResult['kind'], facts: null, findings: entry[E_FINDINGS] };
  const directives = entry[E_DIRECTIVES];
  if (directives !== undefined) result.directives = directives;
  return { result, hash: entry[E_HASH], partial: isPartial(entry) };
}

/** `count`: how many entries are left (the index's entries are a record of thousands of keys, which Object.keys sorts). */
type ParsedCacheFile = CacheFile & { dropped: number; count: number };

/**
 * The cache file, checked for shape: a file of another format is foreign, one of another version
 * of it stale (ignored without a word, and rewritten), a file that is not a cache index at all is corrupt, and entries (or stored cross-file findings) of the wrong shape are
 * dropped one by one and counted, so that a damaged or forged entry costs a re-read, never a crash
 * or a finding made up.
 */
function parseCacheFile(raw: string): ParsedCacheFile | 'corrupt' | 'foreign' | 'stale' {
  if (!raw.startsWith(SIGNATURE)) return raw.trim() === '' ? 'corrupt' : 'foreign';
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch {
    return 'corrupt';
  }
  if (!isRecord(value)) return 'corrupt';
  // Written by another version of the tool: simply stale, like a file of another rule set.
  if (typeof value.version === 'number' && value.version !== FORMAT_VERSION) return 'stale';
  if (value.version !== FORMAT_VERSION || typeof value.key !== 'string' || !isRecord(value.entries)) return 'corrupt';
  if (value.factsId !== undefined && typeof value.factsId !== 'string') return 'corrupt';
  let dropped = 0;
  let count = 0;
  // The record JSON.parse made, kept: an entry of the wrong shape is deleted from it. Its prototype
  // goes (a file named `constructor` then has no entry it did not store); a `__proto__` key is an
  // own property there, as JSON.parse defines every key.
  const entries = value.entries as Record<string, unknown>;
  Object.setPrototypeOf(entries, null);
  for (const filePath in entries) {
    if (entryValid(entries[filePath])) count++;
    else {
      delete entries[filePath];
      dropped++;
    }
  }
  let project: CacheFile['project'];
  if (value.project !== undefined) {
    project = projectFrom(value.project, undefined);
    if (!project) dropped++;
  }
  return { format: FORMAT, version: FORMAT_VERSION, key: value.key, entries: entries as Record<string, CacheEntry>, ...(project ? { project } : {}), ...(typeof value.factsId === 'string' ? { factsId: value.factsId } : {}), ...(typeof value.id === 'string' ? { id: value.id } : {}), dropped, count };
}

const isStringArray = (v: unknown): v is string[] => Array.isArray(v) && v.every((x) => typeof x === 'string');

/**
 * A stored phase checked for shape (each unit and finding), with the units a journal line kept
 * (their index in `base`) taken from it; undefined when of the wrong shape or naming a unit `base` lacks.
 */
function projectFrom(p: unknown, base: ProjectEntry | undefined): ProjectEntry | undefined {
  if (!isRecord(p) || typeof p.key !== 'string' || typeof p.roles !== 'string' || !/^[rbtdcog]*$/.test(p.roles) || typeof p.rolesDigest !== 'string' || !isStringArray(p.rolesDeps) || (p.rolesReads !== undefined && !isFileReads(p.rolesReads)) || !Array.isArray(p.units)) return undefined;
  const units: ProjectUnit[] = [];
  for (const u of p.units as unknown[]) {
    if (typeof u === 'number') {
      const kept = Number.isInteger(u) ? base?.units[u] : undefined;
      if (!kept) return undefined;
      units.push(kept);
    } else if (isRecord(u) && typeof u.id === 'string' && isStringArray(u.deps) && (u.reads === undefined || isFileReads(u.reads)) && Array.isArray(u.findings) && u.findings.every(isFinding) && (u.byFile === undefined || isByFileRecords(u.byFile))) {
      units.push({ id: u.id, deps: u.deps, ...(u.reads ? { reads: u.reads } : {}), findings: u.findings, ...(u.byFile ? { byFile: u.byFile } : {}) });
    } else return undefined;
  }
  return { key: p.key, roles: p.roles, rolesDigest: p.rolesDigest, rolesDeps: p.rolesDeps, ...(p.rolesReads ? { rolesReads: p.rolesReads } : {}), units };
}

function isFileReads(r: unknown): r is FileReads {
  if (!isRecord(r) || !isStringArray(r.sets) || !isRecord(r.keys)) return false;
  const count = r.sets.length;
  return r.sets.every((s) => /^[A-Za-z0-9+/]*={0,2}$/.test(s)) && Object.values(r.keys).every((id) => Number.isInteger(id) && (id as number) >= -1 && (id as number) < count);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const SEVERITIES = new Set(['error', 'warning', 'info']);

function isFinding(value: unknown): value is Finding {
  if (!isRecord(value)) return false;
  const f = value;
  return (
    typeof f.ruleId === 'string' &&
    (f.factor === null || typeof f.factor === 'string') &&
    typeof f.severity === 'string' &&
    SEVERITIES.has(f.severity) &&
    typeof f.message === 'string' &&
    typeof f.file === 'string' &&
    Number.isInteger(f.line) &&
    Number.isInteger(f.column) &&
    typeof f.remediation === 'string' &&
    (f.evidence === undefined || typeof f.evidence === 'string') &&
    (f.endLine === undefined || Number.isInteger(f.endLine)) &&
    (f.endColumn === undefined || Number.isInteger(f.endColumn))
  );
}

function isDirective(value: unknown): boolean {
  return isRecord(value) && typeof value.type === 'string' && Array.isArray(value.rules) && value.rules.every((r) => typeof r === 'string') && Number.isInteger(value.line) && Number.isInteger(value.column) && (value.reason === undefined || typeof value.reason === 'string');
}
