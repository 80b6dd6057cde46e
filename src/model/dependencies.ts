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
  /** The proxy of each array or element of the facts (recordingFacts), by the key it records under. */
  readonly proxies = new WeakMap<object, { base: string; proxy: object }>();

  record(key: string): void {
    this.stack[this.stack.length - 1]?.add(key);
  }

  merge(keys: Iterable<string>): void {
    const top = this.stack[this.stack.length - 1];
    if (top) for (const k of keys) top.add(k);
  }

  /** Runs `compute` in a new frame; its keys also go to the enclosing frame. */
  run<T>(compute: () => T): { value: T; deps: Set<string> } {
    const frame = new Set<string>();
    this.stack.push(frame);
    try {
      return { value: compute(), deps: frame };
    } finally {
      this.stack.pop();
      this.merge(frame);
    }
  }

  /** Runs `compute` with its reads recorded into `frame` only (not into the enclosing frame). */
  runInto<T>(frame: Set<string>, compute: () => T): T {
    this.stack.push(frame);
    try {
      return compute();
    } finally {
      this.stack.pop();
    }
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
  const proxy = new Proxy(facts, {
    get(target, prop, receiver) {
      const value = Reflect.get(target, prop, receiver) as unknown;
      if (typeof prop !== 'string' || prop === 'kind') return value;
      const base = `${kind}#${prop}`;
      if (!Array.isArray(value)) {
        recorder.record(base);
        return value;
      }
      recorder.record(`${base}/#`);
      return arrayProxy(value, base, recorder);
    },
    has(target, prop) {
      if (typeof prop === 'string' && prop !== 'kind') recorder.record(`${kind}#${prop}`);
      return Reflect.has(target, prop);
    },
    ownKeys(target) {
      recorder.record(`${kind}#*`);
      return Reflect.ownKeys(target);
    },
    getOwnPropertyDescriptor(target, prop) {
      if (typeof prop === 'string' && prop !== 'kind') recorder.record(`${kind}#${prop}`);
      return Reflect.getOwnPropertyDescriptor(target, prop);
    },
  });
  recorderOf.set(proxy, recorder);
  return proxy;
}

function arrayProxy(array: unknown[], base: string, recorder: DependencyRecorder): unknown[] {
  const known = recorder.proxies.get(array);
  if (known?.base === base) return known.proxy as unknown[];
  const proxy = new Proxy(array, {
    get(target, prop, receiver) {
      const value = Reflect.get(target, prop, receiver) as unknown;
      if (typeof prop !== 'string' || !isIndex(prop)) return value;
      if (!isPlainObject(value)) {
        recorder.record(base);
        return value;
      }
      return elementProxy(value, base, recorder);
    },
    ownKeys(target) {
      recorder.record(base);
      return Reflect.ownKeys(target);
    },
    getOwnPropertyDescriptor(target, prop) {
      if (typeof prop === 'string' && isIndex(prop)) recorder.record(base);
      return Reflect.getOwnPropertyDescriptor(target, prop);
    },
  });
  // An object reachable under two keys gets a proxy for each (the first stays cached).
  if (!known) recorder.proxies.set(array, { base, proxy });
  recorderOf.set(proxy, recorder);
  return proxy;
}

function elementProxy(element: Record<string, unknown>, base: string, recorder: DependencyRecorder): Record<string, unknown> {
  const known = recorder.proxies.get(element);
  if (known?.base === base) return known.proxy as Record<string, unknown>;
  const proxy = new Proxy(element, {
    get(target, prop, receiver) {
      if (typeof prop === 'string') recorder.record(`${base}/${prop}`);
      return Reflect.get(target, prop, receiver) as unknown;
    },
    has(target, prop) {
      if (typeof prop === 'string') recorder.record(`${base}/${prop}`);
      return Reflect.has(target, prop);
    },
    ownKeys(target) {
      recorder.record(base);
      return Reflect.ownKeys(target);
    },
    getOwnPropertyDescriptor(target, prop) {
      if (typeof prop === 'string') recorder.record(`${base}/${prop}`);
      return Reflect.getOwnPropertyDescriptor(target, prop);
    },
  });
  if (!known) recorder.proxies.set(element, { base, proxy });
  recorderOf.set(proxy, recorder);
  return proxy;
}

function isIndex(prop: string): boolean {
  const c = prop.charCodeAt(0);
  return c >= 48 && c <= 57 && String(Number(prop) >>> 0) === prop;
}
