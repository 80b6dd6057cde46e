import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openCache, projectStructureKey } from './cache.js';

// The stored cross-file phase is reused only under the same key: whatever the key leaves out, a run
// would take a stale phase for. Each long list is hashed on its own, so these check the seams.
describe('projectStructureKey', () => {
  const files = [
    { path: 'a/b.ts', kind: 'ts', factsKind: 'ts' },
    { path: 'package.json', kind: 'package-json', factsKind: 'package-json' },
    { path: 'README.md', kind: '', factsKind: '' },
  ];
  const context = { repo: { isGitRepo: true, tags: ['v1'], trackedFiles: ['a/b.ts', 'package.json'] }, settings: { entrypoints: ['a/b.ts'] } };
  const key = projectStructureKey('k', files, context);

  it('is the same for the same structure, whatever the order of object keys', () => {
    expect(projectStructureKey('k', files.map((f) => ({ factsKind: f.factsKind, kind: f.kind, path: f.path })), { settings: { entrypoints: ['a/b.ts'] }, repo: { trackedFiles: ['a/b.ts', 'package.json'], tags: ['v1'], isGitRepo: true } })).toBe(key);
  });

  it('changes with the paths, even when their concatenation does not', () => {
    const two = (a: string, b: string) => projectStructureKey('k', [{ path: a, kind: 'ts', factsKind: 'ts' }, { path: b, kind: 'ts', factsKind: 'ts' }], context);
    expect(two('ab', 'c.ts')).not.toBe(two('a', 'bc.ts'));
    expect(projectStructureKey('k', [files[0]!, files[2]!, files[1]!], context)).not.toBe(key);
  });

  it('changes with the kind of a file or of its facts, and with the cache key', () => {
    expect(projectStructureKey('k', [{ ...files[0]!, factsKind: 'json' }, files[1]!, files[2]!], context)).not.toBe(key);
    expect(projectStructureKey('k', [files[0]!, files[1]!, { ...files[2]!, kind: 'markdown' }], context)).not.toBe(key);
    expect(projectStructureKey('other', files, context)).not.toBe(key);
  });

  it('changes with the git index list (absent, empty, other) and the other repository facts and settings', () => {
    const withRepo = (repo: Record<string, unknown>) => projectStructureKey('k', files, { ...context, repo: { ...context.repo, ...repo } as typeof context.repo });
    const { trackedFiles: _dropped, ...untracked } = context.repo;
    const absent = projectStructureKey('k', files, { ...context, repo: untracked });
    expect(absent).not.toBe(key);
    expect(withRepo({ trackedFiles: [] })).not.toBe(absent);
    expect(withRepo({ trackedFiles: ['a/b.ts'] })).not.toBe(key);
    expect(withRepo({ trackedFiles: ['a/b.ts', 'package.json', 'x'] })).not.toBe(key);
    expect(withRepo({ tags: ['v2'] })).not.toBe(key);
    expect(projectStructureKey('k', files, { ...context, settings: {} })).not.toBe(key);
  });
});

// A run whose files are those of the stored phase's run takes the files' half of the stored key
// instead of hashing every path (AuditCache.structureKey). Whenever it does, the key must be the one
// the whole computation gives: each case below compares the two, over a cache written and read back.
describe('the structure key of a cached run', () => {
  const tmp = mkdtempSync(path.join(os.tmpdir(), 'tfa-structure-key-'));
  afterAll(() => rmSync(tmp, { recursive: true, force: true }));
  const context = { repo: { isGitRepo: true, tags: [], trackedFiles: ['a.ts', 'b.ts'] }, settings: {} };
  const stamp = { size: 10, mtimeMs: 1_000, ctimeMs: 1_000 };
  const result = (p: string, kind: 'ts' | 'dockerfile' = 'ts') => ({ path: p, kind, facts: { kind, lines: [1, 2, 3, 4, 5, 6, 7, 8] } as never, findings: [] });
  const structureOf = (paths: string[], kindOf: (p: string) => string = () => 'ts') => paths.map((p) => ({ path: p, kind: kindOf(p), factsKind: kindOf(p) }));
  // A path that holds a token format: never stored (cache.ts), so the run that stored the phase had a file the index has no entry for.
  const secretPath = `ghp_${'A1b2C3d4E5f6G7h8I9j0K1l2M3n4O5p6Q7r8'}.ts`;

  /** A cache of `paths` (each stored with `stamp`) and a phase stored under the key of `runPaths`. */
  async function written(name: string, paths: string[], runPaths = paths): Promise<string> {
    const location = path.join(tmp, name, 'cache.json');
    const cache = await openCache(location, 'k', () => {});
    for (const p of paths) cache.store(p, `h${p}`, result(p), stamp);
    const key = cache.structureKey(structureOf(runPaths), context);
    expect(key).toBe(projectStructureKey('k', structureOf(runPaths), context));
    cache.storeProject({ key, roles: 'r'.repeat(runPaths.length), rolesDigest: 'd', rolesDeps: [], units: [] });
    await cache.save();
    return location;
  }

  it('is the stored key when every file is served by its stamp, and the whole computation otherwise', async () => {
    const paths = ['a.ts', 'b.ts', 'c/d.ts'];
    const location = await written('same', paths);
    const warm = await openCache(location, 'k', () => {});
    for (const p of paths) expect(warm.lookupByStamp(p, stamp)).toBeDefined();
    expect(warm.structureKey(structureOf(paths), context)).toBe(warm.project()!.key);
    // Other repository facts or settings change the other half.
    const tagged = { ...context, repo: { ...context.repo, tags: ['v1'] } };
    expect(warm.structureKey(structureOf(paths), tagged)).toBe(projectStructureKey('k', structureOf(paths), tagged));
    expect(warm.structureKey(structureOf(paths), tagged)).not.toBe(warm.project()!.key);
  });

  it('changes when a file is added, removed, changes kind, or the stored run had a file without an entry', async () => {
    const paths = ['a.ts', 'b.ts', 'c/d.ts'];
    const cases: Array<{ name: string; stored: string[]; run: string[]; runOf: (cache: Awaited<ReturnType<typeof openCache>>) => void; kindOf?: (p: string) => string; storedRun?: string[] }> = [
      { name: 'added', stored: paths, run: [...paths, 'e.ts'], runOf: (c) => { for (const p of paths) c.lookupByStamp(p, stamp); c.store('e.ts', 'he', result('e.ts'), stamp); } },
      { name: 'removed', stored: paths, run: ['a.ts', 'b.ts'], runOf: (c) => { c.lookupByStamp('a.ts', stamp); c.lookupByStamp('b.ts', stamp); } },
      { name: 'kind', stored: paths, run: paths, kindOf: (p) => (p === 'b.ts' ? 'dockerfile' : 'ts'), runOf: (c) => { c.lookupByStamp('a.ts', stamp); c.store('b.ts', 'hb2', result('b.ts', 'dockerfile'), stamp); c.lookupByStamp('c/d.ts', stamp); } },
      // Every file left is served by its stamp and the index has as many entries as the run has files,
      // but the stored run had one more: its key is not this run's.
      { name: 'uncached', stored: paths, storedRun: [...paths, secretPath].sort(), run: paths, runOf: (c) => { for (const p of paths) c.lookupByStamp(p, stamp); } },
    ];
    for (const c of cases) {
      const location = await written(c.name, c.stored, c.storedRun ?? c.stored);
      const cache = await openCache(location, 'k', () => {});
      c.runOf(cache);
      const structure = structureOf(c.run, c.kindOf);
      const key = cache.structureKey(structure, context);
      expect(key, c.name).toBe(projectStructureKey('k', structure, context));
      expect(key, c.name).not.toBe(cache.project()!.key);
    }
  });

  it('a file edited with the same kinds keeps the stored files half (a one-file run)', async () => {
    const paths = ['a.ts', 'b.ts'];
    const location = await written('edited', paths);
    const cache = await openCache(location, 'k', () => {});
    cache.lookupByStamp('a.ts', stamp);
    expect(cache.lookupByStamp('b.ts', { ...stamp, size: 11 })).toBeUndefined();
    cache.store('b.ts', 'hb2', result('b.ts'), { ...stamp, size: 11 });
    expect(cache.structureKey(structureOf(paths), context)).toBe(cache.project()!.key);
  });
});
