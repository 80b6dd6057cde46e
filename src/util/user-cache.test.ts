// The code caches hold compiled code that runs: their folder must never be inside a tree the run
// audits, even when the user cache folder is set there or reached through a link.

import { mkdirSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { codeCacheDirOutside, toolCacheDir } from './user-cache.js';

const tmp = mkdtempSync(path.join(os.tmpdir(), 'tfa-user-cache-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

let saved: string | undefined;
beforeEach(() => {
  saved = process.env.XDG_CACHE_HOME;
});
afterEach(() => {
  if (saved === undefined) delete process.env.XDG_CACHE_HOME;
  else process.env.XDG_CACHE_HOME = saved;
});

describe.runIf(process.platform === 'linux')('the code cache folder', () => {
  const tree = path.join(tmp, 'repo');
  const elsewhere = path.join(tmp, 'home', '.cache');
  mkdirSync(path.join(tree, '.git'), { recursive: true });
  mkdirSync(path.join(tree, 'services', 'api'), { recursive: true });
  mkdirSync(elsewhere, { recursive: true });
  symlinkSync(tree, path.join(tmp, 'link-to-repo'));

  it('is the tool folder when it lies outside the audited trees', () => {
    process.env.XDG_CACHE_HOME = elsewhere;
    expect(toolCacheDir()).toBe(path.join(elsewhere, 'twelve-factor-audit'));
    expect(codeCacheDirOutside([tree])).toBe(toolCacheDir());
  });

  it('is none when it lies inside an audited tree, not yet created, or reached through a link', () => {
    process.env.XDG_CACHE_HOME = path.join(tree, '.cache');
    expect(codeCacheDirOutside([tree])).toBeUndefined();
    expect(codeCacheDirOutside([path.join(tmp, 'link-to-repo')])).toBeUndefined();
    expect(codeCacheDirOutside([path.join(tree, 'services')])).toBe(toolCacheDir());
    process.env.XDG_CACHE_HOME = path.join(tmp, 'link-to-repo', '.cache');
    expect(codeCacheDirOutside([tree])).toBeUndefined();
  });
});
