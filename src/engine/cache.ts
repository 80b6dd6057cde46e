// The per-file cache (--cache): a file's findings and facts, keyed by its content hash (or, with the
// default metadata strategy, by its size and times), valid for one tool version and one effective
// rule set (ids, severities, options, size limit).
//
// The cross-file phase runs again from the facts whenever anything changed, so cross-file findings
// are never stale. When nothing changed at all (same files, same hashes, same repository facts and
// settings: projectRunKey), its findings are taken from the cache too.
//
// The cache holds no secret value. Findings carry redacted evidence only and TS facts keep no literal
// that could be a secret (an env fallback is stored as its length), but the facts of config files
// (Dockerfile, compose, k8s, package.json, .env, JSON/YAML) hold raw values by design, since rules read
// them. So every entry is checked before it is stored (mayHoldSecret): a result with a value bound to
// a secret-like name, a known token format, a URL password, a `password=...`-like string or a long
// random-looking string is stored without its facts (a `partial` entry: its findings only). Such a
// file is parsed again when the cross-file phase has to run; files with secrets are few (and are
// findings), every other file is served from the cache.

import { createHash, randomUUID } from 'node:crypto';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { FileResult } from './per-file.js';
import type { Finding } from '../rule-api/types.js';
import type { ActiveRule } from './rule-set.js';
import { findKnownSecrets, holdsKnownToken, isPlaceholder, looksLikeSecretValue, shannonEntropy } from '../secrets/detect.js';
// Names (keys, env var names) and `name=value` texts that say a secret is near: the detector's own vocabulary.
import { SECRET_WORD } from '../secrets/vocabulary.js';

const FORMAT = 'twelve-factor-audit-cache';
const FORMAT_VERSION = 4;
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


/**
 * Could this result (facts and findings, as stored) contain a secret? Conservative: a false "yes"
 * only costs a re-parse of that file on the next run; a false "no" would write a secret to disk.
 */
export function mayHoldSecret(value: unknown, key?: string): boolean {
  if (typeof value === 'string') {
    if (value.length === 0) return false;
    if (key !== undefined && SECRET_WORD.test(key) && !isPlaceholder(value)) return true;
    if (/[=:]/.test(value) && SECRET_WORD.test(value)) return true;
    if (value.length >= 8 && findKnownSecrets(value).length > 0) return true;
    // A bare token-like run (base64, hex, random id) anywhere; images, paths and URLs have `:` `.` or spaces.
    return /^[A-Za-z0-9+/_-]{16,}={0,2}$/.test(value) && shannonEntropy(value) >= 3.5 && looksLikeSecretValue(value);
  }
  if (Array.isArray(value)) return value.some((v) => mayHoldSecret(v, key));
  if (value && typeof value === 'object') {
    const record = value as Record<string, unknown>;
    // `{ name: 'DB_PASSWORD', value: '...' }` (env entries of compose, k8s, Dockerfile, .env).
    const boundName = typeof record.name === 'string' ? record.name : undefined;
    for (const [k, v] of Object.entries(record)) {
      // A secret can be a key too (`ghp_...: true`); pointers in `positions` are made of the same keys.
      if (mayHoldSecret(k)) return true;
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

export function contentHash(bytes: Uint8Array): string {
  return createHash('sha1').update(bytes).digest('base64');
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
 * The key of one exact audit input for the cross-file phase: the cache key (tool, rules, limits),
 * every file's path and content hash, and whatever else the project model reads (repository facts,
 * environments and entrypoints from the config). Any change to any of them is another key, so stored
 * cross-file findings are reused only when they would come out the same.
 */
export function projectRunKey(key: string, files: ReadonlyArray<{ path: string; hash: string }>, context: unknown): string {
  const h = createHash('sha256').update(key).update('\0').update(stableJson(context));
  for (const f of files) h.update('\0').update(f.path).update('\0').update(f.hash);
  return h.digest('hex');
}

/**
 * Default cache file for a scanned root: under its node_modules/.cache when it has node_modules
 * (as ESLint, Babel and others do), else in the user's cache directory, one file per root.
 */
export function defaultCacheLocation(root: string): string {
  const abs = path.resolve(root);
  const name = `cache-${createHash('sha256').update(abs).digest('hex').slice(0, 16)}.json`;
  if (isDir(path.join(abs, 'node_modules'))) return path.join(abs, 'node_modules', '.cache', 'twelve-factor-audit', name);
  return path.join(userCacheDir(), 'twelve-factor-audit', name);
}

/** `--cache-location`: a directory (existing, or written with a trailing slash) gets the default file name. */
export function resolveCacheLocation(location: string | undefined, root: string, cwd: string): string {
  if (location === undefined || location === '') return defaultCacheLocation(root);
  const abs = path.resolve(cwd, location);
  if (/[\\/]$/.test(location) || isDir(abs)) return path.join(abs, path.basename(defaultCacheLocation(root)));
  return abs;
}

function userCacheDir(): string {
  if (process.platform === 'win32') return process.env.LOCALAPPDATA ?? path.join(os.homedir(), 'AppData', 'Local');
  if (process.platform === 'darwin') return path.join(os.homedir(), 'Library', 'Caches');
  return process.env.XDG_CACHE_HOME || path.join(os.homedir(), '.cache');
}

function isDir(p: string): boolean {
  try {
    return existsSync(p) && statSync(p).isDirectory();
  } catch {
    return false;
  }
}

interface CacheFile {
  format: typeof FORMAT;
  version: number;
  key: string;
  entries: Record<string, CacheEntry>;
  /** Findings of the cross-file phase, valid for one exact set of files and contents (runKey). */
  project?: { key: string; findings: Finding[] };
  /** Id of the facts file written with this index (FactsFile). */
  factsId?: string;
}

interface CacheEntry {
  hash: string;
  /** Absent in entries stored without metadata (then only the content hash can match). */
  stamp?: FileStamp;
  /** The result without its facts (`facts: null`): findings and directives. */
  result: FileResult;
  /**
   * The facts were left out because they may hold a secret (mayHoldSecret): the entry gives the
   * file's findings, and the file is parsed again only when the cross-file phase must run.
   */
  partial?: true;
}

/**
 * The facts of the entries live in a second file beside the cache file (`<location>.facts`), read
 * only when the cross-file phase has to run: a run where nothing changed reads the small index
 * (findings) and never parses megabytes of facts. Both files carry the same id; a facts file of
 * another id (an interrupted write, a copy) is not used, and the files are simply parsed again.
 */
interface FactsFile {
  format: typeof FACTS_FORMAT;
  id: string;
  facts: Record<string, FileResult['facts']>;
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
  lookup(filePath: string, hash: string, stamp?: FileStamp): CachedResult | undefined;
  /** The cached facts of a file looked up in this run (reads the facts file on first use); undefined when unavailable. */
  facts(filePath: string): FileResult['facts'] | undefined;
  /** Stores a result; one that may hold a secret is stored without its facts (or not at all). */
  store(filePath: string, hash: string, result: FileResult, stamp?: FileStamp): void;
  /** The cross-file findings stored for this run key, if any. */
  projectFindings(runKey: string): Finding[] | undefined;
  storeProjectFindings(runKey: string, findings: Finding[]): void;
  /** Writes the entries looked up or stored in this run (deleted files drop out), atomically. */
  save(): Promise<void>;
}

/**
 * Opens the cache at `location`. A missing file is an empty cache; a file of another version or rule
 * set is dropped silently (it is simply stale); a corrupt or foreign file is ignored with one warning.
 */
export async function openCache(location: string, key: string, warn: (message: string) => void): Promise<AuditCache> {
  let previous: CacheFile['entries'] = {};
  let previousProject: CacheFile['project'];
  let previousFactsId: string | undefined;
  let nextProject: CacheFile['project'];
  let writable = true;
  let raw: string | null = null;
  try {
    raw = await readFile(location, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code !== 'ENOENT') warn(`cannot read the cache file ${location} (${code ?? 'error'}); running without it`);
  }
  if (raw !== null) {
    const parsed = parseCacheFile(raw);
    if (parsed === 'corrupt') {
      warn(`ignoring the cache file ${location}: it is corrupt; it will be rewritten`);
    } else if (parsed === 'foreign') {
      writable = false;
      warn(`ignoring ${location}: it is not a twelve-factor-audit cache file, and it will not be overwritten (pass another --cache-location)`);
    } else if (parsed.key === key) {
      previous = parsed.entries;
      previousProject = parsed.project;
      previousFactsId = parsed.factsId;
    }
  }

  const factsLocation = `${location}.facts`;
  let previousFacts: FactsFile['facts'] | undefined;
  const loadPreviousFacts = (): FactsFile['facts'] => {
    if (previousFacts) return previousFacts;
    previousFacts = {};
    if (previousFactsId === undefined) return previousFacts;
    try {
      const file = JSON.parse(readFileSync(factsLocation, 'utf8')) as Partial<FactsFile>;
      if (file.format === FACTS_FORMAT && file.id === previousFactsId && file.facts && typeof file.facts === 'object') previousFacts = file.facts;
    } catch {
      // Missing or unreadable: every file without facts is parsed again.
    }
    return previousFacts;
  };

  const next: CacheFile['entries'] = {};
  const nextFacts = new Map<string, FileResult['facts']>();
  const stats: CacheStats = { hits: 0, misses: 0 };
  let dirty = false;
  return {
    location,
    key,
    stats,
    lookupByStamp(filePath, stamp) {
      const entry = previous[filePath];
      if (!entry?.stamp || !sameStamp(entry.stamp, stamp)) return undefined;
      next[filePath] = entry;
      stats.hits++;
      return cached(entry);
    },
    lookup(filePath, hash, stamp) {
      const entry = previous[filePath];
      if (entry && entry.hash === hash) {
        // Same bytes, new metadata (a checkout, a touch): remember the new stamp for the next run.
        if (stamp && !(entry.stamp && sameStamp(entry.stamp, stamp))) {
          next[filePath] = { ...entry, stamp };
          dirty = true;
        } else next[filePath] = entry;
        stats.hits++;
        return cached(entry);
      }
      stats.misses++;
      return undefined;
    },
    facts(filePath) {
      if (nextFacts.has(filePath)) return nextFacts.get(filePath);
      const entry = next[filePath];
      if (!entry || entry.partial) return undefined;
      const facts = loadPreviousFacts()[filePath];
      return facts === undefined ? undefined : facts;
    },
    store(filePath, hash, result, stamp) {
      if (pathHoldsSecret(filePath)) return;
      const withoutFacts: FileResult = { path: result.path, kind: result.kind, facts: null, findings: result.findings, ...(result.directives ? { directives: result.directives } : {}) };
      // A result that may hold a secret keeps its findings (redacted when made) and drops the facts,
      // which hold the raw values; if even that may hold one, nothing is stored (and an older entry
      // of this path, not copied to `next`, is dropped at save).
      const partial = mayHoldSecret(result);
      if (partial && mayHoldSecret(withoutFacts)) return;
      next[filePath] = { hash, ...(stamp ? { stamp } : {}), result: withoutFacts, ...(partial ? { partial: true as const } : {}) };
      if (!partial) nextFacts.set(filePath, result.facts);
      dirty = true;
    },
    projectFindings(runKey) {
      return previousProject?.key === runKey ? previousProject.findings : undefined;
    },
    storeProjectFindings(runKey, findings) {
      if (previousProject?.key === runKey) return;
      if (findings.some(findingNamesToken)) return;
      nextProject = { key: runKey, findings };
      dirty = true;
    },
    async save() {
      if (!writable) return;
      // Entries of files that disappeared, changed or now hold a secret are dropped: rewrite then too.
      if (!dirty && sameKeys(previous, next)) return;
      // The facts of every kept entry: new ones from this run, older ones from the previous facts
      // file; an entry whose facts cannot be found is dropped (its file is parsed next time).
      const facts: FactsFile['facts'] = {};
      for (const [filePath, entry] of Object.entries(next)) {
        if (entry.partial) continue;
        const f = nextFacts.has(filePath) ? nextFacts.get(filePath) : loadPreviousFacts()[filePath];
        if (f === undefined) delete next[filePath];
        else facts[filePath] = f;
      }
      const factsId = randomUUID();
      const factsBody: FactsFile = { format: FACTS_FORMAT, id: factsId, facts };
      await writeAtomic(factsLocation, JSON.stringify(factsBody));
      const project = nextProject ?? previousProject;
      const body: CacheFile = { format: FORMAT, version: FORMAT_VERSION, key, factsId, entries: next, ...(project ? { project } : {}) };
      await writeAtomic(location, JSON.stringify(body));
    },
  };
}

function cached(entry: CacheEntry): CachedResult {
  return { result: entry.result, hash: entry.hash, partial: entry.partial === true };
}

function sameStamp(a: FileStamp, b: FileStamp): boolean {
  return a.size === b.size && a.mtimeMs === b.mtimeMs && a.ctimeMs === b.ctimeMs;
}

function sameKeys(a: Record<string, unknown>, b: Record<string, unknown>): boolean {
  const keys = Object.keys(a);
  return keys.length === Object.keys(b).length && keys.every((k) => k in b);
}

function parseCacheFile(raw: string): CacheFile | 'corrupt' | 'foreign' {
  if (!raw.startsWith(SIGNATURE)) return raw.trim() === '' ? 'corrupt' : 'foreign';
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch {
    return 'corrupt';
  }
  const file = value as Partial<CacheFile>;
  if (file.version !== FORMAT_VERSION || typeof file.key !== 'string' || typeof file.entries !== 'object' || file.entries === null) return 'corrupt';
  for (const entry of Object.values(file.entries)) {
    const e = entry as Partial<CacheFile['entries'][string]> | null;
    if (!e || typeof e.hash !== 'string' || !e.result || !Array.isArray(e.result.findings)) return 'corrupt';
    if (e.partial !== undefined && e.partial !== true) return 'corrupt';
    if (e.stamp !== undefined && !(e.stamp && typeof e.stamp.size === 'number' && typeof e.stamp.mtimeMs === 'number' && typeof e.stamp.ctimeMs === 'number')) return 'corrupt';
  }
  const project = file.project as Partial<NonNullable<CacheFile['project']>> | undefined;
  if (project !== undefined && (typeof project?.key !== 'string' || !Array.isArray(project.findings))) return 'corrupt';
  return file as CacheFile;
}

async function writeAtomic(target: string, text: string): Promise<void> {
  await mkdir(path.dirname(target), { recursive: true });
  const tmp = `${target}.${process.pid}.${Date.now()}.tmp`;
  try {
    await writeFile(tmp, text);
    await rename(tmp, target);
  } catch (err) {
    await rm(tmp, { force: true });
    throw err;
  }
}
