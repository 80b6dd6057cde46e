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
import { storedPartial, type ProjectCheckByFile, type ProjectContext, type SharedValueForm } from '../rule-api/types.js';
import type { Timings } from './timing.js';

/**
 * The stored per-file form of a rule's run: what the shared values read, and for each file checked
 * (by its position in the model's files of the rule's kind, which are the same files in the same
 * order whenever the stored phase is used) what its step read beyond the shared values, and its
 * partial when it returned one.
 */
export interface ByFileRecords {
  sharedDeps: string[];
  sharedReads: FileReads;
  /** Lists of keys a file's step read of its own facts (and keys not of facts, like the roles). */
  keySets: string[][];
  /** What a file's step read of other files: key to their indexes in the run's files (ANY_FILE for any). */
  otherSets: Array<Record<string, number[]>>;
  /** For each file checked: its row of keySets. */
  keySetOf: number[];
  /** For each file checked: its row of otherSets, -1 when it read nothing of other files. */
  otherSetOf: number[];
  /** The partials, by position, in order (a file that returned none has no row). */
  partials: Array<[position: number, partial: unknown]>;
  /** Shared values computed with a SharedValueForm, as it saved them, by its name. */
  values?: Record<string, unknown>;
}

/** Whether a value is ByFileRecords as stored (the cache index is checked before use). */
export function isByFileRecords(v: unknown): v is ByFileRecords {
  if (typeof v !== 'object' || v === null) return false;
  const r = v as Record<string, unknown>;
  const strings = (a: unknown): a is string[] => Array.isArray(a) && a.every((s) => typeof s === 'string');
  const ints = (a: unknown): a is number[] => Array.isArray(a) && a.every((n) => Number.isInteger(n));
  if (r.values !== undefined && (typeof r.values !== 'object' || r.values === null || Array.isArray(r.values))) return false;
  if (!strings(r.sharedDeps) || !Array.isArray(r.keySets) || !r.keySets.every(strings) || !Array.isArray(r.otherSets) || !ints(r.keySetOf) || !ints(r.otherSetOf) || !Array.isArray(r.partials)) return false;
  if (!r.otherSets.every((o: unknown) => typeof o === 'object' && o !== null && !Array.isArray(o) && Object.values(o).every(ints))) return false;
  const reads = r.sharedReads as Record<string, unknown> | null;
  if (typeof reads !== 'object' || reads === null || !strings(reads.sets) || typeof reads.keys !== 'object' || reads.keys === null || !Object.values(reads.keys).every((n) => Number.isInteger(n))) return false;
  const count = r.keySetOf.length;
  const keySets = r.keySets.length;
  const otherSets = r.otherSets.length;
  if (r.otherSetOf.length !== count || !r.keySetOf.every((k) => k >= 0 && k < keySets) || !r.otherSetOf.every((o) => o >= -1 && o < otherSets)) return false;
  let last = -1;
  return r.partials.every((e: unknown) => {
    if (!Array.isArray(e) || e.length !== 2 || !Number.isInteger(e[0]) || (e[0] as number) <= last || (e[0] as number) >= count) return false;
    last = e[0] as number;
    return true;
  });
}

/**
 * Whether what a stored file's step read meets the change, by its rows: the answer for keys not of
 * facts and for the reads of other files depends on the row alone, so it is worked out once per row.
 */
function storedReadsMeeting(records: ByFileRecords, change: Change): (index: number, position: number) => boolean {
  const changedFiles = new Map(change.files.map((f) => [f.index, f.keys]));
  const keySetMeets = new Map<number, boolean>();
  const otherSetMeets = new Map<number, boolean>();
  return (index, position) => {
    const keySet = records.keySetOf[position]!;
    const keys = records.keySets[keySet]!;
    let meetsRow = keySetMeets.get(keySet);
    if (meetsRow === undefined) {
      // Keys not of facts (the roles) are not per file: the change's keys alone decide.
      meetsRow = dependsOn(
        keys.filter((k) => !k.includes('#')),
        change.keys,
      );
      keySetMeets.set(keySet, meetsRow);
    }
    if (meetsRow) return true;
    const own = changedFiles.get(index);
    if (own && keys.some((k) => k.includes('#') && own.some((c) => keyMeets(k, c)))) return true;
    const otherSet = records.otherSetOf[position]!;
    if (otherSet < 0) return false;
    let meetsOthers = otherSetMeets.get(otherSet);
    if (meetsOthers === undefined) {
      const others = Object.entries(records.otherSets[otherSet]!);
      meetsOthers = change.files.some((f) => others.some(([k, files]) => (files.includes(f.index) || files.includes(ANY_FILE)) && f.keys.some((c) => keyMeets(k, c))));
      otherSetMeets.set(otherSet, meetsOthers);
    }
    return meetsOthers;
  };
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
  /** Counts the partials computed, and the stored shared values computed again (`count:` buckets), for tests and TIMING. */
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
  // A value stored by the last run is what computing it again would give: nothing it read changed
  // (what it read is in the shared record kept above).
  const values: Record<string, unknown> = {};
  const once = <T>(compute: () => T, form?: SharedValueForm<T>): (() => T) => {
    let value: T | undefined;
    let done = false;
    return () => {
      if (done) return value!;
      const kept = form && previous?.records.values && Object.hasOwn(previous.records.values, form.name) ? form.load(previous.records.values[form.name], input.mayHoldSecret) : undefined;
      if (kept !== undefined) {
        value = kept;
        values[form!.name] = previous!.records.values![form!.name];
      } else {
        value = recorder.runInto(shared, compute);
        if (form) {
          input.timings?.add(`count:value:${input.id}:${form.name}`, 1);
          const saved = storedPartial(form.save(value, input.mayHoldSecret));
          if (!input.mayHoldSecret(saved)) values[form.name] = saved;
        }
      }
      done = true;
      return value;
    };
  };
  const sharedValues = recorder.runInto(shared, () => check.shared(model, once));
  const files = model.ofKind(check.kind);
  // The stored rows are by position among these files: the same files (the structure key says so).
  const stored = previous && previous.records.keySetOf.length === files.length ? previous.records : undefined;
  const storedPartials = new Map(stored?.partials);
  const storedMeets = stored ? storedReadsMeeting(stored, previous!.change) : undefined;
  const partials: unknown[] = [];
  const rows: Array<{ keySet: number; otherSet: number; partial: unknown } | { index: number; partial: unknown; reads: DependencyRecord }> = [];
  let computed = 0;
  for (const [position, file] of files.entries()) {
    const index = input.fileIndex.get(file.path) ?? ANY_FILE;
    if (stored) {
      const keySet = stored.keySetOf[position]!;
      const otherSet = stored.otherSetOf[position]!;
      if (!storedMeets!(index, position)) {
        const partial = storedPartials.get(position);
        rows.push({ keySet, otherSet, partial: partial ?? null });
        if (partial !== undefined) partials.push(partial);
        continue;
      }
    }
    const { value, deps } = recorder.run(() => check.checkFile(file, sharedValues, model));
    computed++;
    const partial = value === undefined ? null : storedPartial(value);
    if (partial !== null) partials.push(partial);
    rows.push({ index, partial, reads: deps });
  }
  input.timings?.add(`count:files:${input.id}`, computed);
  // What combine reads of the shared values is recorded with them.
  recorder.runInto(shared, () => check.combine(partials, input.ctx, sharedValues));
  // The rule's record as a whole holds what the shared values read.
  recorder.merge(shared);

  const keySets = new RowTable<string[]>();
  const otherSets = new RowTable<Record<string, number[]>>();
  // Kept rows name the stored tables' rows by index: they stay where they are.
  for (const keys of stored?.keySets ?? []) keySets.intern(keys.join('\n'), keys);
  for (const others of stored?.otherSets ?? []) otherSets.intern(JSON.stringify(others), others);
  const keySetOf: number[] = [];
  const otherSetOf: number[] = [];
  const partialRows: Array<[number, unknown]> = [];
  for (const [position, row] of rows.entries()) {
    if (row.partial !== null) partialRows.push([position, row.partial]);
    if (!('reads' in row)) {
      keySetOf.push(row.keySet);
      otherSetOf.push(row.otherSet);
      continue;
    }
    if (row.partial !== null && input.mayHoldSecret(row.partial)) return undefined;
    const own: string[] = [];
    const others: Record<string, number[]> = {};
    for (const key of row.reads) {
      const read = row.reads.filesOf(key);
      const sharedRead = shared.filesOf(key);
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
        if (f === row.index) ownRead = true;
        else rest.push(f);
      }
      if (ownRead) own.push(key);
      if (rest.length > 0) others[key] = rest.sort((a, b) => a - b);
    }
    own.sort();
    keySetOf.push(keySets.intern(own.join('\n'), own));
    const otherKeys = Object.keys(others).sort();
    if (otherKeys.length === 0) {
      otherSetOf.push(-1);
      continue;
    }
    const sorted = Object.fromEntries(otherKeys.map((k) => [k, others[k]!]));
    otherSetOf.push(otherSets.intern(JSON.stringify(sorted), sorted));
  }
  // A value stored by the last run and not asked for in this one stays valid for the next.
  for (const [name, value] of Object.entries(previous?.records.values ?? {})) if (!Object.hasOwn(values, name)) values[name] = value;
  const sortedValues = Object.keys(values).sort();
  return {
    sharedDeps: [...shared].sort(),
    sharedReads: fileReadsOf(shared, input.fileSet.count, input.fileSet.kindSizes),
    keySets: keySets.rows,
    otherSets: otherSets.rows,
    keySetOf,
    otherSetOf,
    partials: partialRows,
    ...(sortedValues.length > 0 ? { values: Object.fromEntries(sortedValues.map((k) => [k, values[k]])) } : {}),
  };
}

/** Rows kept once each, named by their index in `rows`: a row equal to one already there (by its `id` text) gets that one's index. */
class RowTable<T> {
  readonly rows: T[] = [];
  private readonly ids = new Map<string, number>();

  intern(id: string, row: T): number {
    let index = this.ids.get(id);
    if (index === undefined) {
      index = this.rows.length;
      this.ids.set(id, index);
      this.rows.push(row);
    }
    return index;
  }
}
