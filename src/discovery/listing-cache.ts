// The listing of each folder kept between runs (with --cache, in `<cache>.listing`, beside the other
// cache files and never in the audited tree), as git's untracked cache keeps one: a folder whose
// stamp (modification and change times, inode, device) is the one recorded is not read again. Its
// stamp changes when an entry is added, removed or renamed in it, not when a file's content changes,
// so the files it lists are still stat'ed one by one (the per-file cache compares their stamps).
//
// What a folder's listing gave also depends on the .gitignore files in effect there (its own and
// those of every folder above it, each recorded by its own stamp: the record's `chain`), the config
// `ignore` globs, the .gitignore files above the root and the tool (the file's key). A folder or a
// .gitignore modified during the listing or just before it (racy: its time is not older than the
// listing's start, less the coarsest time granularity of common file systems) is not trusted on the
// next run, since a change right after it was read could leave the same time.

import { createHash } from 'node:crypto';
import type { Stats } from 'node:fs';
import { holdsKnownToken } from '../secrets/detect.js';
import { readGuardedText } from '../util/guarded-read.js';
import type { IgnoreLayer } from '../util/glob/index.js';
import { PACKAGE } from '../version.js';
import { NAME_KINDS } from './file-kinds.js';

const FORMAT = 'twelve-factor-audit-listing';
const FORMAT_VERSION = 1;
const SIGNATURE = `{"format":"${FORMAT}"`;
/** A listing file larger than this is not read (100,000 folders write about 10 MB). */
const MAX_LISTING_FILE = 256 * 1024 * 1024;
/**
 * A stamp this close to the listing's start, or later, is racy. FAT keeps modification times to 2
 * seconds and ext3 and HFS+ to 1; the kernel's file times run up to a clock tick behind its clock.
 */
export const RACY_MARGIN_MS = 2_500;

/** What reading one folder gave, for the walk to go on from (kept as it is when the folder is unchanged). */
export interface FolderListing {
  /** 0: no .gitignore entry; 1: one without rules (or not read: see `skipped`); 2: one with rules. */
  gitignore: 0 | 1 | 2;
  /** Names of the subfolders entered. */
  dirs: string[];
  /** The candidate files, as triples: name, kind, 1 when the entry is a symbolic link (else 0). */
  files: Array<string | number>;
  /** What the folder itself skipped (its .gitignore unread, a subfolder too deep), as pairs: path, reason. */
  skipped: string[];
}

/** A folder's record as stored: [chain id, mtimeMs, ctimeMs, ino, dev, gitignore, dirs, files, skipped]. */
type StoredFolder = [number, number, number, number, number, 0 | 1 | 2, string[], Array<string | number>, string[]];

interface ListingFile {
  format: typeof FORMAT;
  version: number;
  key: string;
  /** The .gitignore stamps each record was listed under (FolderRecord chain ids point here). */
  chains: string[];
  folders: Record<string, StoredFolder>;
}

/** The key of a listing: what every record depends on besides its folder and its .gitignore chain. */
export function listingKey(realRoot: string, ignore: readonly string[], enclosing: readonly IgnoreLayer[], ignoredRoot: boolean): string {
  const hash = createHash('sha256').update(JSON.stringify([FORMAT_VERSION, PACKAGE.version, realRoot, ignore, ignoredRoot]));
  // The rules of the .gitignore files above the root, as parsed (the same text gives the same rules).
  for (const layer of enclosing) {
    hash.update(`\0${layer.prefix}\0${layer.dir}`);
    for (const r of layer.rules) hash.update(`\0${r.negate ? '!' : ''}${r.dirOnly ? '/' : ''}${r.basename ? 'b' : ''}:`).update(r.pattern);
  }
  return hash.digest('hex');
}

/**
 * The listing state of one run: the previous run's records (from the file, checked), and this run's,
 * written back when they differ.
 */
export class ListingCache {
  private readonly previous: Record<string, StoredFolder> | undefined;
  private readonly previousChains: string[] = [];
  private readonly next: Record<string, { record: StoredFolder; chain: string }> = Object.create(null) as Record<string, { record: StoredFolder; chain: string }>;
  private nextCount = 0;
  private changed = false;
  /** Folders read from the file system, and folders whose record was reused. */
  readonly stats = { read: 0, reused: 0 };
  /** Stands for a stamp that must not match on the next run (racy, or not stat'able). */
  readonly unstable = `\0unstable ${process.pid} ${Math.random()}`;

  constructor(
    readonly key: string,
    /** Milliseconds since the epoch at the listing's start. */
    private readonly start: number,
    text: string | undefined,
  ) {
    const parsed = text === undefined ? undefined : parseListing(text, key);
    if (parsed) {
      this.previous = parsed.folders;
      this.previousChains = parsed.chains;
    } else this.changed = true;
  }

  /** Whether a file or folder's times are too recent to trust its stamp next time. */
  racy(info: Stats): boolean {
    return Math.max(info.mtimeMs, info.ctimeMs) >= this.start - RACY_MARGIN_MS;
  }

  /** The stamp of a .gitignore for a chain: its size, times and inode, or `unstable`. */
  piece(info: Stats | undefined): string {
    return info && !this.racy(info) ? `${info.size},${info.mtimeMs},${info.ctimeMs},${info.ino}` : this.unstable;
  }

  /**
   * The stored listing of `relDir` when its stamp is `info`'s and it was listed under the .gitignore
   * chain `chainOf(gitignore)` gives (the chain of the folders above it plus its own .gitignore).
   */
  reuse(relDir: string, info: Stats, chainOf: (gitignore: 0 | 1 | 2) => string): { listing: FolderListing; chain: string } | undefined {
    const r = this.previous?.[relDir];
    if (!r || r[1] !== info.mtimeMs || r[2] !== info.ctimeMs || r[3] !== info.ino || r[4] !== info.dev) return undefined;
    const chain = chainOf(r[5]);
    if (chain.includes(this.unstable) || this.previousChains[r[0]] !== chain) return undefined;
    this.next[relDir] = { record: r, chain };
    this.nextCount++;
    this.stats.reused++;
    return { listing: { gitignore: r[5], dirs: r[6], files: r[7], skipped: r[8] }, chain };
  }

  /** Records a folder read in this run (not when its stamp is racy or a name in it holds a token). */
  store(relDir: string, info: Stats | undefined, chain: string, listing: FolderListing): void {
    this.stats.read++;
    this.changed = true;
    if (!info || this.racy(info) || chain.includes(this.unstable)) return;
    // Names go to a file outside the tree: none that holds a known token format (as the cache's paths).
    if (holdsKnownToken(`${relDir}/${listing.dirs.join('/')}/${listing.files.join('/')}`)) return;
    this.next[relDir] = { record: [0, info.mtimeMs, info.ctimeMs, info.ino, info.dev, listing.gitignore, listing.dirs, listing.files, listing.skipped], chain };
    this.nextCount++;
  }

  /** The file's new text, or undefined when every record was reused and none dropped. */
  text(): string | undefined {
    if (!this.changed && this.nextCount === (this.previous ? Object.keys(this.previous).length : 0)) return undefined;
    const chains: string[] = [];
    const ids = new Map<string, number>();
    // Null-prototype, as every record keyed by paths: a folder named `__proto__` is a key like any other.
    const folders = Object.create(null) as Record<string, StoredFolder>;
    for (const relDir in this.next) {
      const { record, chain } = this.next[relDir]!;
      let id = ids.get(chain);
      if (id === undefined) {
        id = chains.length;
        chains.push(chain);
        ids.set(chain, id);
      }
      folders[relDir] = record[0] === id ? record : [id, record[1], record[2], record[3], record[4], record[5], record[6], record[7], record[8]];
    }
    const body: ListingFile = { format: FORMAT, version: FORMAT_VERSION, key: this.key, chains, folders };
    return JSON.stringify(body);
  }
}

/** The listing file's text (a regular file within the size cap), or undefined. */
export function readListingText(location: string): string | undefined {
  const text = readGuardedText(location, { maxSize: MAX_LISTING_FILE });
  return typeof text === 'string' ? text : undefined;
}

/**
 * The records of a listing file of this key, checked for shape; undefined when the file is of
 * another key or version, damaged or not a listing file at all (then every folder is read, and the
 * file is written anew).
 */
function parseListing(text: string, key: string): { chains: string[]; folders: Record<string, StoredFolder> } | undefined {
  if (!text.startsWith(SIGNATURE)) return undefined;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (!isRecord(value) || value.version !== FORMAT_VERSION || value.key !== key || !isRecord(value.folders)) return undefined;
  const chains = value.chains;
  if (!Array.isArray(chains) || !chains.every((c) => typeof c === 'string')) return undefined;
  const folders = Object.create(null) as Record<string, StoredFolder>;
  for (const [relDir, r] of Object.entries(value.folders)) {
    if (!isStoredFolder(r, chains.length)) return undefined;
    folders[relDir] = r;
  }
  return { chains: chains as string[], folders };
}

function isStoredFolder(r: unknown, chainCount: number): r is StoredFolder {
  if (!Array.isArray(r) || r.length !== 9) return false;
  const v = r as unknown[];
  if (!Number.isInteger(v[0]) || (v[0] as number) < 0 || (v[0] as number) >= chainCount) return false;
  for (let i = 1; i <= 4; i++) if (typeof v[i] !== 'number') return false;
  if (v[5] !== 0 && v[5] !== 1 && v[5] !== 2) return false;
  const dirs = v[6], files = v[7], skipped = v[8];
  if (!Array.isArray(dirs) || !dirs.every(isName)) return false;
  if (!Array.isArray(files) || files.length % 3 !== 0) return false;
  for (let i = 0; i < files.length; i += 3) {
    if (!isName(files[i]) || typeof files[i + 1] !== 'string' || (files[i + 2] !== 0 && files[i + 2] !== 1)) return false;
    if (!Object.hasOwn(NAME_KINDS, files[i + 1] as string)) return false;
  }
  return Array.isArray(skipped) && skipped.length % 2 === 0 && skipped.every((s) => typeof s === 'string');
}

/** A directory entry's name: not empty, no separator, not `.` or `..`. */
function isName(name: unknown): name is string {
  return typeof name === 'string' && name !== '' && name !== '.' && name !== '..' && !name.includes('/') && !name.includes('\\') && !name.includes('\0');
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
