import { describe, expect, it } from 'vitest';
import { projectStructureKey } from './cache.js';

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
