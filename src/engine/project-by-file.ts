// A cross-file rule in its per-file form (ProjectCheckByFile, src/rule-api/types.ts) run with a
// record of what each file's step read, so that the next run recomputes only the partials whose
// reads changed and then combines every file's partial again (ESLint's map/reduce over files).
//
// What the shared values read is recorded once, in a record of its own; a file's record keeps only
// what is not in it: the keys it read of the file's own facts (and the roles), and the files it read
// under other keys (the package.json that governs it), each kept once in a table that the files name
// by index, so the stored records stay small whatever the number of files. A change
// that meets the shared record recomputes every partial; otherwise a partial is recomputed when a
// changed key of its own file meets its keys, or a changed key of another file meets what it read
// of that file. A partial is stored in the cache index: the form is dropped
// (the rule then runs whole on the next change) when one may hold a secret.

import { addFileReads, ANY_FILE, DependencyRecord, dependsOn, fileReadsOf, keyMeets, meets, type Change, type DependencyRecorder, type FileReads } from '../model/dependencies.js';
import type { ProjectModel } from '../model/project-model.js';
import { storedPartial, type ProjectCheckByFile, type ProjectContext } from '../rule-api/types.js';
import type { Timings } from './timing.js';

/**
 * The stored per-file form of a rule's run: what the shared values read, and for each file checked
 * (in the model's order of its kind) its partial and what its step read beyond the shared values.
 */
export interface ByFileRecords {
  sharedDeps: string[];
  sharedReads: FileReads;
  /** Lists of keys a file's step read of its own facts (and keys not of facts, like the roles), named by index. */
  keySets: string[][];
  /** What a file's step read of other files: key to their indexes (ANY_FILE for any), named by index. */
  otherSets: Array<Record<string, number[]>>;
  files: ByFileEntry[];
}

/**
 * One file: its index in the run's list of files, the keySets index of what it read of its own
 * facts, its partial (null when it added none), and the otherSets index of what it read of other
 * files' facts, when it did.
 */
export type ByFileEntry = [index: number, keySet: number, partial: unknown, otherSet?: number];

/** Whether a value is ByFileRecords as stored (the cache index is checked before use). */
export function isByFileRecords(v: unknown): v is ByFileRecords {
  if (typeof v !== 'object' || v === null) return false;
  const r = v as Record<string, unknown>;
  const strings = (a: unknown): a is string[] => Array.isArray(a) && a.every((s) => typeof s === 'string');
  const ints = (a: unknown): a is number[] => Array.isArray(a) && a.every((n) => Number.isInteger(n));
  if (!strings(r.sharedDeps) || !Array.isArray(r.keySets) || !r.keySets.every(strings) || !Array.isArray(r.otherSets) || !Array.isArray(r.files)) return false;
  if (!r.otherSets.every((o: unknown) => typeof o === 'object' && o !== null && !Array.isArray(o) && Object.values(o).every(ints))) return false;
  const reads = r.sharedReads as Record<string, unknown> | null;
  if (typeof reads !== 'object' || reads === null || !strings(reads.sets) || typeof reads.keys !== 'object' || reads.keys === null || !Object.values(reads.keys).every((n) => Number.isInteger(n))) return false;
  const within = (n: unknown, size: number) => Number.isInteger(n) && (n as number) >= 0 && (n as number) < size;
  const keySets = r.keySets.length;
  const otherSets = r.otherSets.length;
  return r.files.every((e: unknown) => Array.isArray(e) && (e.length === 3 || (e.length === 4 && within(e[3], otherSets))) && Number.isInteger(e[0]) && within(e[1], keySets));
}

/** Whether what a stored file's step read meets the change. */
function entryMeets(entry: ByFileEntry, records: ByFileRecords, change: Change): boolean {
  const [index, keySet, , otherSet] = entry;
  const keys = records.keySets[keySet]!;
  const others = otherSet === undefined ? undefined : records.otherSets[otherSet];
  // Keys not of facts (the roles) are not per file: the change's keys alone decide.
  if (dependsOn(
    keys.filter((k) => !k.includes('#')),
    change.keys,
  ))
    return true;
  for (const f of change.files) {
    if (f.index === index && keys.some((k) => k.includes('#') && f.keys.some((c) => keyMeets(k, c)))) return true;
    if (!others) continue;
    for (const [k, files] of Object.entries(others)) {
      if ((files.includes(f.index) || files.includes(ANY_FILE)) && f.keys.some((c) => keyMeets(k, c))) return true;
    }
  }
  return false;
}

/**
 * Runs a rule's per-file form with its reads recorded (into the recorder's current frame as well,
 * which is the rule's record as a whole), reporting through `ctx`. `previous` is what the last run
 * stored and `change` what changed since: the partials whose reads the change does not meet are
 * reused. Returns the records to store, or undefined when a partial may hold a secret.
 */
export function runProjectCheckByFile(input: {
  check: ProjectCheckByFile<unknown, unknown, string>;
  model: ProjectModel;
  ctx: ProjectContext<string>;
  recorder: DependencyRecorder;
  /** Each file's index in the run's list of files. */
  fileIndex: ReadonlyMap<string, number>;
  fileSet: { count: number; kindSizes: ReadonlyMap<string, number> };
  previous?: { records: ByFileRecords; change: Change };
  /** Whether a partial may hold a secret (the cache's screen): then nothing is returned to store. */
  mayHoldSecret: (partial: unknown) => boolean;
  /** Counts the partials computed (`count:` bucket), for tests and TIMING. */
  timings?: Timings;
  id: string;
}): ByFileRecords | undefined {
  const { check, model, recorder } = input;
  const shared = new DependencyRecord();
  const previous = input.previous && !meets(input.previous.records.sharedDeps, input.previous.records.sharedReads, input.previous.change) ? input.previous : undefined;
  if (previous) {
    // The shared values read what they read last time; those computed again below add the same reads.
    for (const k of previous.records.sharedDeps) shared.add(k);
    addFileReads(shared, previous.records.sharedReads);
  }
  const once = <T>(compute: () => T): (() => T) => {
    let value: T | undefined;
    let done = false;
    return () => {
      if (!done) {
        value = recorder.runInto(shared, compute);
        done = true;
      }
      return value!;
    };
  };
  const values = recorder.runInto(shared, () => check.shared(model, once));
  const stored = previous ? new Map(previous.records.files.map((e) => [e[0], e])) : undefined;
  const partials: unknown[] = [];
  const entries: Array<ByFileEntry | { index: number; partial: unknown; reads: DependencyRecord }> = [];
  let computed = 0;
  for (const file of model.ofKind(check.kind)) {
    const index = input.fileIndex.get(file.path) ?? ANY_FILE;
    const old = stored?.get(index);
    if (old && !entryMeets(old, previous!.records, previous!.change)) {
      entries.push(old);
      if (old[2] !== null) partials.push(old[2]);
      continue;
    }
    const { value, deps } = recorder.run(() => check.checkFile(file, values, model));
    computed++;
    const partial = value === undefined ? null : storedPartial(value);
    if (partial !== null) partials.push(partial);
    entries.push({ index, partial, reads: deps });
  }
  input.timings?.add(`count:files:${input.id}`, computed);
  check.combine(partials, input.ctx);
  // The rule's record as a whole holds what the shared values read.
  recorder.merge(shared);

  const keySets: string[][] = [];
  const keySetIds = new Map<string, number>();
  const otherSets: Array<Record<string, number[]>> = [];
  const otherSetIds = new Map<string, number>();
  // Kept entries name the stored tables' rows by index: they stay where they are.
  for (const keys of previous?.records.keySets ?? []) {
    keySetIds.set(keys.join('\n'), keySets.length);
    keySets.push(keys);
  }
  for (const others of previous?.records.otherSets ?? []) {
    otherSetIds.set(JSON.stringify(others), otherSets.length);
    otherSets.push(others);
  }
  const files: ByFileEntry[] = [];
  for (const e of entries) {
    if (Array.isArray(e)) {
      files.push(e);
      continue;
    }
    if (e.partial !== null && input.mayHoldSecret(e.partial)) return undefined;
    const own: string[] = [];
    const others: Record<string, number[]> = {};
    for (const key of e.reads) {
      const read = e.reads.files.get(key);
      const sharedRead = shared.files.get(key);
      if (!read) {
        if (!shared.has(key)) own.push(key);
        continue;
      }
      // A key the shared values read without a known file, or of any file, covers every file's read.
      if (shared.has(key) && (!sharedRead || sharedRead.has(ANY_FILE))) continue;
      let ownRead = false;
      const rest: number[] = [];
      for (const f of read) {
        if (sharedRead?.has(f)) continue;
        if (f === e.index) ownRead = true;
        else rest.push(f);
      }
      if (ownRead) own.push(key);
      if (rest.length > 0) others[key] = rest.sort((a, b) => a - b);
    }
    own.sort();
    const name = own.join('\n');
    let id = keySetIds.get(name);
    if (id === undefined) {
      id = keySets.length;
      keySetIds.set(name, id);
      keySets.push(own);
    }
    const otherKeys = Object.keys(others).sort();
    if (otherKeys.length === 0) {
      files.push([e.index, id, e.partial]);
      continue;
    }
    const sorted = Object.fromEntries(otherKeys.map((k) => [k, others[k]!]));
    const text = JSON.stringify(sorted);
    let otherId = otherSetIds.get(text);
    if (otherId === undefined) {
      otherId = otherSets.length;
      otherSetIds.set(text, otherId);
      otherSets.push(sorted);
    }
    files.push([e.index, id, e.partial, otherId]);
  }
  return { sharedDeps: [...shared].sort(), sharedReads: fileReadsOf(shared, input.fileSet.count, input.fileSet.kindSizes), keySets, otherSets, files };
}
