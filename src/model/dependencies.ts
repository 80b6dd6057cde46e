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
// list of files (DependencyRecord.files, stored as bitmaps: FileReads). A key of a change in one
// file then counts only for records that read it of that file: a rule that read the `envReads` of
// the files its entrypoints import does not rerun when another file's `envReads` change, nor one
// that read the `line` of a few files' imports when another file's lines move. Elements'
// properties are told apart so that lines inserted above a file's imports (their `line` changes)
// do not recompute what reads only their `specifier` (the import graph, the roles).

export const ROLES_DEPENDENCY = '@roles';

/** A file index for reads whose file is not known (facts recorded outside a model): counts as every file. */
export const ANY_FILE = -1;

/**
 * What a computation read: the keys (a Set of them), and for each key of facts the indexes of the
 * files whose facts it read under that key (ANY_FILE among them when a read's file was not known).
 */
export class DependencyRecord extends Set<string> {
  /** For each key of facts, the files read under it. */
  readonly files = new Map<string, FilesRead>();
  /** Records merged into this one already (a derived value is used again and again). */
  merged: WeakSet<DependencyRecord> | undefined;

  /** A read under `key` of file `file`; the key is added too. */
  addRead(key: string, file: number): void {
    const known = this.files.get(key);
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
    this.files.set(key, files);
    this.add(key);
  }
}

/** The files read under one key, and the last one (most reads repeat it). */
class FilesRead extends Set<number> {
  last = ANY_FILE - 1;
}

/** A stack of frames: each read is recorded in the innermost frame, which is merged into its parent when it ends. */
export class DependencyRecorder {
  private readonly stack: DependencyRecord[] = [];
  private top: DependencyRecord | undefined;
  /** The proxy of each array or element of the facts (recordingFacts), by the key it records under. */
  readonly proxies = new WeakMap<object, { base: string; proxy: object; file: number }>();
  /** Proxy handlers by key prefix, shared by every object recorded under it. */
  readonly handlers = new Map<string, ProxyHandler<object>>();
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
      // A finished record never changes: merging it again adds nothing.
      if (top.merged?.has(record)) return;
      (top.merged ??= new WeakSet()).add(record);
      for (const [field, files] of record.files) for (const f of files) top.addRead(field, f);
    }
    for (const k of record) top.add(k);
  }

  /** Runs `compute` in a new frame; its keys also go to the enclosing frame. */
  run<T>(compute: () => T): { value: T; deps: DependencyRecord } {
    const frame = new DependencyRecord();
    this.push(frame);
    try {
      return { value: compute(), deps: frame };
    } finally {
      this.pop();
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

/**
 * The FileReads of a record, over a run of `fileCount` files, of which `kindSizes` has of each kind
 * of facts: a key read of every file of its kind is stored as read of any file (the same answer,
 * without a bitmap).
 */
export function fileReadsOf(record: DependencyRecord, fileCount: number, kindSizes?: ReadonlyMap<string, number>): FileReads {
  const sets: string[] = [];
  const ids = new Map<string, number>();
  const keys: Record<string, number> = {};
  const bytes = new Uint8Array(Math.ceil(fileCount / 8));
  for (const key of [...record.files.keys()].sort()) {
    const files = record.files.get(key)!;
    bytes.fill(0);
    let any = files.size === kindSizes?.get(key.slice(0, key.indexOf('#')));
    if (!any) {
      for (const f of files) {
        if (f < 0 || f >= fileCount) any = true;
        else bytes[f >> 3]! |= 1 << (f & 7);
      }
    }
    if (any) {
      keys[key] = ANY_FILE;
      continue;
    }
    const text = Buffer.from(bytes).toString('base64');
    let id = ids.get(text);
    if (id === undefined) {
      id = sets.length;
      ids.set(text, id);
      sets.push(text);
    }
    keys[key] = id;
  }
  return { sets, keys };
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
  const sets: string[] = [];
  const ids = new Map<string, number>();
  const keys: Record<string, number> = {};
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
    if (any) {
      keys[key] = ANY_FILE;
      continue;
    }
    const text = Buffer.from(bytes).toString('base64');
    let id = ids.get(text);
    if (id === undefined) {
      id = sets.length;
      ids.set(text, id);
      sets.push(text);
    }
    keys[key] = id;
  }
  return { sets, keys };
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
const derivedFromFacts = new WeakMap<object, Map<string, { value: unknown; deps?: Set<string> }>>();

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
  byKey.set(key, { value, deps });
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
  return new Proxy(facts, factsHandler(`${kind}#`, recorder, file)) as F;
}

function factsHandler(prefix: string, recorder: DependencyRecorder, file: number): ProxyHandler<object> {
  const all = `${prefix}*`;
  return {
    get(target, prop, receiver) {
      if (prop === RECORDER) return recorder;
      const value = Reflect.get(target, prop, receiver) as unknown;
      if (typeof prop !== 'string' || prop === 'kind') return value;
      const base = recorder.key(prefix, prop);
      if (!Array.isArray(value)) {
        recorder.record(base, file);
        return value;
      }
      recorder.record(recorder.key(base, '/#'), file);
      return wrap(value, base, recorder, arrayHandler, file);
    },
    has(target, prop) {
      if (typeof prop === 'string' && prop !== 'kind') recorder.record(recorder.key(prefix, prop), file);
      return Reflect.has(target, prop);
    },
    ownKeys(target) {
      recorder.record(all, file);
      return Reflect.ownKeys(target);
    },
    getOwnPropertyDescriptor(target, prop) {
      if (typeof prop === 'string' && prop !== 'kind') recorder.record(recorder.key(prefix, prop), file);
      return Reflect.getOwnPropertyDescriptor(target, prop);
    },
  };
}

/** The proxy of an array or element of the facts of file `file`, recorded under `base`, made once per object. */
function wrap<T extends object>(target: T, base: string, recorder: DependencyRecorder, handlerOf: (base: string, recorder: DependencyRecorder) => ProxyHandler<object>, file: number): T {
  const known = recorder.proxies.get(target);
  if (known?.base === base) return known.proxy as T;
  const proxy = new Proxy(target, handlerOf(base, recorder)) as T;
  // An object reachable under two keys gets a proxy for each (the first stays cached); either way
  // it is of one file, which the shared handlers find by the target.
  if (!known) recorder.proxies.set(target, { base, proxy, file });
  return proxy;
}

/** The file of an array or element of facts (wrap). */
function fileOf(recorder: DependencyRecorder, target: object): number {
  return recorder.proxies.get(target)?.file ?? ANY_FILE;
}

function arrayHandler(base: string, recorder: DependencyRecorder): ProxyHandler<object> {
  const id = `[]${base}`;
  const known = recorder.handlers.get(id);
  if (known) return known;
  const handler: ProxyHandler<object> = {
    get(target, prop, receiver) {
      if (prop === RECORDER) return recorder;
      const value = Reflect.get(target, prop, receiver) as unknown;
      if (typeof prop !== 'string' || !isIndex(prop)) return value;
      const file = fileOf(recorder, target);
      if (!isPlainObject(value)) {
        recorder.record(base, file);
        return value;
      }
      return wrap(value, base, recorder, elementHandler, file);
    },
    ownKeys(target) {
      recorder.record(base, fileOf(recorder, target));
      return Reflect.ownKeys(target);
    },
    getOwnPropertyDescriptor(target, prop) {
      if (typeof prop === 'string' && isIndex(prop)) recorder.record(base, fileOf(recorder, target));
      return Reflect.getOwnPropertyDescriptor(target, prop);
    },
  };
  recorder.handlers.set(id, handler);
  return handler;
}

function elementHandler(base: string, recorder: DependencyRecorder): ProxyHandler<object> {
  const id = `{}${base}`;
  const known = recorder.handlers.get(id);
  if (known) return known;
  const prefix = `${base}/`;
  const handler: ProxyHandler<object> = {
    get(target, prop, receiver) {
      if (prop === RECORDER) return recorder;
      if (typeof prop === 'string') recorder.record(recorder.key(prefix, prop), fileOf(recorder, target));
      return Reflect.get(target, prop, receiver) as unknown;
    },
    has(target, prop) {
      if (typeof prop === 'string') recorder.record(recorder.key(prefix, prop), fileOf(recorder, target));
      return Reflect.has(target, prop);
    },
    ownKeys(target) {
      recorder.record(base, fileOf(recorder, target));
      return Reflect.ownKeys(target);
    },
    getOwnPropertyDescriptor(target, prop) {
      if (typeof prop === 'string') recorder.record(recorder.key(prefix, prop), fileOf(recorder, target));
      return Reflect.getOwnPropertyDescriptor(target, prop);
    },
  };
  recorder.handlers.set(id, handler);
  return handler;
}

function isIndex(prop: string): boolean {
  const c = prop.charCodeAt(0);
  return c >= 48 && c <= 57 && String(Number(prop) >>> 0) === prop;
}
