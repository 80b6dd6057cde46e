import { describe, expect, it } from 'vitest';
import { addFileReads, ANY_FILE, changedKeys, DependencyRecord, DependencyRecorder, dependsOn, fileReadsOf, fileReadsWith, meets, recordingFacts, ROLES_DEPENDENCY, type Change } from './dependencies.js';
import { decideRole } from './file-role.js';
import { FACT_KINDS } from '../discovery/file-kinds.js';
import type { FileFacts } from '../parsing/facts.js';

const facts = () => ({
  kind: 'ts',
  hasTopLevelCall: true,
  imports: [
    { specifier: './a.js', line: 1, column: 1 },
    { specifier: 'express', line: 2, column: 1 },
  ],
  bundlerAliases: ['@'],
});

describe('dependency records', () => {
  it('records the fields read, and for array fields their length and the properties read on their elements', () => {
    const recorder = new DependencyRecorder();
    const { deps } = recorder.run(() => {
      const f = recordingFacts(facts(), 'ts', recorder);
      void f.kind;
      for (const imp of f.imports) void imp.specifier;
      void f.hasTopLevelCall;
    });
    expect([...deps].sort()).toEqual(['ts#hasTopLevelCall', 'ts#imports/#', 'ts#imports/specifier']);
  });

  it('records the whole field or the whole facts when they are enumerated or serialised', () => {
    const recorder = new DependencyRecorder();
    const f = recordingFacts(facts(), 'ts', recorder);
    expect([...recorder.run(() => JSON.stringify(f.imports)).deps]).toContain('ts#imports');
    expect([...recorder.run(() => ({ ...f.imports[0] })).deps]).toContain('ts#imports');
    expect([...recorder.run(() => f.bundlerAliases[0]).deps]).toContain('ts#bundlerAliases');
    expect([...recorder.run(() => Object.keys(f)).deps]).toContain('ts#*');
  });

  it('a frame ends in its parent; a value read again merges what it read', () => {
    const recorder = new DependencyRecorder();
    const f = recordingFacts(facts(), 'ts', recorder);
    const outer = recorder.run(() => {
      const inner = recorder.run(() => f.hasTopLevelCall);
      expect([...inner.deps]).toEqual(['ts#hasTopLevelCall']);
      recorder.merge(['@roles']);
    });
    expect([...outer.deps].sort()).toEqual(['@roles', 'ts#hasTopLevelCall']);
  });

  it('lines inserted above change positions only: what reads specifiers does not depend on them', () => {
    const before = facts();
    const after = { ...facts(), imports: before.imports.map((i) => ({ ...i, line: i.line + 1 })) };
    const changed = new Set(changedKeys('ts', before, after));
    expect([...changed].sort()).toEqual(['ts#imports', 'ts#imports/line']);
    expect(dependsOn(['ts#imports/#', 'ts#imports/specifier'], changed)).toBe(false);
    expect(dependsOn(['ts#imports/line'], changed)).toBe(true);
    expect(dependsOn(['ts#imports'], changed)).toBe(true);
    expect(dependsOn(['ts#*'], changed)).toBe(true);
    expect(dependsOn(['dockerfile#*', 'ts#envReads'], changed)).toBe(false);
  });

  it('an element added changes the length and stands for every property', () => {
    const before = facts();
    const after = { ...facts(), imports: [...before.imports, { specifier: 'x', line: 3, column: 1 }] };
    const changed = new Set(changedKeys('ts', before, after));
    expect(dependsOn(['ts#imports/#'], changed)).toBe(true);
    expect(dependsOn(['ts#imports/specifier'], changed)).toBe(true);
    expect(dependsOn(['ts#hasTopLevelCall'], changed)).toBe(false);
    expect(dependsOn(['ts#hasTopLevelCall'], new Set(['ts#*']))).toBe(true);
  });
});

describe('what the model loads for roles', () => {
  // ProjectModel.baseRole loads the facts of compose files and Dockerfiles only for decideRole: the role of a file
  // of any other kind of facts must not depend on its facts.
  it('decideRole reads no facts but those of compose files and Dockerfiles (their header comments)', () => {
    for (const kind of Object.keys(FACT_KINDS)) {
      if (kind === 'compose' || kind === 'dockerfile') continue;
      for (const file of ['docker-compose.dev.yml', 'deploy/prod/app.yaml', 'scripts/run.ts', 'src/server.ts', 'Dockerfile.dev', 'test/x.ts']) {
        const facts = new Proxy({ kind } as unknown as FileFacts, {
          get: (target, prop) => {
            if (prop === 'kind') return kind;
            throw new Error(`decideRole read ${String(prop)} of ${kind} facts`);
          },
        });
        expect(decideRole(file, facts), `${kind} ${file}`).toEqual(decideRole(file, undefined));
      }
    }
  });
});

describe('which files a record read', () => {
  // Three TS files (indexes 0, 1, 2); a part reads the imports of file 0 and the top-level call of every one.
  const record = () => {
    const recorder = new DependencyRecorder();
    const files = [0, 1, 2].map((i) => recordingFacts(facts(), 'ts', recorder, i));
    const { deps } = recorder.run(() => {
      for (const f of files) void f.hasTopLevelCall;
      return files[0]!.imports.map((i) => i.specifier);
    });
    return { deps: [...deps].sort(), reads: fileReadsOf(deps, 3, new Map([['ts', 3]])) };
  };
  const change = (index: number, keys: string[]): Change => ({ keys: new Set(keys), files: [{ index, keys }] });

  it('a change counts for a record that read that field of that file only', () => {
    const { deps, reads } = record();
    expect(reads.keys['ts#hasTopLevelCall']).toBe(-1); // every TS file: any file
    expect(meets(deps, reads, change(0, ['ts#imports', 'ts#imports/specifier']))).toBe(true);
    expect(meets(deps, reads, change(1, ['ts#imports', 'ts#imports/specifier']))).toBe(false);
    expect(meets(deps, reads, change(2, ['ts#hasTopLevelCall']))).toBe(true);
    // The facts of a file as a whole (one side unknown), and records stored without FileReads: the keys decide.
    expect(meets(deps, reads, change(1, ['ts#*']))).toBe(true);
    expect(meets(deps, undefined, change(1, ['ts#imports', 'ts#imports/specifier']))).toBe(true);
  });

  // An open record keeps a key's files in a Set while they are few, then in a bitmap; a closed one in an array.
  it('many files read under one key, in any order and again, with a read of any file: the same files open, closed and opened again', () => {
    const recorder = new DependencyRecorder();
    const order = [...Array.from({ length: 300 }, (_, i) => (i * 37) % 300), 5, 299, 0];
    const files = Array.from({ length: 300 }, (_, i) => recordingFacts(facts(), 'ts', recorder, i));
    const unknown = recordingFacts(facts(), 'ts', recorder);
    const { deps } = recorder.run(() => {
      for (const i of order.slice(0, 100)) void files[i]!.hasTopLevelCall;
      void unknown.hasTopLevelCall;
      for (const i of order.slice(100)) void files[i]!.hasTopLevelCall;
      void files[7]!.imports[1]!.line;
    });
    const all = [ANY_FILE, ...Array.from({ length: 300 }, (_, i) => i)];
    expect([...deps.filesOf('ts#hasTopLevelCall')!]).toEqual(all);
    expect(deps.filesOf('ts#hasTopLevelCall')!.has(300)).toBe(false);
    expect(deps.filesOf('ts#hasTopLevelCall')!.has(ANY_FILE)).toBe(true);
    expect([...deps.filesOf('ts#imports/line')!]).toEqual([7]);
    expect(fileReadsOf(deps, 301).keys['ts#hasTopLevelCall']).toBe(ANY_FILE);
    const bits = Buffer.from(fileReadsOf(deps, 301).sets[fileReadsOf(deps, 301).keys['ts#imports/#']!]!, 'base64');
    expect(bits[0]).toBe(1 << 7);
    // Opened again by a read, it keeps what it had.
    deps.addRead('ts#imports/line', 3);
    expect([...deps.filesOf('ts#imports/line')!].sort((a, b) => a - b)).toEqual([3, 7]);
    expect(new Set([...deps.filesOf('ts#hasTopLevelCall')!])).toEqual(new Set(all));
    expect([...deps].sort()).toEqual(['ts#hasTopLevelCall', 'ts#imports/#', 'ts#imports/line']);
  });

  it('a role that changed counts for every record that read roles; an element read in another record than its field is of its file', () => {
    expect(meets([ROLES_DEPENDENCY], { sets: [], keys: {} }, { keys: new Set([ROLES_DEPENDENCY]), files: [] })).toBe(true);
    const recorder = new DependencyRecorder();
    const element = recorder.run(() => recordingFacts(facts(), 'ts', recorder, 0).imports[0]!).value;
    // The element, held from another record, is read in this one: its file is known all the same.
    const { deps } = recorder.run(() => element.line);
    const reads = fileReadsOf(deps, 3);
    expect([...deps]).toEqual(['ts#imports/line']);
    expect(meets([...deps], reads, change(2, ['ts#imports', 'ts#imports/line']))).toBe(false);
    expect(meets([...deps], reads, change(0, ['ts#imports', 'ts#imports/line']))).toBe(true);
  });
});

describe('a stored record joined to a new one', () => {
  // Records over 21 files (13 TS, 8 package.json) read at random, with files of any kind and read of every file.
  const randomRecord = (seed: number): DependencyRecord => {
    let state = seed;
    const next = (n: number) => {
      state = (state * 1103515245 + 12345) % 2147483648;
      return state % n;
    };
    const record = new DependencyRecord();
    for (const key of ['ts#imports/line', 'ts#envReads', 'ts#hasTopLevelCall', 'package-json#dependencies/name']) {
      const roll = next(5);
      if (roll === 0) continue;
      if (roll === 1) record.addRead(key, ANY_FILE);
      const count = key.startsWith('ts') ? 13 : 8;
      const offset = key.startsWith('ts') ? 0 : 13;
      for (let i = 0, n = roll === 4 ? count : next(count); i < n; i++) record.addRead(key, offset + (roll === 4 ? i : next(count)));
    }
    if (next(2) === 0) record.add(ROLES_DEPENDENCY);
    return record;
  };
  const kindSizes = new Map([['ts', 13], ['package-json', 8]]);

  it('fileReadsWith gives what fileReadsOf gives after addFileReads', () => {
    for (let seed = 1; seed < 200; seed++) {
      const stored = fileReadsOf(randomRecord(seed * 7), 21, kindSizes);
      const fresh = randomRecord(seed * 13 + 1);
      const decoded = new DependencyRecord();
      for (const [key, files] of fresh.files) for (const f of files) decoded.addRead(key, f);
      addFileReads(decoded, stored);
      expect(fileReadsWith(fresh, stored, 21, kindSizes), `seed ${seed}`).toEqual(fileReadsOf(decoded, 21, kindSizes));
    }
    expect(fileReadsWith(randomRecord(3), undefined, 21, kindSizes)).toEqual(fileReadsOf(randomRecord(3), 21, kindSizes));
  });
});
