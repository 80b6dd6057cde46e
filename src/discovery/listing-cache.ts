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
// The key holds the tool's version, not its code: a change to what a folder's listing gives (the
// file-kind table, the folders never entered, the .gitignore matcher) bumps this, as a change to
// the facts bumps the cache's own FORMAT_VERSION.
const FORMAT_VERSION = 5;
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

/**
 * The folders' records as stored: one flat array, ten places per folder: its path, chain id (into
 * `chains`), mtimeMs, ctimeMs, ino, dev, gitignore, the subfolders' names joined by `/` and the file
 * triples joined by `/` (no name holds a `/`), and the skipped pairs. Flat and joined, the file
 * parses in a third of the time records of named fields take (6,400 files: ~3 ms against ~9), and a
 * record is split and checked only when its folder is reached.
 */
type StoredFolders = Array<string | number | string[]>;
const PLACES = 10;

interface ListingFile {
  format: typeof FORMAT;
  version: number;
  key: string;
  /** The .gitignore stamps each record was listed under. */
  chains: string[];
  folders: StoredFolders;
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
 * The listing state of one run: the previous run's records (from the file), and this run's, written
 * back when they differ.
 */
export class ListingCache {
  private readonly previous: StoredFolders = [];
  private readonly previousChains: string[] = [];
  /** Where each folder's record starts in `previous`. */
  private readonly at = new Map<string, number>();
  /**
   * This run's records: where a reused record starts in `previous` (copied from there only when the
   * file is written), or a new record's places (chain id aside) and chain.
   */
  private readonly next: Array<number | { places: Array<string | number | string[]>; chain: string }> = [];
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
      for (let i = 0; i < parsed.folders.length; i += PLACES) {
        const relDir = parsed.folders[i];
        // A path twice: the file was not written by this code.
        if (typeof relDir !== 'string' || this.at.has(relDir)) {
          this.at.clear();
          break;
        }
        this.at.set(relDir, i);
      }
    }
    if (this.at.size === 0) this.changed = true;
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
   * A record of the wrong shape counts as none (the folder is read, and the file rewritten).
   */
  reuse(relDir: string, info: Stats, chainOf: (gitignore: 0 | 1 | 2) => string): { listing: FolderListing; chain: string } | undefined {
    const i = this.at.get(relDir);
    if (i === undefined) return undefined;
    const r = this.previous;
    if (r[i + 2] !== info.mtimeMs || r[i + 3] !== info.ctimeMs || r[i + 4] !== info.ino || r[i + 5] !== info.dev) return undefined;
    const listing = listingFrom(r[i + 6], r[i + 7], r[i + 8], r[i + 9]);
    const chainId = r[i + 1];
    const stored = typeof chainId === 'number' ? this.previousChains[chainId] : undefined;
    if (!listing || stored === undefined) {
      this.changed = true;
      return undefined;
    }
    const chain = chainOf(listing.gitignore);
    if (chain.includes(this.unstable) || stored !== chain) return undefined;
    this.next.push(i);
    this.stats.reused++;
    return { listing, chain };
  }

  /** Records a folder read in this run (not when its stamp is racy or a name in it holds a token). */
  store(relDir: string, info: Stats | undefined, chain: string, listing: FolderListing): void {
    this.stats.read++;
    this.changed = true;
    if (!info || this.racy(info) || chain.includes(this.unstable)) return;
    this.next.push({ places: [relDir, 0, info.mtimeMs, info.ctimeMs, info.ino, info.dev, listing.gitignore, listing.dirs.join('/'), listing.files.join('/'), listing.skipped], chain });
  }

  /** The file's new text, or undefined when every record was reused and none dropped. */
  text(): string | undefined {
    if (!this.changed && this.next.length === this.at.size) return undefined;
    const records = this.next.map((r) => (typeof r === 'number' ? { places: this.previous.slice(r, r + PLACES), chain: this.previousChains[this.previous[r + 1] as number]! } : r));
    const chains: string[] = [];
    const ids = new Map<string, number>();
    const folders: StoredFolders = [];
    // Names go to a file outside the tree: none that holds a known token format (as the cache's
    // paths). One test over all of them; when one holds a token, its folder's record is left out.
    const names = (r: { places: Array<string | number | string[]>; chain: string }) => `${String(r.places[0])}/${String(r.places[7])}/${String(r.places[8])}/${(r.places[9] as string[]).join('/')}\n${r.chain}`;
    const anyToken = holdsKnownToken(records.map(names).join('\n'));
    for (const record of records) {
      if (anyToken && holdsKnownToken(names(record))) continue;
      const { places, chain } = record;
      let id = ids.get(chain);
      if (id === undefined) {
        id = chains.length;
        chains.push(chain);
        ids.set(chain, id);
      }
      places[1] = id;
      for (const p of places) folders.push(p);
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
 * The records of a listing file of this key; undefined when the file is of another key or version,
 * damaged or not a listing file at all (then every folder is read, and the file is written anew).
 * Each record is checked when its folder is reached (listingFrom).
 */
function parseListing(text: string, key: string): { chains: string[]; folders: StoredFolders } | undefined {
  if (!text.startsWith(SIGNATURE)) return undefined;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (!isRecord(value) || value.version !== FORMAT_VERSION || value.key !== key) return undefined;
  const { chains, folders } = value;
  if (!Array.isArray(chains) || !chains.every((c) => typeof c === 'string') || !Array.isArray(folders) || folders.length % PLACES !== 0) return undefined;
  return { chains: chains as string[], folders: folders as StoredFolders };
}

/** The file kinds by name, each mapped to the table's own string. */
const KINDS = new Map(Object.keys(NAME_KINDS).map((kind) => [kind, kind]));

/** A stored listing checked for shape, or undefined. */
function listingFrom(gitignore: unknown, dirs: unknown, files: unknown, skipped: unknown): FolderListing | undefined {
  if ((gitignore !== 0 && gitignore !== 1 && gitignore !== 2) || typeof dirs !== 'string' || typeof files !== 'string') return undefined;
  if (!Array.isArray(skipped) || skipped.length % 2 !== 0 || !skipped.every((x) => typeof x === 'string')) return undefined;
  const dirNames = dirs === '' ? [] : dirs.split('/');
  if (!dirNames.every(isName)) return undefined;
  const triples: Array<string | number> = files === '' ? [] : files.split('/');
  if (triples.length % 3 !== 0) return undefined;
  for (let i = 0; i < triples.length; i += 3) {
    const link = triples[i + 2];
    const kind = KINDS.get(triples[i + 1] as string);
    if (!isName(triples[i]) || kind === undefined || (link !== '0' && link !== '1')) return undefined;
    // The kind as the tool's own constant: a string read from the file is another object, which every
    // later comparison with a kind would compare character by character.
    triples[i + 1] = kind;
    triples[i + 2] = link === '1' ? 1 : 0;
  }
  return { gitignore, dirs: dirNames, files: triples, skipped: skipped as string[] };
}

/** A directory entry's name (split on `/` already): not empty, not `.` or `..`, no NUL. */
function isName(name: unknown): boolean {
  return typeof name === 'string' && name !== '' && name !== '.' && name !== '..' && !name.includes('\0');
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
