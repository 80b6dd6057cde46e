// What a derived value of the project model read, so that a cached cross-file result can be reused
// when nothing it read changed (src/engine/audit.ts, the incremental cross-file phase).
//
// A dependency is a string key:
//   `<facts kind>#<field>`  a top-level field of the facts of some file of that kind (`ts#envReads`);
//   `<facts kind>#*`        every field of such facts (the object was enumerated or serialised);
//   ROLES_DEPENDENCY        the role of some file (roleOf, environmentOf, isTest).
// Which files exist, with which kinds, is not recorded: the engine reuses nothing when that changed.
// Keys are per kind, not per file: a rule that read `envReads` of one TS file is recomputed when
// any TS file's `envReads` changes. Coarser than needed, never stale, and a record stays a handful
// of keys whatever the size of the tree.

export const ROLES_DEPENDENCY = '@roles';

/** A stack of frames: each read is recorded in the innermost frame, which is merged into its parent when it ends. */
export class DependencyRecorder {
  private readonly stack: Set<string>[] = [];

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

/** Whether a dependency record meets a set of changed keys (both may hold `<kind>#*`). */
export function dependsOn(deps: Iterable<string>, changed: ReadonlySet<string>): boolean {
  if (changed.size === 0) return false;
  const wildKinds = new Set<string>();
  for (const c of changed) if (c.endsWith('#*')) wildKinds.add(c.slice(0, -2));
  for (const d of deps) {
    if (changed.has(d)) return true;
    const hash = d.indexOf('#');
    if (hash < 0) continue;
    const kind = d.slice(0, hash);
    if (wildKinds.has(kind)) return true;
    if (d.endsWith('#*')) for (const c of changed) if (c.startsWith(`${kind}#`)) return true;
  }
  return false;
}

/**
 * The facts seen through a proxy that records each top-level field read (`kind` excepted: the kind
 * of every file is part of what the engine compares before reusing anything).
 */
export function recordingFacts<F extends object>(facts: F, kind: string, recorder: DependencyRecorder): F {
  const all = `${kind}#*`;
  return new Proxy(facts, {
    get(target, prop, receiver) {
      if (typeof prop === 'string' && prop !== 'kind') recorder.record(`${kind}#${prop}`);
      return Reflect.get(target, prop, receiver) as unknown;
    },
    has(target, prop) {
      if (typeof prop === 'string' && prop !== 'kind') recorder.record(`${kind}#${prop}`);
      return Reflect.has(target, prop);
    },
    ownKeys(target) {
      recorder.record(all);
      return Reflect.ownKeys(target);
    },
    getOwnPropertyDescriptor(target, prop) {
      if (typeof prop === 'string' && prop !== 'kind') recorder.record(`${kind}#${prop}`);
      return Reflect.getOwnPropertyDescriptor(target, prop);
    },
  });
}
