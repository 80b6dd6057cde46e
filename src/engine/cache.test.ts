// The cache (cache.ts). --changed-since takes git's word for which files are unmodified: a cached
// entry whose content hash is the blob id the index records for a file whose stat data match it is
// used without reading the file. A file whose bytes may differ from that blob must never be served
// from the cache: an edit not committed (of the same size, with its mtime put back), an untracked
// file, a file staged and edited again, an entry too recent to trust (racily clean), a checkout with
// other line endings, a damaged index, and without --changed-since. Also: the journal's kept units,
// the facts file read by stretches, a cache of another format version.

import { spawnSync } from 'node:child_process';
import { appendFileSync, cpSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, truncateSync, utimesSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { rules } from '../../rules/index.js';
import { run } from '../cli/main.js';
import { audit } from './audit.js';
import { contentHash, openCache } from './cache.js';
import { readUnmodifiedBlobIds } from '../util/git-data.js';
import type { Finding } from '../rule-api/types.js';

const tmp = mkdtempSync(path.join(os.tmpdir(), 'tfa-cache-git-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

function git(cwd: string, ...args: string[]): string {
  const r = spawnSync('git', args, { cwd, encoding: 'utf8', env: { ...process.env, GIT_AUTHOR_NAME: 't', GIT_AUTHOR_EMAIL: 't@e', GIT_COMMITTER_NAME: 't', GIT_COMMITTER_EMAIL: 't@e' } });
  if (r.status !== 0) throw new Error(r.stderr);
  return r.stdout;
}

/** The file system's clock ticks coarsely: an index written in the same tick as a file is racily clean for it. */
const nextTick = () => new Promise((resolve) => setTimeout(resolve, 60));

const files: Record<string, string> = {
  'package.json': JSON.stringify({ name: 'svc', version: '1.0.0', main: 'dist/index.js', scripts: { start: 'node dist/index.js' } }),
  'src/index.ts': "import express from 'express';\nconst app = express();\napp.listen(8080);\nconsole.log(process.env.API_URL);\n",
  'src/port.ts': 'export const port = 3000;\n',
  Dockerfile: 'FROM node:20\nCMD ["node", "dist/index.js"]\n',
};

async function committedRepo(name: string): Promise<string> {
  const dir = path.join(tmp, name);
  for (const [rel, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    writeFileSync(path.join(dir, rel), text);
  }
  git(dir, 'init', '-q', '-b', 'main');
  await nextTick();
  git(dir, 'add', '-A');
  git(dir, 'commit', '-q', '-m', 'init');
  return dir;
}

const stampOf = (file: string) => {
  const st = lstatSync(file);
  return { size: st.size, mtimeMs: st.mtimeMs, ctimeMs: st.ctimeMs };
};

describe('the git index as a source of blob ids (git-data.ts)', () => {
  it('gives the blob id of a committed file whose stat data match, which is the cache content hash of its bytes', async () => {
    const dir = await committedRepo('ids');
    const ids = readUnmodifiedBlobIds(dir)!;
    const file = path.join(dir, 'src/port.ts');
    expect(ids.blobId('src/port.ts', stampOf(file))).toBe(contentHash(readFileSync(file)));
    expect(Buffer.from(ids.blobId('src/port.ts', stampOf(file))!, 'base64').toString('hex')).toBe(git(dir, 'rev-parse', 'HEAD:src/port.ts').trim());
    // Any other stat data: git would look at the file, and so do we.
    expect(ids.blobId('src/port.ts', { ...stampOf(file), size: 1 })).toBeUndefined();
    expect(ids.blobId('src/port.ts', { ...stampOf(file), ctimeMs: stampOf(file).ctimeMs + 1 })).toBeUndefined();
    expect(ids.blobId('src/none.ts', stampOf(file))).toBeUndefined();
    // A sub-folder as the root: paths are relative to it.
    expect(readUnmodifiedBlobIds(path.join(dir, 'src'))!.blobId('port.ts', stampOf(file))).toBe(contentHash(readFileSync(file)));
  });

  it('an entry as recent as the index itself (racily clean), a staged-then-edited file, a damaged index: nothing', async () => {
    const dir = await committedRepo('racy');
    const file = path.join(dir, 'src/port.ts');
    const index = path.join(dir, '.git/index');
    const written = lstatSync(index).mtime;
    utimesSync(index, new Date(0), new Date(0));
    expect(readUnmodifiedBlobIds(dir)!.blobId('src/port.ts', stampOf(file))).toBeUndefined();
    utimesSync(index, written, written);
    expect(readUnmodifiedBlobIds(dir)!.blobId('src/port.ts', stampOf(file))).toBeDefined();

    writeFileSync(file, 'export const port = 3001;\n');
    await nextTick();
    git(dir, 'add', 'src/port.ts');
    writeFileSync(file, 'export const port = 3002;\n');
    expect(readUnmodifiedBlobIds(dir)!.blobId('src/port.ts', stampOf(file))).toBeUndefined();

    // Cut short: the trailing checksum no longer matches.
    truncateSync(index, lstatSync(index).size - 1);
    expect(readUnmodifiedBlobIds(dir)).toBeNull();
    expect(readUnmodifiedBlobIds(path.join(tmp))).toBeNull();
  });
});

describe('the cache validated by the git index (--changed-since)', () => {
  const key = 'k';
  const result = (p: string) => ({ path: p, kind: 'ts' as const, facts: null, findings: [] });

  it('serves an unmodified file without reading it, and never a file whose bytes may differ', async () => {
    const dir = await committedRepo('lookup');
    const location = path.join(tmp, 'lookup-cache', 'cache.json');
    const first = await openCache(location, key, () => {});
    for (const rel of ['src/port.ts', 'src/index.ts', 'src/untracked.ts']) {
      if (rel === 'src/untracked.ts') writeFileSync(path.join(dir, rel), 'export const u = 1;\n');
      first.store(rel, contentHash(readFileSync(path.join(dir, rel))), result(rel), stampOf(path.join(dir, rel)));
    }
    await first.save();

    // Without git trusted, no lookup by the index.
    const plain = await openCache(location, key, () => {});
    expect(plain.lookupByGitIndex('src/port.ts', stampOf(path.join(dir, 'src/port.ts')))).toBeUndefined();

    // An edit of the same size, with the old mtime put back: the ctime still differs.
    const index = path.join(dir, 'src/index.ts');
    const before = lstatSync(index);
    writeFileSync(index, readFileSync(index, 'utf8').replace('8080', '9090'));
    utimesSync(index, before.atime, before.mtime);
    expect(lstatSync(index).size).toBe(before.size);

    const trusted = await openCache(location, key, () => {}, dir);
    expect(trusted.lookupByGitIndex('src/port.ts', stampOf(path.join(dir, 'src/port.ts')))?.hash).toBe(contentHash(readFileSync(path.join(dir, 'src/port.ts'))));
    expect(trusted.lookupByGitIndex('src/index.ts', stampOf(index))).toBeUndefined();
    // Untracked: git knows nothing of it.
    expect(trusted.lookupByGitIndex('src/untracked.ts', stampOf(path.join(dir, 'src/untracked.ts')))).toBeUndefined();
    expect(trusted.stats).toEqual({ hits: 1, misses: 0 });
  });

  it('a file checked out with other line endings than the bytes cached is read, though the index gives it their blob id', async () => {
    const dir = await committedRepo('eol');
    const rel = 'src/index.ts';
    const file = path.join(dir, rel);
    const location = path.join(tmp, 'eol-cache', 'cache.json');
    const first = await openCache(location, key, () => {});
    first.store(rel, contentHash(readFileSync(file)), result(rel), stampOf(file));
    await first.save();
    // The same commit checked out with CRLF line endings (a Windows runner): the index holds the
    // id of the LF blob, and the size and times of the CRLF file.
    git(dir, 'config', 'core.autocrlf', 'true');
    rmSync(file);
    git(dir, 'checkout', '--', rel);
    await nextTick();
    git(dir, 'update-index', '--really-refresh');
    expect(readFileSync(file, 'utf8')).toContain('\r\n');
    expect(readUnmodifiedBlobIds(dir)!.blobId(rel, stampOf(file))).toBe(contentHash(Buffer.from(files[rel]!)));
    const trusted = await openCache(location, key, () => {}, dir);
    expect(trusted.lookupByGitIndex(rel, stampOf(file))).toBeUndefined();
  });

  async function report(root: string, args: string[]): Promise<string> {
    let stdout = '';
    let stderr = '';
    const code = await run([root, '--format', 'json', '--fail-on', 'never', '--no-progress', '--preset', 'strict', ...args], { stdout: (s) => (stdout += s), stderr: (s) => (stderr += s), isTTY: false, cwd: tmp });
    if (code !== 0) throw new Error(`exit ${code}: ${stderr}`);
    return stdout;
  }

  it('a cache restored on another checkout path gives the findings of a run without it, through commits and edits git has not seen', { timeout: 120_000 }, async () => {
    const original = await committedRepo('restored-a');
    const cacheDir = path.join(tmp, 'restored-cache') + path.sep;
    // The CLI's cache (in a folder, named by the path inside the work tree) and the API's (one file, the API's rule settings).
    await report(original, ['--cache', '--cache-location', cacheDir]);
    const apiCacheDir = path.join(tmp, 'restored-api-cache');
    await audit({ root: original, rules, cacheLocation: path.join(apiCacheDir, 'cache.json'), concurrency: 1 });
    let copies = 0;
    /** A fresh copy of a cache folder as the original run left it (a CI restore). */
    const restored = (from = cacheDir) => {
      const dir = path.join(tmp, `restored-copy-${copies++}`) + path.sep;
      cpSync(from, dir, { recursive: true });
      return dir;
    };

    // Another runner: a copy at another path, one more commit; the index is refreshed by the commit.
    const copy = path.join(tmp, 'elsewhere', 'restored-b');
    mkdirSync(path.dirname(copy), { recursive: true });
    cpSync(original, copy, { recursive: true });
    writeFileSync(path.join(copy, 'src/index.ts'), `// moved\n${files['src/index.ts']}`);
    await nextTick();
    git(copy, 'commit', '-q', '-am', 'edit');
    const args = ['--changed-since', 'HEAD~1', '--cache-strategy', 'content'];
    expect(await report(copy, [...args, '--cache', '--cache-location', restored()])).toBe(await report(copy, args));
    const findings = (r: Awaited<ReturnType<typeof audit>>) => r.findings.map((f) => `${f.ruleId} ${f.file}:${f.line}:${f.column} ${f.message}`);
    const trusted = () => audit({ root: copy, rules, cacheLocation: path.join(restored(apiCacheDir), 'cache.json'), cacheStrategy: 'content', cacheTrustsGitIndex: true, concurrency: 1 });
    const cold = () => audit({ root: copy, rules, concurrency: 1 });
    const first = await trusted();
    expect(first.cache).toEqual({ hits: 3, misses: 1 });
    expect(findings(first)).toEqual(findings(await cold()));

    // Edits git has not seen: an untracked file with a hard-coded port, an unstaged edit of the same
    // size with its mtime put back, a file staged and edited again. Each is read, none is stale.
    writeFileSync(path.join(copy, 'src/extra.ts'), "import http from 'node:http';\nhttp.createServer().listen(7070);\n");
    const port = path.join(copy, 'src/port.ts');
    const mtime = lstatSync(port).mtime;
    writeFileSync(port, 'export const port = 3001;\n');
    utimesSync(port, mtime, mtime);
    writeFileSync(path.join(copy, 'Dockerfile'), 'FROM node:20\nCMD ["node", "dist/main.js"]\n');
    git(copy, 'add', 'Dockerfile');
    appendFileSync(path.join(copy, 'Dockerfile'), 'EXPOSE 8080\n');
    const second = await trusted();
    expect(second.cache).toEqual({ hits: 1, misses: 4 });
    expect(findings(second)).toEqual(findings(await cold()));
    expect(findings(second)).not.toEqual(findings(first));
    expect(await report(copy, [...args, '--cache', '--cache-location', restored()])).toBe(await report(copy, args));
  });
});

describe('the journal keeps the cross-file units a run did not rerun by reference', () => {
  const finding = (ruleId: string, line: number): Finding => ({ ruleId, factor: 'config', severity: 'warning', message: `m ${line}`, file: 'a.ts', line, column: 1, remediation: 'r' });
  // Facts longer than the path written before each (else the facts file is compacted, which rewrites the index).
  const result = { path: 'a.ts', kind: 'ts' as const, facts: { kind: 'ts', lines: Array.from({ length: 30 }, (_, i) => i) } as never, findings: [] };

  it('a line names a kept unit by its index; one naming a unit that is not there is ignored with the lines after it', async () => {
    const location = path.join(tmp, 'journal-cache', 'cache.json');
    // Enough files for one run's changes to go to the journal (under a quarter of the index).
    const paths = Array.from({ length: 200 }, (_, i) => `src/f${i}.ts`);
    const first = await openCache(location, 'k', () => {});
    for (const p of paths) first.store(p, `h${p}`, { ...result, path: p });
    const units = [{ id: 'x/kept', deps: ['ts#envReads'], findings: [finding('x/kept', 1)] }, { id: 'x/rerun', deps: ['ts#imports'], findings: [finding('x/rerun', 2)] }];
    first.storeProject({ key: 'p', roles: 'r', rolesDigest: 'd', rolesDeps: [], units });
    await first.save();

    const second = await openCache(location, 'k', () => {});
    for (const p of paths) expect(second.lookup(p, `h${p}`)).toBeDefined();
    const stored = second.project()!;
    const rerun = { id: 'x/rerun', deps: ['ts#imports'], findings: [finding('x/rerun', 3)] };
    second.storeProject({ ...stored, units: [stored.units[0]!, rerun] });
    await second.save();
    const journal = readFileSync(`${location}.journal`, 'utf8');
    expect(journal).toContain('"units":[0,{"id":"x/rerun"');
    expect(journal).not.toContain('x/kept');

    const third = await openCache(location, 'k', () => {});
    for (const p of paths) expect(third.lookup(p, `h${p}`)).toBeDefined();
    expect(third.project()?.units).toEqual([units[0], rerun]);

    // A forged index: the line is not applied (the phase of the index stands, and its entries' changes go with it).
    writeFileSync(`${location}.journal`, journal.replace('"units":[0,', '"units":[7,'));
    const forged = await openCache(location, 'k', () => {});
    expect(forged.project()?.units).toEqual(units);
  });
});

describe('a run that changed nothing writes nothing, over a journal that added and removed entries', () => {
  const result = (p: string) => ({ path: p, kind: 'ts' as const, facts: { kind: 'ts', lines: Array.from({ length: 30 }, (_, i) => i) } as never, findings: [] });
  const stamp = { size: 1, mtimeMs: 1, ctimeMs: 1 };

  it('counts the entries the journal leaves: the same files are no change, one file fewer is one', async () => {
    const location = path.join(tmp, 'count-cache', 'cache.json');
    const paths = Array.from({ length: 200 }, (_, i) => `src/f${i}.ts`);
    const first = await openCache(location, 'k', () => {});
    for (const p of paths) first.store(p, `h${p}`, result(p), stamp);
    await first.save();

    // Two files deleted, one added, one stored again.
    const second = await openCache(location, 'k', () => {});
    for (const p of paths.slice(2)) second.lookupByStamp(p, stamp);
    second.store('src/new.ts', 'hnew', result('src/new.ts'), stamp);
    second.store('src/f5.ts', 'hf5b', result('src/f5.ts'), stamp);
    await second.save();
    const journal = readFileSync(`${location}.journal`, 'utf8');
    expect(journal.split('\n')).toHaveLength(2);
    const present = [...paths.slice(2), 'src/new.ts'];

    const third = await openCache(location, 'k', () => {});
    for (const p of present) expect(third.lookupByStamp(p, stamp), p).toBeDefined();
    expect(third.lookupByStamp(paths[0]!, stamp)).toBeUndefined();
    await third.save();
    expect(readFileSync(`${location}.journal`, 'utf8')).toBe(journal);

    const fourth = await openCache(location, 'k', () => {});
    for (const p of present.slice(0, -1)) fourth.lookupByStamp(p, stamp);
    await fourth.save();
    expect(readFileSync(`${location}.journal`, 'utf8')).not.toBe(journal);
    const fifth = await openCache(location, 'k', () => {});
    expect(fifth.lookupByStamp('src/new.ts', stamp)).toBeUndefined();
    expect(fifth.lookupByStamp('src/f5.ts', stamp)?.hash).toBe('hf5b');
  });
});

describe('the facts file read by stretches', () => {
  it('gives every file its own facts across stretch boundaries, and nothing for a place that names another file', async () => {
    const location = path.join(tmp, 'facts-cache', 'cache.json');
    // 400 files of ~4 KB of facts each: over 1.5 MB, more than one stretch, lines of several sizes.
    const paths = Array.from({ length: 400 }, (_, i) => `src/f${i}.ts`);
    const factsOf = (i: number) => ({ kind: 'ts', lines: Array.from({ length: 700 + (i % 7) * 90 }, (_, k) => k + i) }) as never;
    const first = await openCache(location, 'k', () => {});
    paths.forEach((p, i) => first.store(p, `h${i}`, { path: p, kind: 'ts', facts: factsOf(i), findings: [] }));
    await first.save();
    expect(lstatSync(`${location}.facts`).size).toBeGreaterThan(1.5 * 1024 * 1024);
    const second = await openCache(location, 'k', () => {});
    paths.forEach((p, i) => expect(second.lookup(p, `h${i}`)).toBeDefined());
    // In order, backwards, and one far from the last.
    for (const i of [...paths.keys(), ...[...paths.keys()].reverse(), 3, 399, 0]) expect(second.facts(paths[i]!), paths[i]).toEqual(factsOf(i));
    // A damaged index that points one file at another's facts gets nothing.
    const index = JSON.parse(readFileSync(location, 'utf8')) as { entries: Record<string, unknown[]> };
    index.entries[paths[5]!]![7] = index.entries[paths[6]!]![7];
    index.entries[paths[5]!]![8] = index.entries[paths[6]!]![8];
    writeFileSync(location, JSON.stringify(index));
    const third = await openCache(location, 'k', () => {});
    expect(third.lookup(paths[5]!, 'h5')).toBeDefined();
    expect(third.facts(paths[5]!)).toBeUndefined();
  });
});

describe('the facts file written as files are stored', () => {
  const headerOf = (file: string) => JSON.parse(readFileSync(file, 'utf8').split('\n', 1)[0]!) as { id: string };
  const tempsIn = (dir: string) => readdirSync(dir).filter((n) => n.endsWith('.tmp'));

  it('becomes the facts file of a cold run, takes a few changed files appended, and is compacted when most changed', async () => {
    const dir = path.join(tmp, 'facts-sink');
    const location = path.join(dir, 'cache.json');
    const paths = Array.from({ length: 60 }, (_, i) => `src/f${i}.ts`);
    const factsOf = (i: number, v: number) => ({ kind: 'ts', lines: Array.from({ length: 200 + (i % 5) * 50 }, (_, k) => k * v + i) }) as never;
    const version = paths.map(() => 1);
    const store = (cache: Awaited<ReturnType<typeof openCache>>, i: number) => cache.store(paths[i]!, `h${i}.${version[i]}`, { path: paths[i]!, kind: 'ts', facts: factsOf(i, version[i]!), findings: [] });
    const check = async () => {
      const cache = await openCache(location, 'k', () => {});
      paths.forEach((p, i) => expect(cache.lookup(p, `h${i}.${version[i]}`), p).toBeDefined());
      paths.forEach((p, i) => expect(cache.facts(p), p).toEqual(factsOf(i, version[i]!)));
      expect(tempsIn(dir)).toEqual([]);
      return cache;
    };

    // Cold: every file stored; the facts are on disk, in a temp file, before the save.
    const cold = await openCache(location, 'k', () => {});
    paths.forEach((_, i) => store(cold, i));
    expect(tempsIn(dir)).toHaveLength(1);
    expect(cold.facts(paths[7]!)).toEqual(factsOf(7, 1));
    await cold.save();
    const coldId = headerOf(`${location}.facts`).id;
    const coldSize = lstatSync(`${location}.facts`).size;

    // Two files changed: their lines are appended to the same file.
    const few = await check();
    for (const i of [3, 41]) {
      version[i] = 2;
      store(few, i);
    }
    await few.save();
    expect(headerOf(`${location}.facts`).id).toBe(coldId);
    expect(lstatSync(`${location}.facts`).size).toBeGreaterThan(coldSize);

    // Most files changed: a new file, of this run's facts read back and the others copied.
    const most = await check();
    for (let i = 0; i < 45; i++) {
      version[i] = 3;
      store(most, i);
    }
    await most.save();
    expect(headerOf(`${location}.facts`).id).not.toBe(coldId);
    await check();
  });

  it('leaves no temp file when nothing is saved, and none when the save finds nothing to write', async () => {
    const dir = path.join(tmp, 'facts-sink-nothing');
    const location = path.join(dir, 'cache.json');
    const first = await openCache(location, 'k', () => {});
    first.store('a.ts', 'h', { path: 'a.ts', kind: 'ts', facts: { kind: 'ts' } as never, findings: [] });
    await first.save();
    const second = await openCache(location, 'k', () => {});
    expect(second.lookup('a.ts', 'h')).toBeDefined();
    await second.save();
    expect(readdirSync(dir).sort()).toEqual(['cache.json', 'cache.json.facts']);
  });
});

describe('the index written in stretches', () => {
  it('is one ASCII JSON text whatever the paths, over several stretches, and every entry reads back', async () => {
    const location = path.join(tmp, 'index-stretches', 'cache.json');
    // ~3,000 entries with findings: several stretches of the index; paths with non-ASCII characters and a `__proto__`.
    const paths = [...Array.from({ length: 3000 }, (_, i) => `src/ü${i}/f€${i}.ts`), '__proto__', '12'];
    const finding = (p: string): Finding => ({ ruleId: 'r', factor: null, severity: 'info', message: `m ${p} ${'x'.repeat(300)}`, file: p, line: 1, column: 1, remediation: 'r' });
    const first = await openCache(location, 'k', () => {});
    paths.forEach((p, i) => first.store(p, `h${i}`, { path: p, kind: 'ts', facts: { kind: 'ts' } as never, findings: [finding(p)] }));
    await first.save();
    const text = readFileSync(location, 'latin1');
    expect(text.length).toBeGreaterThan(1.5 * 1024 * 1024);
    expect(/^[\x00-\x7f]*$/.test(text)).toBe(true);
    expect(Object.keys((JSON.parse(text) as { entries: object }).entries)).toHaveLength(paths.length);
    const second = await openCache(location, 'k', () => {});
    paths.forEach((p, i) => expect(second.lookup(p, `h${i}`)?.result.findings, p).toEqual([finding(p)]));
  });
});

describe('a cache written by another version of the tool', () => {
  it('is stale: ignored without a warning and rewritten', async () => {
    const location = path.join(tmp, 'old-version', 'cache.json');
    mkdirSync(path.dirname(location), { recursive: true });
    writeFileSync(location, JSON.stringify({ format: 'twelve-factor-audit-cache', version: 9, key: 'k', id: 'x', entries: { 'a.ts': { hash: 'h', result: { path: 'a.ts', kind: 'ts', facts: null, findings: [] } } } }));
    const warnings: string[] = [];
    const cache = await openCache(location, 'k', (m) => warnings.push(m));
    expect(cache.lookup('a.ts', 'h')).toBeUndefined();
    cache.store('a.ts', 'h2', { path: 'a.ts', kind: 'ts', facts: null, findings: [] });
    await cache.save();
    expect(warnings).toEqual([]);
    const written = JSON.parse(readFileSync(location, 'utf8')) as { version: number; entries: Record<string, unknown[]> };
    expect(written.version).toBe(26);
    expect(written.entries['a.ts']![0]).toBe('h2');
  });
});
