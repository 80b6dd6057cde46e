// The per-file phase of a run: every discovered file is read once, looked up in the cache by content
// hash, and otherwise parsed and walked once (analyzeFile), in this thread or in worker threads.
// Results come back in discovery order whatever the thread count, so the report is byte-identical.

import { availableParallelism } from 'node:os';
import type { Worker } from 'node:worker_threads';
import type { DiscoveredFile } from '../discovery/discover.js';
import { isTestPath } from '../discovery/classify.js';
import { NAME_KINDS } from '../discovery/file-kinds.js';
import type { RuleDefinition } from '../rule-api/types.js';
import { analyzeFile, detachFromText, type FileInput, type FileResult } from './per-file.js';
import { diagnostics } from './diagnostics.js';
import { decodeText, readBytes } from './read-file.js';
import type { ActiveRule, RuleSetting } from './rule-set.js';
import { contentHash, type AuditCache, type CachedResult, type CacheStrategy, type FileStamp } from './cache.js';

export type Concurrency = number | 'auto';

export interface PerFilePhaseOptions {
  files: DiscoveredFile[];
  rules: RuleDefinition[];
  active: ActiveRule[];
  ruleSettings: Record<string, RuleSetting>;
  maxFileSize: number;
  /** Per-file time budget in ms (budget.ts); 0: none. */
  fileTimeBudget?: number;
  concurrency?: Concurrency;
  cache?: AuditCache;
  /** How cached entries are matched (cache.ts); default metadata. */
  cacheStrategy?: CacheStrategy;
  onFileDone?: (done: number, total: number) => void;
  /** Where worker threads load the rules from; without it the phase runs in this thread. */
  ruleModule?: RuleModule;
}

/**
 * A module that exports the run's rules (the CLI and the library pass the built-in registry,
 * rules/index.ts): a worker thread imports it and takes the rules by id, since functions cannot be
 * sent to a thread. The engine imports no rule of its own.
 */
export interface RuleModule {
  /** file: URL of the module. */
  url: string;
  /** The export that holds a RuleDefinition[]. */
  exportName: string;
  /**
   * That export as this thread already holds it. The pool then takes it instead of importing `url`:
   * from the CLI bundle, that import would evaluate a second copy of the rules (and of the engine
   * modules they import), whose rules are other objects. Never sent to a worker.
   */
  loaded?: readonly RuleDefinition[];
}

/**
 * Below these, a pool costs more than it saves: each worker loads TypeScript again (~150 ms) and
 * the rules. Measured on the bench (docs/performance.md).
 */
const MIN_FILES_PER_WORKER = 400;
/** On 2 cores, two workers were slower than the main thread up to 200 services and faster at 800 but near the 400 MB memory target (docs/performance.md). */
const MIN_CORES_FOR_AUTO_POOL = 3;
const BATCH = 32;

/** Threads the per-file phase will use for this many files. */
export function resolveConcurrency(concurrency: Concurrency | undefined, fileCount: number, cores = availableParallelism()): number {
  if (typeof concurrency === 'number') return Math.max(1, Math.floor(concurrency));
  if (cores < MIN_CORES_FOR_AUTO_POOL) return 1;
  return Math.max(1, Math.min(cores, Math.floor(fileCount / MIN_FILES_PER_WORKER)));
}

export interface PerFilePhaseResult {
  /** One result per file, in discovery order. */
  results: FileResult[];
  /** Content hash of each file when a cache is in use (undefined for files not read). */
  hashes: Array<string | undefined>;
  /** Indexes of results taken from partial cache entries: findings without facts (cache.ts). */
  partial: number[];
  /** Indexes of results taken whole from the cache: their facts are in the cache's facts file (AuditCache.facts). */
  cachedWhole: number[];
}

export async function runPerFilePhase(options: PerFilePhaseOptions): Promise<PerFilePhaseResult> {
  const { files, cache } = options;
  const total = files.length;
  const results: FileResult[] = new Array(total);
  const hashes: Array<string | undefined> = new Array(total);
  const partial: number[] = [];
  const cachedWhole: number[] = [];
  let done = 0;
  const finish = (index: number, result: FileResult) => {
    results[index] = result;
    done++;
    options.onFileDone?.(done, total);
  };

  const threads = resolveConcurrency(options.concurrency, total);
  const pool = threads > 1 ? await WorkerPool.create(threads, options) : null;
  try {
    let batch: Array<{ index: number; input: FileInput; hash: string | undefined; stamp: FileStamp }> = [];
    const pending: Promise<void>[] = [];
    const flush = () => {
      if (!pool || batch.length === 0) return;
      const sent = batch;
      batch = [];
      pending.push(
        pool.run(sent.map((s) => s.input)).then((out) => {
          out.forEach((result, i) => {
            const s = sent[i]!;
            if (cache && s.hash !== undefined && !result.incomplete) cache.store(s.input.path, s.hash, result, s.stamp);
            finish(s.index, result);
          });
        }),
      );
    };
    for (let index = 0; index < total; index++) {
      const file = files[index]!;
      // Let finished batches land (and the progress line move) while the workers are busy.
      if (pool && index % 256 === 255) await new Promise((resolve) => setImmediate(resolve));
      const prepared = prepare(file, options);
      hashes[index] = prepared.hash;
      if ('result' in prepared) {
        // A cached result says whether its facts were left out; a skipped file's says nothing.
        if (prepared.partial) partial.push(index);
        else if (prepared.partial === false) cachedWhole.push(index);
        finish(index, prepared.result);
        continue;
      }
      if (pool) {
        batch.push({ index, input: prepared.input, hash: prepared.hash, stamp: file });
        if (batch.length >= BATCH) flush();
        continue;
      }
      const result = analyzeFile(prepared.input, options.active);
      detachFromText(result);
      if (cache && prepared.hash !== undefined && !result.incomplete) cache.store(file.path, prepared.hash, result, file);
      finish(index, result);
    }
    flush();
    await Promise.all(pending);
  } finally {
    await pool?.close();
  }
  return { results, hashes, partial, cachedWhole };
}

/**
 * One file read and analysed in this thread, without the cache: what the per-file phase gives for
 * it (the facts of a file whose cache entry holds none, read on demand by the cross-file phase).
 */
export function analyzeOneFile(file: DiscoveredFile, options: Omit<PerFilePhaseOptions, 'files' | 'cache'>): FileResult {
  const prepared = prepare(file, { ...options, files: [] });
  if ('result' in prepared) return prepared.result;
  const result = analyzeFile(prepared.input, options.active);
  detachFromText(result);
  return result;
}

/** Lockfiles may be larger than other files (maxFileSize) and are still read up to this size (the file-kind table's maxSize). */
export const LOCKFILE_MAX_SIZE = NAME_KINDS.lockfile.maxSize!;

/** A result taken from the cache (as the lookup gave it), one made without reading or parsing (a file skipped), or what to analyse. */
type Prepared = CachedResult | { result: FileResult; hash: undefined; partial?: undefined } | { input: FileInput; hash: string | undefined };

function prepare(file: DiscoveredFile, options: PerFilePhaseOptions): Prepared {
  const cache = options.cache;
  // An unchanged file (same size, mtime and ctime) is not even read under the metadata strategy.
  // This is the path of every file of a cached run, so it comes first and allocates only what it
  // returns (a closure and an object spread here cost about half the per-file phase of a warm run:
  // ~55 -> ~30 ms CPU on 6,400 files). The file is its own stamp (size, mtimeMs, ctimeMs), and the
  // lookup's answer is returned as it is.
  if (cache && (options.cacheStrategy ?? 'metadata') === 'metadata') {
    const hit = cache.lookupByStamp(file.path, file);
    if (hit) return hit;
  }
  // --changed-since: a file git's index records as unmodified, with the blob id of its entry, is not read either.
  const gitHit = cache?.lookupByGitIndex(file.path, file);
  if (gitHit) return gitHit;
  // An extensionless bin/ file is JavaScript only if its shebang says node: a binary or oversized one
  // is no launcher, and not reading it is no loss worth a diagnostic.
  const launcherCandidate = file.kind === 'ts' && !file.path.slice(file.path.lastIndexOf('/') + 1).includes('.');
  const skipped = (reason: string): Prepared => ({ result: { path: file.path, kind: null, facts: null, findings: launcherCandidate ? [] : [diagnostics.fileSkipped(file.path, reason)] }, hash: undefined });
  let text: string;
  let bytes: Buffer;
  // Lockfiles are often megabytes: they get their own, larger limit, and bun.lockb is binary. Over
  // the limit a lockfile is still known by name (for missing-lockfile), with no contents.
  if (file.kind === 'lockfile') {
    const readable = file.size <= Math.max(options.maxFileSize, LOCKFILE_MAX_SIZE) && !file.path.endsWith('.lockb');
    const read = readable ? readBytes(file.absPath) : Buffer.alloc(0);
    bytes = Buffer.isBuffer(read) ? read : Buffer.alloc(0);
    const decoded = decodeText(bytes);
    text = typeof decoded === 'string' ? decoded : '';
  } else {
    if (file.size > options.maxFileSize) return skipped(`${file.size} bytes is over the ${options.maxFileSize}-byte limit (maxFileSize)`);
    const read = readBytes(file.absPath);
    if (!Buffer.isBuffer(read)) return skipped(read.reason);
    const decoded = decodeText(read);
    if (typeof decoded !== 'string') return skipped(decoded.reason);
    bytes = read;
    text = decoded;
  }
  let hash: string | undefined;
  if (cache) {
    hash = contentHash(bytes);
    const hit = cache.lookup(file.path, hash, file);
    if (hit) return hit;
  }
  return { input: { path: file.path, kind: file.kind, text, isTest: file.kind === 'lockfile' ? false : isTestPath(file.path), ...(options.fileTimeBudget ? { budgetMs: options.fileTimeBudget } : {}) }, hash };
}

// ------------------------------------------------------------------------------------------ pool

interface WorkerSlot {
  worker: Worker;
  busy: boolean;
}

/** What a worker needs to rebuild the run's rules: the module and ids to take them from, and their settings. */
export interface WorkerSetup {
  ruleModule: RuleModule;
  ruleIds: string[];
  ruleSettings: Record<string, RuleSetting>;
}

class WorkerPool {
  private readonly queue: Array<{ inputs: FileInput[]; resolve: (r: FileResult[]) => void; reject: (e: Error) => void }> = [];
  private failure: Error | null = null;

  private constructor(private readonly slots: WorkerSlot[]) {}

  /** A pool, or null when workers cannot run this rule set (no rule module, rules not from it, sources run by a TS loader). */
  static async create(threads: number, options: PerFilePhaseOptions): Promise<WorkerPool | null> {
    const workerUrl = new URL('./worker.js', import.meta.url);
    if (!import.meta.url.endsWith('.js')) return null;
    if (!options.ruleModule) return null;
    const listed = options.ruleModule.loaded ?? (await rulesOf(options.ruleModule)) ?? [];
    if (!options.rules.every((rule) => listed.includes(rule))) return null;
    const { url, exportName } = options.ruleModule;
    const setup: WorkerSetup = { ruleModule: { url, exportName }, ruleIds: options.rules.map((r) => r.id), ruleSettings: options.ruleSettings };
    // Loaded here, not at start-up: most runs (one thread on small trees and 2-core machines, every
    // cached run of a few files) start no worker, and the module costs ~2 ms of CPU to load.
    const { Worker: WorkerThread } = process.getBuiltinModule('node:worker_threads');
    const slots = Array.from({ length: threads }, () => ({ worker: new WorkerThread(workerUrl, { workerData: setup }), busy: false }));
    const pool = new WorkerPool(slots);
    for (const slot of slots) {
      slot.worker.on('error', (err) => pool.fail(err));
      slot.worker.on('exit', (code) => {
        if (code !== 0) pool.fail(new Error(`a worker thread exited with code ${code}`));
      });
      slot.worker.unref();
    }
    return pool;
  }

  run(inputs: FileInput[]): Promise<FileResult[]> {
    if (this.failure) return Promise.reject(this.failure);
    return new Promise((resolve, reject) => {
      this.queue.push({ inputs, resolve, reject });
      this.pump();
    });
  }

  private pump(): void {
    for (const slot of this.slots) {
      if (slot.busy) continue;
      const job = this.queue.shift();
      if (!job) return;
      slot.busy = true;
      slot.worker.ref();
      const onMessage = (results: FileResult[]) => {
        slot.worker.off('error', onError);
        slot.busy = false;
        slot.worker.unref();
        job.resolve(results);
        this.pump();
      };
      const onError = (err: Error) => {
        slot.worker.off('message', onMessage);
        job.reject(err);
      };
      slot.worker.once('message', onMessage);
      slot.worker.once('error', onError);
      slot.worker.postMessage(job.inputs);
    }
  }

  private fail(err: Error): void {
    this.failure ??= err;
    for (const job of this.queue.splice(0)) job.reject(err);
  }

  async close(): Promise<void> {
    await Promise.all(this.slots.map((s) => s.worker.terminate()));
  }
}

/** The rules a rule module exports, or undefined when the export is not a list. */
export async function rulesOf(module: RuleModule): Promise<RuleDefinition[] | undefined> {
  const exported = ((await import(module.url)) as Record<string, unknown>)[module.exportName];
  return Array.isArray(exported) ? (exported as RuleDefinition[]) : undefined;
}

/** `--concurrency` value: a positive integer or `auto`; null when invalid. */
export function parseConcurrency(value: string): Concurrency | null {
  if (value === 'auto') return 'auto';
  if (!/^[1-9][0-9]{0,3}$/.test(value)) return null;
  return Number(value);
}
