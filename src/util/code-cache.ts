// Runs a CommonJS script of our own package (the TypeScript compiler ts-morph ships; the CLI bundle
// has no code cache, see bin/) with V8's compiled code kept in the user cache directory, so that a
// later run skips compiling it again (as v8-compile-cache does; Node 20 has no
// module.enableCompileCache). The cache folder is the tool's own, never the audited tree; its files are still checked before use: the file is the
// SHA-256 of the data, then the data, because V8 checks only a header (version, flags, source
// length), not every byte. Anything else (missing, truncated, corrupt, refused by V8 as from another
// Node) is ignored and written anew.
//
// The script itself is read with a plain read: it is a file of our own installation, not of the
// scanned tree. It is decoded as UTF-8 whatever it holds: the compiler's megabytes are ASCII, but ASCII or
// latin1 decoding measured no cheaper once the buffer.isAscii() scan that makes it safe is counted
// (reading, scanning and decoding 9 MB are each bound by memory, ~10-35 ms CPU apiece).

import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { Script } from 'node:vm';
import { readGuarded } from './guarded-read.js';

/** How the code cache served a load: used, absent or refused (by its checksum or by V8; then written anew), or not writable. */
export type CodeCacheOutcome = 'used' | 'written' | 'rejected-and-written' | 'unwritable';

/** The largest cached data read back (the compiler's is about 5 MB). */
const MAX_CACHE_DATA = 256 * 1024 * 1024;

export interface CodeCachedScript {
  /** The script's module.exports after it ran. */
  exports: unknown;
  /** 'used' when V8 took the cached data; otherwise why there was none to take. */
  found: 'used' | 'absent' | 'rejected';
  /**
   * Writes the code V8 has compiled for the script so far (call it after the script has done some
   * work: functions compiled lazily are cached too). Does nothing and returns 'used' when the cache
   * served this load.
   */
  save(): CodeCacheOutcome;
}

/**
 * The file in `dir` that holds the cached data of `file`: named by `label`, the Node version,
 * architecture and the script's path, size and time, so that an upgrade of either never even offers
 * stale data.
 */
export function codeCacheFileFor(dir: string, label: string, file: string): string {
  const info = statSync(file);
  const id = createHash('sha256').update(`${process.version} ${process.arch} ${file} ${info.size} ${info.mtimeMs}`).digest('hex').slice(0, 16);
  return path.join(dir, `${label}-${id}.v8cache`);
}

/**
 * Removes the files of `label` that another version of the script left (an upgrade, a rebuild: a
 * megabyte or more each, never read again). Two installs used in turn rewrite each other's file,
 * which costs a write, never a wrong load.
 */
function removeOtherVersions(dir: string, label: string, keep: string): void {
  try {
    for (const name of readdirSync(dir)) {
      if (name !== keep && name.startsWith(`${label}-`) && /^[a-z]+-[0-9a-f]{16}\.v8cache$/.test(name)) rmSync(path.join(dir, name), { force: true });
    }
  } catch {
    // a file that cannot be removed costs disk space only
  }
}

/** The cached data in `cacheFile` when its checksum holds; undefined when it is missing; null when it is damaged. */
function readCachedData(cacheFile: string): Buffer | undefined | null {
  const read = readGuarded(cacheFile, { maxSize: MAX_CACHE_DATA });
  if (!Buffer.isBuffer(read)) return read.kind === 'missing' ? undefined : null;
  if (read.length <= 32) return null;
  const data = read.subarray(32);
  return createHash('sha256').update(data).digest().equals(read.subarray(0, 32)) ? data : null;
}

function scriptSource(file: string): string {
  return readFileSync(file, 'utf8');
}

/**
 * Runs the CommonJS script `file` as Node would (its own require, module, __filename, __dirname),
 * with V8's cached data from `dir` when V8 accepts it.
 */
export function runWithCodeCache(file: string, dir: string, label: string): CodeCachedScript {
  const cacheFile = codeCacheFileFor(dir, label, file);
  const cachedData = readCachedData(cacheFile);
  const wrapped = `(function (exports, require, module, __filename, __dirname) { ${scriptSource(file)}\n})`;
  const script = new Script(wrapped, { filename: file, ...(cachedData ? { cachedData } : {}) });
  const module = { exports: {} as unknown };
  (script.runInThisContext() as (...args: unknown[]) => void).call(module.exports, module.exports, createRequire(file), module, file, path.dirname(file));
  const found = cachedData && !script.cachedDataRejected ? 'used' : cachedData === undefined ? 'absent' : 'rejected';
  return {
    exports: module.exports,
    found,
    save(): CodeCacheOutcome {
      if (found === 'used') return 'used';
      try {
        mkdirSync(dir, { recursive: true });
        const temporary = `${cacheFile}.${process.pid}.tmp`;
        const data = script.createCachedData();
        writeFileSync(temporary, Buffer.concat([createHash('sha256').update(data).digest(), data]), { mode: 0o600 });
        renameSync(temporary, cacheFile);
      } catch {
        return 'unwritable';
      }
      removeOtherVersions(dir, label, path.basename(cacheFile));
      return found === 'absent' ? 'written' : 'rejected-and-written';
    },
  };
}
