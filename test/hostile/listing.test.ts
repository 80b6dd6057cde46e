// Class: the listing kept between runs (discovery/listing-cache.ts) never makes a listing differ from
// a cold one. Each case lists a tree with the listing file, changes the tree (an entry added,
// removed or renamed, a .gitignore line, a folder turned into a link, a racy or future time, a
// damaged listing file), and requires the listing to equal a listing without the file, and that the
// unchanged folders were not read again where the point is to reuse them.

import { chmodSync, lstatSync, mkdirSync, readFileSync, renameSync, rmSync, symlinkSync, unlinkSync, utimesSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { discover, type Discovery } from '../../src/discovery/discover.js';
import { tempDirs } from './helpers.js';

const dir = tempDirs();

/** Past the racy margin: the tree's folders count as older than the listing (they were made just now). */
const LATER = () => Date.now() + 60_000;

function tree(files: Record<string, string>): string {
  const root = dir('listing-tree');
  for (const [rel, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(root, rel)), { recursive: true });
    writeFileSync(path.join(root, rel), text);
  }
  return root;
}

const BASE = {
  '.gitignore': 'generated/\n*.local.ts\n',
  'Dockerfile': 'FROM node:20.11.1\n',
  'package.json': '{}',
  'src/a.ts': '',
  'src/b.local.ts': '',
  'src/lib/c.ts': '',
  'src/lib/deep/d.ts': '',
  'generated/e.ts': '',
  'pkg/.gitignore': 'tmp/\n',
  'pkg/index.ts': '',
  'pkg/tmp/x.ts': '',
  'pkg/k8s/app.yaml': 'a: 1\n',
};

/** A listing as the audit sees it (without the reuse counts). */
function shape(d: Discovery): string {
  return JSON.stringify({ ...d, listing: undefined });
}

/** File times have a clock tick's granularity: a change right after a listing must land on a later tick (the racy rule covers real runs). */
async function tick(): Promise<void> {
  await new Promise((resolve) => setTimeout(resolve, 30));
}

async function cachedEqualsCold(root: string, state: string, options: { ignore?: string[]; listingStart?: number } = {}): Promise<Discovery> {
  const cached = await discover(root, { listingCache: state, listingStart: LATER(), ...options });
  const cold = await discover(root, options.ignore ? { ignore: options.ignore } : {});
  expect(shape(cached)).toBe(shape(cold));
  return cached;
}

/** A tree listed once with the listing file, so that the next listing may reuse every folder. */
async function listed(files: Record<string, string> = BASE): Promise<{ root: string; state: string; folders: number }> {
  const root = tree(files);
  const state = path.join(dir('listing-state'), 'cache.json.listing');
  const first = await cachedEqualsCold(root, state);
  expect(first.listing!.reused).toBe(0);
  const second = await cachedEqualsCold(root, state);
  if (!Object.keys(files).some((f) => f.includes('ghp_'))) expect(second.listing).toEqual({ read: 0, reused: first.listing!.read });
  await tick();
  return { root, state, folders: first.listing!.read };
}

describe('listing cache: the listing equals a cold one', () => {
  it('a file added, removed and renamed in a cached folder: that folder alone is read again', async () => {
    const { root, state, folders } = await listed();
    writeFileSync(path.join(root, 'src/lib/added.ts'), '');
    let d = await cachedEqualsCold(root, state);
    expect(d.listing).toEqual({ read: 1, reused: folders - 1 });
    expect(d.files.map((f) => f.path)).toContain('src/lib/added.ts');
    await tick();
    unlinkSync(path.join(root, 'src/a.ts'));
    d = await cachedEqualsCold(root, state);
    expect(d.listing).toEqual({ read: 1, reused: folders - 1 });
    expect(d.files.map((f) => f.path)).not.toContain('src/a.ts');
    await tick();
    renameSync(path.join(root, 'src/lib/deep/d.ts'), path.join(root, 'src/lib/deep/d2.ts'));
    d = await cachedEqualsCold(root, state);
    expect(d.files.map((f) => f.path)).toContain('src/lib/deep/d2.ts');
    await tick();
    // A folder renamed: its parent changes, and its records under the old path are not used.
    renameSync(path.join(root, 'src/lib'), path.join(root, 'src/lib2'));
    d = await cachedEqualsCold(root, state);
    expect(d.files.map((f) => f.path)).toEqual(expect.arrayContaining(['src/lib2/c.ts', 'src/lib2/deep/d2.ts']));
  });

  it('a file whose content changes keeps its folder listed from the cache, with the new size and times', async () => {
    const { root, state, folders } = await listed();
    writeFileSync(path.join(root, 'src/a.ts'), 'export const a = 1;\n');
    const d = await cachedEqualsCold(root, state);
    expect(d.listing).toEqual({ read: 0, reused: folders });
    expect(d.files.find((f) => f.path === 'src/a.ts')!.size).toBe(20);
  });

  it('a new .gitignore line, a .gitignore added, one removed: the folders under it are read again', async () => {
    const { root, state } = await listed();
    writeFileSync(path.join(root, '.gitignore'), 'generated/\n*.local.ts\nsrc/lib/deep/\n', { flag: 'w' });
    let d = await cachedEqualsCold(root, state);
    expect(d.files.map((f) => f.path)).not.toContain('src/lib/deep/d.ts');
    await tick();
    writeFileSync(path.join(root, 'src/lib/.gitignore'), 'c.ts\n');
    d = await cachedEqualsCold(root, state);
    expect(d.files.map((f) => f.path)).not.toContain('src/lib/c.ts');
    await tick();
    // Only the .gitignore's own times change (same size, one byte replaced).
    writeFileSync(path.join(root, 'src/lib/.gitignore'), 'd.ts\n');
    d = await cachedEqualsCold(root, state);
    expect(d.files.map((f) => f.path)).toContain('src/lib/c.ts');
    await tick();
    unlinkSync(path.join(root, 'pkg/.gitignore'));
    d = await cachedEqualsCold(root, state);
    expect(d.files.map((f) => f.path)).toContain('pkg/tmp/x.ts');
  });

  it('a .gitignore above the root, and config ignore globs, are part of what the listing depends on', async () => {
    const top = tree({ '.git/HEAD': 'ref: refs/heads/main\n', '.gitignore': '*.local.ts\n' });
    const root = path.join(top, 'app');
    for (const [rel, text] of Object.entries(BASE)) {
      mkdirSync(path.dirname(path.join(root, rel)), { recursive: true });
      writeFileSync(path.join(root, rel), text);
    }
    const state = path.join(dir('listing-state'), 'cache.json.listing');
    await cachedEqualsCold(root, state);
    await tick();
    writeFileSync(path.join(top, '.gitignore'), '*.local.ts\napp/pkg/\n');
    let d = await cachedEqualsCold(root, state);
    expect(d.listing!.reused).toBe(0);
    expect(d.files.map((f) => f.path)).not.toContain('pkg/index.ts');
    d = await cachedEqualsCold(root, state, { ignore: ['src/lib'] });
    expect(d.listing!.reused).toBe(0);
    expect(d.files.map((f) => f.path)).not.toContain('src/lib/c.ts');
    d = await cachedEqualsCold(root, state, { ignore: ['src/lib'] });
    expect(d.listing!.read).toBe(0);
  });

  it('a folder replaced by a link (inside the root, and out of it), and back', async () => {
    const { root, state } = await listed();
    const outside = tree({ 'secret.ts': '' });
    rmSync(path.join(root, 'src/lib'), { recursive: true });
    symlinkSync(path.join(root, 'pkg'), path.join(root, 'src/lib'));
    let d = await cachedEqualsCold(root, state);
    expect(d.files.map((f) => f.path).filter((p) => p.startsWith('src/lib'))).toEqual([]);
    await tick();
    unlinkSync(path.join(root, 'src/lib'));
    symlinkSync(outside, path.join(root, 'src/lib'));
    d = await cachedEqualsCold(root, state);
    expect(d.files.map((f) => f.path).filter((p) => p.startsWith('src/lib'))).toEqual([]);
    await tick();
    // A linked file whose target changes from a folder to a file, its own folder unchanged.
    unlinkSync(path.join(root, 'src/lib'));
    mkdirSync(path.join(root, 'src/lib/deep'), { recursive: true });
    writeFileSync(path.join(root, 'src/lib/c.ts'), '');
    mkdirSync(path.join(root, 'target.ts'));
    symlinkSync(path.join(root, 'target.ts'), path.join(root, 'src/alias.ts'));
    d = await cachedEqualsCold(root, state);
    expect(d.files.map((f) => f.path)).not.toContain('src/alias.ts');
    await tick();
    const d2 = await cachedEqualsCold(root, state);
    expect(d2.listing!.read).toBe(0);
    rmSync(path.join(root, 'target.ts'), { recursive: true });
    writeFileSync(path.join(root, 'target.ts'), '');
    d = await cachedEqualsCold(root, state);
    expect(d.files.map((f) => f.path)).toContain('src/alias.ts');
  });

  it('a folder modified during or just before the listing (racy) is not trusted next time, nor one dated in the future', async () => {
    const root = tree(BASE);
    const state = path.join(dir('listing-state'), 'cache.json.listing');
    // Listed now: every folder was just made, so none is stored.
    const first = await discover(root, { listingCache: state });
    const again = await cachedEqualsCold(root, state);
    expect(again.listing!.read).toBe(first.listing!.read);
    // Listed as if later: stored and reused, but for a folder dated in the future.
    const future = new Date(Date.now() + 3_600_000);
    utimesSync(path.join(root, 'pkg'), future, future);
    await cachedEqualsCold(root, state);
    const d = await cachedEqualsCold(root, state);
    expect(d.listing!.read).toBe(1);
    // A racy .gitignore: the folders under it are read again.
    const now = new Date();
    utimesSync(path.join(root, 'src'), now, now);
    writeFileSync(path.join(root, '.gitignore'), 'generated/\n*.local.ts\n');
    await cachedEqualsCold(root, state, { listingStart: Date.now() });
    const after = await cachedEqualsCold(root, state);
    expect(after.listing!.reused).toBe(0);
  });

  it('a damaged, foreign or forged listing file is ignored and rewritten', async () => {
    const { root, state, folders } = await listed();
    const good = readFileSync(state, 'utf8');
    for (const text of [good.slice(0, good.length / 2), 'not json', '{"format":"other"}', '', good.replace('"folders":[', '"folders":[1,')]) {
      writeFileSync(state, text);
      const d = await cachedEqualsCold(root, state);
      expect(d.listing).toEqual({ read: folders, reused: 0 });
      expect((await cachedEqualsCold(root, state)).listing).toEqual({ read: 0, reused: folders });
    }
    // Records (ten places each, listing-cache.ts) of the wrong shape: that folder is read again.
    const record = (edit: (places: unknown[]) => void): string => {
      const value = JSON.parse(good) as { folders: unknown[] };
      const i = value.folders.findIndex((v, k) => k % 10 === 0 && v === 'src');
      const places = value.folders.slice(i, i + 10);
      edit(places);
      value.folders.splice(i, 10, ...places);
      return JSON.stringify(value);
    };
    const forged = [
      record((p) => (p[8] = String(p[8]).replace('/ts/', '/nonsense/'))),
      record((p) => (p[7] = `${String(p[7])}/..`)),
      record((p) => (p[8] = `${String(p[8])}/x.ts/ts`)),
      record((p) => (p[9] = [1])),
      record((p) => (p[1] = 99)),
    ];
    for (const text of forged) {
      writeFileSync(state, text);
      const d = await cachedEqualsCold(root, state);
      expect(d.listing).toEqual({ read: 1, reused: folders - 1 });
      expect((await cachedEqualsCold(root, state)).listing).toEqual({ read: 0, reused: folders });
    }
    // A record of the right shape that drops a file is used only while its stamp is the folder's.
    writeFileSync(state, record((p) => {
      p[8] = String(p[8]).split('/').slice(3).join('/');
      p[2] = (p[2] as number) - 1;
    }));
    expect((await cachedEqualsCold(root, state)).listing).toEqual({ read: 1, reused: folders - 1 });
    // A listing file that is a link (the user's cache folder is theirs, so it is read like the cache's
    // index) is replaced by a write, never written through.
    rmSync(state);
    const aim = path.join(dir('listing-aim'), 'victim');
    writeFileSync(aim, good);
    symlinkSync(aim, state);
    await tick();
    writeFileSync(path.join(root, 'src/added.ts'), '');
    await cachedEqualsCold(root, state);
    expect(readFileSync(aim, 'utf8')).toBe(good);
    expect(lstatSync(state).isFile()).toBe(true);
  });

  it('a folder with a known token format in its path or an entry name is listed every time, and the token is never written', async () => {
    const token = `ghp_${'aB3dE5fG7hJ9kL1mN2pQ4rS6tU8vW0xY2zA4'}`;
    const { root, state } = await listed({ ...BASE, [`keys/${token}.json`]: '{}', [`${token}/app.ts`]: '', 'keys/other/x.ts': '' });
    const d = await cachedEqualsCold(root, state);
    // The root (which lists the token-named folder), that folder and `keys`.
    expect(d.listing!.read).toBe(3);
    expect(d.files.map((f) => f.path)).toEqual(expect.arrayContaining([`keys/${token}.json`, `${token}/app.ts`, 'keys/other/x.ts']));
    const written = readFileSync(state, 'utf8');
    expect(written).toContain('other');
    expect(written).not.toContain(token.slice(4, 12));
  });

  it('an unreadable folder is read (and reported) every time', async () => {
    if (process.getuid?.() === 0) return; // root reads any folder
    const { root, state } = await listed();
    chmodSync(path.join(root, 'src/lib'), 0o000);
    try {
      const d = await cachedEqualsCold(root, state);
      expect(d.skipped).toEqual([{ path: 'src/lib', reason: 'folder cannot be read (EACCES)' }]);
    } finally {
      chmodSync(path.join(root, 'src/lib'), 0o755);
    }
  });
});
