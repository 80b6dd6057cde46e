// What a derived value of the project model read, so that a cached cross-file result can be reused
// when nothing it read changed (src/engine/audit.ts, the incremental cross-file phase).
//
// A dependency is a string key:
//   `<facts kind>#<field>`         the whole value of a top-level field of some file's facts (`ts#hasTopLevelCall`);
//   `<facts kind>#<field>/#`       that the field is an array, and its length;
//   `<facts kind>#<field>/<prop>`  `prop` of the elements of an array field (`ts#imports/specifier`),
//                                  with everything under it;
//   `<facts kind>#*`               everything of such facts (the object was enumerated or serialised);
//   ROLES_DEPENDENCY               the role of some file (roleOf, environmentOf, isTest).
// A changed key ending in `*` stands for every key that starts with what is before it.
// Which files exist, with which kinds, is not recorded: the engine reuses nothing when that changed.
// Keys are per kind, so that a record stays a handful of keys whatever the size of the tree; beside
// them, a record holds for each key the files whose facts it read under it, as indexes in the run's
// list of files (DependencyRecord.filesOf, stored as bitmaps: FileReads). A key of a change in one
// file then counts only for records that read it of that file: a rule that read the `envReads` of
// the files its entrypoints import does not rerun when another file's `envReads` change, nor one
// that read the `line` of a few files' imports when another file's lines move. Elements'
// properties are told apart so that lines inserted above a file's imports (their `line` changes)
// do not recompute what reads only their `specifier` (the import graph, the roles).

export const ROLES_DEPENDENCY = '@roles';

/** A file index for reads whose file is not known (facts recorded outside a model): counts as every file. */
export const ANY_FILE = -1;

/** The files a record read under one key: a Set while the record is open, a stretch of its array once closed. */
export interface FilesOfKey extends Iterable<number> {
  has(file: number): boolean;
  readonly size: number;
}

/**
 * The keys of one recorder, by number: a closed record names its keys by their number here (the
 * keys are a few hundred, the records tens of thousands).
 */
class KeyTable {
  readonly keys: string[] = [];
  private readonly ids = new Map<string, number>();

  /** The number of a key, or -1 for a key no record of the recorder has closed with. */
  find(key: string): number {
    return this.ids.get(key) ?? -1;
  }

  id(key: string): number {
    let id = this.ids.get(key);
    if (id === undefined) {
      id = this.keys.length;
      this.keys.push(key);
      this.ids.set(key, id);
    }
    return id;
  }
}

let serials = 0;

/** A closed record that read nothing: an empty array shared by all of them. */
const NOTHING_READ: readonly number[] = Object.freeze([]);

/**
 * What a computation read: the keys, and for each key of facts the indexes of the files whose facts
 * it read under that key (ANY_FILE among them when a read's file was not known).
 *
 * While its computation runs a record is open: a Set of keys and a Set of files per key, which the
 * reads (many, mostly repeated) update cheaply. When the computation ends (DependencyRecorder.run)
 * the record is closed into one array of small integers, since the model keeps the record of every
 * derived value for its whole life (tens of thousands on the 25,000-file bench tree: as Sets, about
 * 1 KB each). A closed record that gets a key or a read again is opened again first.
 */
export class DependencyRecord implements Iterable<string> {
  private keySet: Set<string> | undefined;
  private fileSets: Map<string, FilesRead> | undefined;
  /**
   * Closed: for each key in turn, its number in `table`, how many files were read under it (0 for
   * a key read without a file), and those files in ascending order.
   */
  private closed: readonly number[] | undefined;
  private table: KeyTable | undefined;
  /** This record as a frame: a number no other record has. */
  readonly serial = ++serials;
  /**
   * The serial of the frame this record was last merged into once closed: a derived value is used
   * again and again in one frame, and merging it again adds nothing (a number, not a set per frame
   * of what was merged into it, which for a rule's frame held tens of thousands of records).
   */
  mergedInto = 0;

  get isClosed(): boolean {
    return this.closed !== undefined;
  }

  /** A read under `key` of no file in particular (or a key that is not of facts). */
  add(key: string): this {
    if (this.closed) this.open();
    (this.keySet ??= new Set()).add(key);
    return this;
  }

  /** A read under `key` of file `file`; the key is added too. */
  addRead(key: string, file: number): void {
    if (this.closed) this.open();
    const fileSets = (this.fileSets ??= new Map());
    const known = fileSets.get(key);
    if (known) {
      // Loops read the properties of one file's elements again and again.
      if (known.last === file) return;
      known.last = file;
      known.add(file);
      return;
    }
    const files = new FilesRead();
    files.last = file;
    files.add(file);
    fileSets.set(key, files);
    (this.keySet ??= new Set()).add(key);
  }

  has(key: string): boolean {
    const closed = this.closed;
    if (!closed) return this.keySet?.has(key) ?? false;
    const id = this.table!.find(key);
    if (id < 0) return false;
    for (let i = 0; i < closed.length; i += 2 + closed[i + 1]!) if (closed[i] === id) return true;
    return false;
  }

  get size(): number {
    const closed = this.closed;
    if (!closed) return this.keySet?.size ?? 0;
    let n = 0;
    for (let i = 0; i < closed.length; i += 2 + closed[i + 1]!) n++;
    return n;
  }

  *[Symbol.iterator](): Iterator<string> {
    const closed = this.closed;
    if (!closed) {
      if (this.keySet) yield* this.keySet;
      return;
    }
    const keys = this.table!.keys;
    for (let i = 0; i < closed.length; i += 2 + closed[i + 1]!) yield keys[closed[i]!]!;
  }

  /** The files read under `key`; undefined when the key was read of no file in particular, or not read. */
  filesOf(key: string): FilesOfKey | undefined {
    const closed = this.closed;
    if (!closed) return this.fileSets?.get(key);
    const id = this.table!.find(key);
    if (id < 0) return undefined;
    for (let i = 0; i < closed.length; i += 2 + closed[i + 1]!) {
      if (closed[i] !== id) continue;
      const count = closed[i + 1]!;
      return count === 0 ? undefined : new ClosedFiles(closed, i + 2, count);
    }
    return undefined;
  }

  /** For each key of facts read with its files, the files read under it. */
  get files(): ReadonlyMap<string, FilesOfKey> {
    const files = new Map<string, FilesOfKey>();
    for (const key of this) {
      const read = this.filesOf(key);
      if (read) files.set(key, read);
    }
    return files;
  }

  /** Calls `read` for each key, with the files read under it (undefined for a key read of no file in particular). */
  forEachKey(read: (key: string, files: FilesOfKey | undefined) => void): void {
    const closed = this.closed;
    if (!closed) {
      if (this.keySet) for (const key of this.keySet) read(key, this.fileSets?.get(key));
      return;
    }
    const keys = this.table!.keys;
    for (let i = 0; i < closed.length; i += 2 + closed[i + 1]!) {
      const count = closed[i + 1]!;
      read(keys[closed[i]!]!, count === 0 ? undefined : new ClosedFiles(closed, i + 2, count));
    }
  }

  /** Adds everything this record read to `into` (an open record). */
  addTo(into: DependencyRecord): void {
    const closed = this.closed;
    if (!closed) {
      if (this.fileSets) for (const [key, files] of this.fileSets) for (const f of files) into.addRead(key, f);
      if (this.keySet) for (const key of this.keySet) into.add(key);
      return;
    }
    const keys = this.table!.keys;
    for (let i = 0; i < closed.length; ) {
      const key = keys[closed[i]!]!;
      const count = closed[i + 1]!;
      if (count === 0) into.add(key);
      for (let j = i + 2; j < i + 2 + count; j++) into.addRead(key, closed[j]!);
      i += 2 + count;
    }
  }

  /** Closes the record (see the class comment): its computation has ended. */
  close(table: KeyTable): void {
    if (this.closed) return;
    const keySet = this.keySet;
    let closed: readonly number[] = NOTHING_READ;
    if (keySet && keySet.size > 0) {
      const out: number[] = [];
      for (const key of keySet) {
        const files = this.fileSets?.get(key);
        out.push(table.id(key), files ? files.size : 0);
        if (!files) continue;
        const start = out.length;
        for (const f of files) out.push(f);
        if (files.size > 1) sortStretch(out, start, out.length);
      }
      closed = out;
    }
    this.closed = closed;
    this.table = table;
    this.keySet = undefined;
    this.fileSets = undefined;
  }

  private open(): void {
    const closed = this.closed!;
    const keys = this.table!.keys;
    this.closed = undefined;
    this.table = undefined;
    for (let i = 0; i < closed.length; ) {
      const key = keys[closed[i]!]!;
      const count = closed[i + 1]!;
      if (count === 0) this.add(key);
      for (let j = i + 2; j < i + 2 + count; j++) this.addRead(key, closed[j]!);
      i += 2 + count;
    }
  }
}

/** Insertion sort of out[start..end) (a stretch is a handful of files, sometimes a few thousand). */
function sortStretch(out: number[], start: number, end: number): void {
  if (end - start > 32) {
    const sorted = out.slice(start, end).sort((a, b) => a - b);
    for (let i = 0; i < sorted.length; i++) out[start + i] = sorted[i]!;
    return;
  }
  for (let i = start + 1; i < end; i++) {
    const v = out[i]!;
    let j = i - 1;
    while (j >= start && out[j]! > v) {
      out[j + 1] = out[j]!;
      j--;
    }
    out[j + 1] = v;
  }
}

/** The files of one key of a closed record: a stretch of its array, in ascending order. */
class ClosedFiles implements FilesOfKey {
  constructor(
    private readonly closed: readonly number[],
    private readonly start: number,
    readonly size: number,
  ) {}

  has(file: number): boolean {
    let lo = this.start;
    let hi = this.start + this.size - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const v = this.closed[mid]!;
      if (v === file) return true;
      if (v < file) lo = mid + 1;
      else hi = mid - 1;
    }
    return false;
  }

  *[Symbol.iterator](): Iterator<number> {
    for (let i = this.start; i < this.start + this.size; i++) yield this.closed[i]!;
  }
}

/**
 * The files read under one key of an open record, and the last one (most reads repeat it): a Set
 * while they are few, then a bitmap of the file indexes (a rule's record reads a key of thousands of
 * files: as a Set of 25,000 numbers that is ~650 KB, made and dropped by each rule of each run).
 */
class FilesRead implements FilesOfKey {
  last = ANY_FILE - 1;
  size = 0;
  /** The files, or once `bits` is made, those it cannot hold (ANY_FILE). */
  private readonly few = new Set<number>();
  private bits: Uint8Array | undefined;

  add(file: number): void {
    const bits = this.bits;
    if (bits && file >= 0) {
      const byte = file >> 3;
      const bit = 1 << (file & 7);
      if (byte >= bits.length) this.grow(byte);
      else if (bits[byte]! & bit) return;
      this.bits![byte]! |= bit;
      this.size++;
      return;
    }
    if (this.few.has(file)) return;
    this.few.add(file);
    this.size++;
    if (!bits && this.few.size > FEW_FILES) this.toBits();
  }

  has(file: number): boolean {
    const bits = this.bits;
    if (bits && file >= 0) return file >> 3 < bits.length && (bits[file >> 3]! & (1 << (file & 7))) !== 0;
    return this.few.has(file);
  }

  *[Symbol.iterator](): Iterator<number> {
    yield* this.few;
    const bits = this.bits;
    if (!bits) return;
    for (let byte = 0; byte < bits.length; byte++) {
      const b = bits[byte]!;
      if (b === 0) continue;
      for (let bit = 0; bit < 8; bit++) if (b & (1 << bit)) yield (byte << 3) | bit;
    }
  }

  private toBits(): void {
    let max = 0;
    for (const f of this.few) if (f > max) max = f;
    this.bits = new Uint8Array((max >> 3) + 1);
    for (const f of [...this.few]) {
      if (f < 0) continue;
      this.few.delete(f);
      this.bits[f >> 3]! |= 1 << (f & 7);
    }
  }

  private grow(byte: number): void {
    const bits = new Uint8Array(Math.max(byte + 1, this.bits!.length * 2));
    bits.set(this.bits!);
    this.bits = bits;
  }
}

/** How many files an open record's key holds in a Set before a bitmap (FilesRead). */
const FEW_FILES = 64;

/** A stack of frames: each read is recorded in the innermost frame, which is merged into its parent when it ends. */
export class DependencyRecorder {
  private readonly stack: DependencyRecord[] = [];
  private top: DependencyRecord | undefined;
  /** The numbers closed records name their keys by. */
  private readonly table = new KeyTable();
  private readonly keys = new Map<string, Map<string, string>>();

  /** A read under `key`, of the facts of file `file` (an index in the run's list of files) when it is of facts. */
  record(key: string, file?: number): void {
    const top = this.top;
    if (!top) return;
    if (file === undefined) top.add(key);
    else top.addRead(key, file);
  }

  /** `${base}${separator}${prop}`, made once (reads are many, keys few). */
  key(base: string, prop: string): string {
    let byProp = this.keys.get(base);
    if (!byProp) {
      byProp = new Map();
      this.keys.set(base, byProp);
    }
    let key = byProp.get(prop);
    if (key === undefined) {
      key = base + prop;
      byProp.set(prop, key);
    }
    return key;
  }

  merge(record: Iterable<string>): void {
    const top = this.top;
    if (!top || top === record) return;
    if (record instanceof DependencyRecord) {
      // A closed record does not change: merging it again into the same frame adds nothing. (An
      // open one, which may have grown since, is merged whole each time.)
      if (record.isClosed) {
        if (record.mergedInto === top.serial) return;
        record.mergedInto = top.serial;
      }
      record.addTo(top);
      return;
    }
    for (const k of record) top.add(k);
  }

  /** Runs `compute` in a new frame; its keys also go to the enclosing frame. The frame is closed when it ends. */
  run<T>(compute: () => T): { value: T; deps: DependencyRecord } {
    const frame = new DependencyRecord();
    this.push(frame);
    try {
      return { value: compute(), deps: frame };
    } finally {
      this.pop();
      frame.close(this.table);
      this.merge(frame);
    }
  }

  /** Runs `compute` with its reads recorded into `frame` only (not into the enclosing frame). */
  runInto<T>(frame: DependencyRecord, compute: () => T): T {
    this.push(frame);
    try {
      return compute();
    } finally {
      this.pop();
    }
  }

  private push(frame: DependencyRecord): void {
    this.stack.push(frame);
    this.top = frame;
  }

  private pop(): void {
    this.stack.pop();
    this.top = this.stack[this.stack.length - 1];
  }
}

/** Whether a dependency record meets a set of changed keys (either side may hold keys ending in `*`). */
export function dependsOn(deps: Iterable<string>, changed: ReadonlySet<string>): boolean {
  if (changed.size === 0) return false;
  const wild: string[] = [];
  for (const c of changed) if (c.endsWith('*')) wild.push(c.slice(0, -1));
  for (const d of deps) {
    if (changed.has(d)) return true;
    for (const w of wild) if (d.startsWith(w)) return true;
    if (d.endsWith('*')) {
      const prefix = d.slice(0, -1);
      for (const c of changed) if (c.startsWith(prefix)) return true;
    }
  }
  return false;
}

/**
 * Which files a record read under each key of facts, as stored with it: bitmaps over the run's list
 * of files (bit i of byte i >> 3 for file i, base64), which the keys name by index; ANY_FILE for a
 * key read of every file of its kind, or of files not known. A key absent was read of any file.
 */
export interface FileReads {
  sets: string[];
  keys: Record<string, number>;
}

/** Whether a key is of facts (`<kind>#...`), which reads record with their file. */
function isFactsKey(key: string): boolean {
  return key.includes('#');
}

/** FileReads made key by key: a bitmap is stored once and named by every key that read the same files. */
class FileReadsBuilder {
  private readonly sets: string[] = [];
  private readonly ids = new Map<string, number>();
  private readonly keys: Record<string, number> = {};

  /** The files `key` read, as a bitmap; undefined: any file. */
  put(key: string, bitmap: Uint8Array | undefined): void {
    if (bitmap === undefined) {
      this.keys[key] = ANY_FILE;
      return;
    }
    const text = Buffer.from(bitmap).toString('base64');
    let id = this.ids.get(text);
    if (id === undefined) {
      id = this.sets.length;
      this.ids.set(text, id);
      this.sets.push(text);
    }
    this.keys[key] = id;
  }

  result(): FileReads {
    return { sets: this.sets, keys: this.keys };
  }
}

/**
 * The FileReads of a record, over a run of `fileCount` files, of which `kindSizes` has of each kind
 * of facts: a key read of every file of its kind is stored as read of any file (the same answer,
 * without a bitmap).
 */
export function fileReadsOf(record: DependencyRecord, fileCount: number, kindSizes?: ReadonlyMap<string, number>): FileReads {
  const out = new FileReadsBuilder();
  const bytes = new Uint8Array(Math.ceil(fileCount / 8));
  const read: Array<[string, FilesOfKey]> = [];
  record.forEachKey((key, files) => {
    if (files) read.push([key, files]);
  });
  read.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  for (const [key, files] of read) {
    bytes.fill(0);
    let any = files.size === kindSizes?.get(key.slice(0, key.indexOf('#')));
    if (!any) {
      for (const f of files) {
        if (f < 0 || f >= fileCount) any = true;
        else bytes[f >> 3]! |= 1 << (f & 7);
      }
    }
    out.put(key, any ? undefined : bytes);
  }
  return out.result();
}

/** Adds stored FileReads to a record (the roles kept from a run and extended in the next). */
export function addFileReads(record: DependencyRecord, reads: FileReads): void {
  const decoded = reads.sets.map((s) => Buffer.from(s, 'base64'));
  for (const [key, id] of Object.entries(reads.keys)) {
    const bits = decoded[id];
    if (!bits) {
      record.addRead(key, ANY_FILE);
      continue;
    }
    for (let i = 0; i < bits.length * 8; i++) if (bits[i >> 3]! & (1 << (i & 7))) record.addRead(key, i);
  }
}

/**
 * fileReadsOf of a record to which a stored one (its keys and FileReads) was added (addFileReads),
 * without decoding the stored bitmaps into the record: the bitmaps are joined byte by byte (a kept
 * part's reads of thousands of files cost more to decode and encode again than the part to rerun).
 */
export function fileReadsWith(record: DependencyRecord, stored: FileReads | undefined, fileCount: number, kindSizes?: ReadonlyMap<string, number>): FileReads {
  if (!stored) return fileReadsOf(record, fileCount, kindSizes);
  const own = fileReadsOf(record, fileCount);
  const byteCount = Math.ceil(fileCount / 8);
  const out = new FileReadsBuilder();
  const decoded = new Map<string, Buffer | undefined>();
  const bitsOf = (reads: FileReads, id: number): Buffer | undefined => {
    const text = reads.sets[id];
    if (text === undefined) return undefined;
    let bits = decoded.get(text);
    if (!decoded.has(text)) {
      bits = Buffer.from(text, 'base64');
      decoded.set(text, bits);
    }
    return bits;
  };
  for (const key of [...new Set([...Object.keys(own.keys), ...Object.keys(stored.keys)])].sort()) {
    const a = own.keys[key];
    const b = stored.keys[key];
    const bytes = new Uint8Array(byteCount);
    let any = a === ANY_FILE || b === ANY_FILE;
    for (const [reads, id] of [[own, a], [stored, b]] as const) {
      if (any || id === undefined) continue;
      const bits = bitsOf(reads, id);
      // A stored set that names no bitmap, or files beyond this run's, counts as read of any file (addFileReads, fileReadsOf).
      if (!bits) {
        any = true;
        continue;
      }
      for (let i = 0; i < bits.length; i++) {
        if (i < byteCount) bytes[i]! |= bits[i]!;
        else if (bits[i] !== 0) any = true;
      }
      if (fileCount % 8 !== 0 && bits.length >= byteCount && bits[byteCount - 1]! >> fileCount % 8 !== 0) any = true;
    }
    if (!any) {
      let count = 0;
      for (const byte of bytes) count += popcount(byte);
      any = count === kindSizes?.get(key.slice(0, key.indexOf('#')));
    }
    out.put(key, any ? undefined : bytes);
  }
  return out.result();
}

function popcount(byte: number): number {
  let n = 0;
  for (let b = byte; b !== 0; b &= b - 1) n++;
  return n;
}

/** What changed since the stored phase: every changed key, and the changed keys of each changed file. */
export interface Change {
  keys: Set<string>;
  files: Array<{ index: number; keys: string[] }>;
}

/** Whether a recorded key `dep` is met by a changed key (either may end in `*`, standing for every key it starts). */
export function keyMeets(dep: string, changed: string): boolean {
  if (dep === changed) return true;
  if (changed.endsWith('*') && dep.startsWith(changed.slice(0, -1))) return true;
  return dep.endsWith('*') && changed.startsWith(dep.slice(0, -1));
}

/**
 * Whether a stored record (its keys, and which files it read under each) meets a change: a changed
 * key of some file that meets a key the record read of that file. Without FileReads, the keys
 * alone decide (dependsOn).
 */
export function meets(deps: readonly string[], reads: FileReads | undefined, change: Change): boolean {
  if (!dependsOn(deps, change.keys)) return false;
  if (!reads) return true;
  if (change.keys.has(ROLES_DEPENDENCY) && deps.includes(ROLES_DEPENDENCY)) return true;
  const decoded = new Map<number, Buffer>();
  const readOf = (key: string, file: number): boolean => {
    const id = reads.keys[key];
    if (id === undefined || id === ANY_FILE) return true;
    let bits = decoded.get(id);
    if (!bits) {
      const text = reads.sets[id];
      if (text === undefined) return true;
      bits = Buffer.from(text, 'base64');
      decoded.set(id, bits);
    }
    return file >> 3 >= bits.length || (bits[file >> 3]! & (1 << (file & 7))) !== 0;
  };
  for (const f of change.files) {
    for (const changed of f.keys) {
      for (const dep of deps) if (isFactsKey(dep) && keyMeets(dep, changed) && readOf(dep, f.index)) return true;
    }
  }
  return false;
}

/**
 * The keys that differ between two facts of one kind: `<kind>#<field>` for every field whose value
 * differs, and for array fields of objects, `/#` when the length differs and `/<prop>` for each
 * property whose value differs in some element (`/*` when the arrays cannot be compared element by
 * element).
 */
export function changedKeys(kind: string, before: object, after: object): string[] {
  const a = before as Record<string, unknown>;
  const b = after as Record<string, unknown>;
  const out: string[] = [];
  for (const field of new Set([...Object.keys(a), ...Object.keys(b)])) {
    if (field === 'kind') continue;
    const x = a[field];
    const y = b[field];
    if (JSON.stringify(x) === JSON.stringify(y)) continue;
    const base = `${kind}#${field}`;
    out.push(base);
    if (!Array.isArray(x) || !Array.isArray(y) || x.length !== y.length) {
      out.push(`${base}/#`, `${base}/*`);
      continue;
    }
    const props = new Set<string>();
    for (const e of [...x, ...y]) if (isPlainObject(e)) for (const k of Object.keys(e)) props.add(k);
    for (const prop of props) {
      if (x.some((e, i) => JSON.stringify(propOf(e, prop)) !== JSON.stringify(propOf(y[i], prop)))) out.push(`${base}/${prop}`);
    }
  }
  return out;
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function propOf(e: unknown, prop: string): unknown {
  return isPlainObject(e) ? e[prop] : e;
}

/**
 * The recorder of a facts proxy (recordingFacts and the proxies of its arrays and elements), for
 * values derived from facts outside the model: each proxy's handler answers this key (a WeakMap
 * entry per proxy held ~50 bytes for each of the 170,000 elements read on the 25,000-file bench tree).
 */
const RECORDER: unique symbol = Symbol('recorder');

function recorderOf(value: object): DependencyRecorder | undefined {
  return (value as { [RECORDER]?: DependencyRecorder })[RECORDER];
}
const derivedFromFacts = new WeakMap<object, Map<string, { value: unknown; deps?: DependencyRecord }>>();

/**
 * A value computed from (part of) the facts of one file, once per facts object, whose reads are
 * recorded again in whoever uses it: what a cache keyed by facts must be (a plain WeakMap keyed by
 * facts would hide those reads from the second caller, which then keeps stale findings).
 */
export function derivedFrom<T>(facts: object, key: string, compute: () => T): T {
  let byKey = derivedFromFacts.get(facts);
  if (!byKey) {
    byKey = new Map();
    derivedFromFacts.set(facts, byKey);
  }
  const recorder = recorderOf(facts);
  const hit = byKey.get(key);
  if (hit) {
    if (hit.deps) recorder?.merge(hit.deps);
    return hit.value as T;
  }
  if (!recorder) {
    const value = compute();
    byKey.set(key, { value });
    return value;
  }
  const { value, deps } = recorder.run(compute);
  byKey.set(key, deps.size > 0 ? { value, deps } : { value });
  return value;
}

/**
 * The facts seen through proxies that record what is read (the keys above): a top-level field, with
 * the file (`file`, its index in the run's list of files), or for an array field, its length and
 * each property read on its elements. `kind` is not recorded: the kind of every file is part of
 * what the engine compares before reusing anything. Elements are reached through their field only,
 * so the file of an element's read is that of the field's read, in the same record or in that of a
 * derived value the reader used (ProjectModel.memo, derivedFrom).
 */
export function recordingFacts<F extends object>(facts: F, kind: string, recorder: DependencyRecorder, file: number = ANY_FILE): F {
  return new Proxy(facts, new FactsHandler(recorder.key(kind, '#'), recorder, file)) as F;
}

// The handlers below are objects of classes, one per facts object, per array and per array's
// elements, holding the file: a proxy calls its traps with the handler as `this`, so no closure is
// made per file, and an element's file needs no table beside it. Each array and each element gets
// one proxy (a rule may compare them or key a Map with them), kept by the handler of what holds it:
// the facts handler keeps its arrays' proxies by field, an array's handler its elements' proxies by
// index (on the 25,000-file bench tree ~170,000 elements are read: a WeakMap entry and a record
// each cost ~16 MB).

class FactsHandler implements ProxyHandler<object> {
  /** The proxy of each array field read: the field, the array and its proxy, in turn (a file has a handful). */
  private arrays: unknown[] | undefined;

  constructor(
    /** `<kind>#` */
    private readonly prefix: string,
    private readonly recorder: DependencyRecorder,
    private readonly file: number,
  ) {}

  get(target: object, prop: string | symbol, receiver: unknown): unknown {
    if (prop === RECORDER) return this.recorder;
    const value = Reflect.get(target, prop, receiver) as unknown;
    if (typeof prop !== 'string' || prop === 'kind') return value;
    const recorder = this.recorder;
    const base = recorder.key(this.prefix, prop);
    if (!Array.isArray(value)) {
      recorder.record(base, this.file);
      return value;
    }
    recorder.record(recorder.key(base, '/#'), this.file);
    // Whatever is read of an empty array (its keys, its text) is its length, just recorded: any
    // change to it changes the length. Most array fields of most files are empty.
    if (value.length === 0) return value;
    const arrays = (this.arrays ??= []);
    let at = 0;
    while (at < arrays.length && arrays[at] !== prop) at += 3;
    if (arrays[at + 1] === value) return arrays[at + 2];
    const proxy = new Proxy(value, new ArrayHandler(base, recorder, this.file));
    arrays[at] = prop;
    arrays[at + 1] = value;
    arrays[at + 2] = proxy;
    return proxy;
  }

  has(target: object, prop: string | symbol): boolean {
    if (typeof prop === 'string' && prop !== 'kind') this.recorder.record(this.recorder.key(this.prefix, prop), this.file);
    return Reflect.has(target, prop);
  }

  ownKeys(target: object): ArrayLike<string | symbol> {
    this.recorder.record(this.recorder.key(this.prefix, '*'), this.file);
    return Reflect.ownKeys(target);
  }

  getOwnPropertyDescriptor(target: object, prop: string | symbol): PropertyDescriptor | undefined {
    if (typeof prop === 'string' && prop !== 'kind') this.recorder.record(this.recorder.key(this.prefix, prop), this.file);
    return Reflect.getOwnPropertyDescriptor(target, prop);
  }
}

class ArrayHandler implements ProxyHandler<object> {
  /** The proxy of element i at 2i + 1, with the element at 2i. */
  private elements: object[] | undefined;
  private elementHandler: ElementHandler | undefined;

  constructor(
    /** `<kind>#<field>` */
    private readonly base: string,
    private readonly recorder: DependencyRecorder,
    private readonly file: number,
  ) {}

  get(target: object, prop: string | symbol, receiver: unknown): unknown {
    if (prop === RECORDER) return this.recorder;
    const value = Reflect.get(target, prop, receiver) as unknown;
    if (typeof prop !== 'string' || !isIndex(prop)) return value;
    if (!isPlainObject(value)) {
      this.recorder.record(this.base, this.file);
      return value;
    }
    const at = 2 * Number(prop);
    const elements = (this.elements ??= new Array<object>(2 * (target as unknown[]).length));
    if (elements[at] === value) return elements[at + 1];
    const proxy = new Proxy(value, (this.elementHandler ??= new ElementHandler(this.base, this.recorder, this.file)));
    elements[at] = value;
    elements[at + 1] = proxy;
    return proxy;
  }

  ownKeys(target: object): ArrayLike<string | symbol> {
    this.recorder.record(this.base, this.file);
    return Reflect.ownKeys(target);
  }

  getOwnPropertyDescriptor(target: object, prop: string | symbol): PropertyDescriptor | undefined {
    if (typeof prop === 'string' && isIndex(prop)) this.recorder.record(this.base, this.file);
    return Reflect.getOwnPropertyDescriptor(target, prop);
  }
}

/** The elements of one array: a property read is recorded under `<kind>#<field>/<prop>`. */
class ElementHandler implements ProxyHandler<object> {
  /** `<kind>#<field>/` */
  private readonly prefix: string;

  constructor(
    private readonly base: string,
    private readonly recorder: DependencyRecorder,
    private readonly file: number,
  ) {
    this.prefix = recorder.key(base, '/');
  }

  get(target: object, prop: string | symbol, receiver: unknown): unknown {
    if (prop === RECORDER) return this.recorder;
    if (typeof prop === 'string') this.recorder.record(this.recorder.key(this.prefix, prop), this.file);
    return Reflect.get(target, prop, receiver) as unknown;
  }

  has(target: object, prop: string | symbol): boolean {
    if (typeof prop === 'string') this.recorder.record(this.recorder.key(this.prefix, prop), this.file);
    return Reflect.has(target, prop);
  }

  ownKeys(target: object): ArrayLike<string | symbol> {
    this.recorder.record(this.base, this.file);
    return Reflect.ownKeys(target);
  }

  getOwnPropertyDescriptor(target: object, prop: string | symbol): PropertyDescriptor | undefined {
    if (typeof prop === 'string') this.recorder.record(this.recorder.key(this.prefix, prop), this.file);
    return Reflect.getOwnPropertyDescriptor(target, prop);
  }
}

function isIndex(prop: string): boolean {
  const c = prop.charCodeAt(0);
  return c >= 48 && c <= 57 && String(Number(prop) >>> 0) === prop;
}
