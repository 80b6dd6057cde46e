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
// Keys are per kind, not per file: a rule that read `envReads` of one TS file is recomputed when
// any TS file's `envReads` changes. Coarser than needed, never stale, and a record stays a handful
// of keys whatever the size of the tree. Elements' properties are told apart so that lines
// inserted above a file's imports (their `line` changes) do not recompute what reads only their
// `specifier` (the import graph, the roles).

export const ROLES_DEPENDENCY = '@roles';

/** A stack of frames: each read is recorded in the innermost frame, which is merged into its parent when it ends. */
export class DependencyRecorder {
  private readonly stack: Set<string>[] = [];
  private top: Set<string> | undefined;
  /** The proxy of each array or element of the facts (recordingFacts), by the key it records under. */
  readonly proxies = new WeakMap<object, { base: string; proxy: object }>();
  /** Proxy handlers by key prefix, shared by every object recorded under it. */
  readonly handlers = new Map<string, ProxyHandler<object>>();
  private readonly keys = new Map<string, Map<string, string>>();

  record(key: string): void {
    this.top?.add(key);
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

  merge(keys: Iterable<string>): void {
    const top = this.top;
    if (top && top !== keys) for (const k of keys) top.add(k);
  }

  /** Runs `compute` in a new frame; its keys also go to the enclosing frame. */
  run<T>(compute: () => T): { value: T; deps: Set<string> } {
    const frame = new Set<string>();
    this.push(frame);
    try {
      return { value: compute(), deps: frame };
    } finally {
      this.pop();
      this.merge(frame);
    }
  }

  /** Runs `compute` with its reads recorded into `frame` only (not into the enclosing frame). */
  runInto<T>(frame: Set<string>, compute: () => T): T {
    this.push(frame);
    try {
      return compute();
    } finally {
      this.pop();
    }
  }

  private push(frame: Set<string>): void {
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

/** The recorder of each facts proxy (recordingFacts), for values derived from facts outside the model. */
const recorderOf = new WeakMap<object, DependencyRecorder>();
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
  const recorder = recorderOf.get(facts);
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
 * The facts seen through proxies that record what is read (the keys above): a top-level field, or
 * for an array field, its length and each property read on its elements. `kind` is not recorded:
 * the kind of every file is part of what the engine compares before reusing anything.
 */
export function recordingFacts<F extends object>(facts: F, kind: string, recorder: DependencyRecorder): F {
  const proxy = new Proxy(facts, factsHandler(`${kind}#`, recorder)) as F;
  recorderOf.set(proxy, recorder);
  return proxy;
}

function factsHandler(prefix: string, recorder: DependencyRecorder): ProxyHandler<object> {
  const known = recorder.handlers.get(prefix);
  if (known) return known;
  const all = `${prefix}*`;
  const handler: ProxyHandler<object> = {
    get(target, prop, receiver) {
      const value = Reflect.get(target, prop, receiver) as unknown;
      if (typeof prop !== 'string' || prop === 'kind') return value;
      const base = recorder.key(prefix, prop);
      if (!Array.isArray(value)) {
        recorder.record(base);
        return value;
      }
      recorder.record(recorder.key(base, '/#'));
      return wrap(value, base, recorder, arrayHandler);
    },
    has(target, prop) {
      if (typeof prop === 'string' && prop !== 'kind') recorder.record(recorder.key(prefix, prop));
      return Reflect.has(target, prop);
    },
    ownKeys(target) {
      recorder.record(all);
      return Reflect.ownKeys(target);
    },
    getOwnPropertyDescriptor(target, prop) {
      if (typeof prop === 'string' && prop !== 'kind') recorder.record(recorder.key(prefix, prop));
      return Reflect.getOwnPropertyDescriptor(target, prop);
    },
  };
  recorder.handlers.set(prefix, handler);
  return handler;
}

/** The proxy of an array or element recorded under `base`, made once per object. */
function wrap<T extends object>(target: T, base: string, recorder: DependencyRecorder, handlerOf: (base: string, recorder: DependencyRecorder) => ProxyHandler<object>): T {
  const known = recorder.proxies.get(target);
  if (known?.base === base) return known.proxy as T;
  const proxy = new Proxy(target, handlerOf(base, recorder)) as T;
  // An object reachable under two keys gets a proxy for each (the first stays cached).
  if (!known) recorder.proxies.set(target, { base, proxy });
  recorderOf.set(proxy, recorder);
  return proxy;
}

function arrayHandler(base: string, recorder: DependencyRecorder): ProxyHandler<object> {
  const id = `[]${base}`;
  const known = recorder.handlers.get(id);
  if (known) return known;
  const handler: ProxyHandler<object> = {
    get(target, prop, receiver) {
      const value = Reflect.get(target, prop, receiver) as unknown;
      if (typeof prop !== 'string' || !isIndex(prop)) return value;
      if (!isPlainObject(value)) {
        recorder.record(base);
        return value;
      }
      return wrap(value, base, recorder, elementHandler);
    },
    ownKeys(target) {
      recorder.record(base);
      return Reflect.ownKeys(target);
    },
    getOwnPropertyDescriptor(target, prop) {
      if (typeof prop === 'string' && isIndex(prop)) recorder.record(base);
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
      if (typeof prop === 'string') recorder.record(recorder.key(prefix, prop));
      return Reflect.get(target, prop, receiver) as unknown;
    },
    has(target, prop) {
      if (typeof prop === 'string') recorder.record(recorder.key(prefix, prop));
      return Reflect.has(target, prop);
    },
    ownKeys(target) {
      recorder.record(base);
      return Reflect.ownKeys(target);
    },
    getOwnPropertyDescriptor(target, prop) {
      if (typeof prop === 'string') recorder.record(recorder.key(prefix, prop));
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
