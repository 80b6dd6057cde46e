// The V8 code cache of the compiler: used when it is intact and V8 accepts it, written when absent,
// and a corrupt or foreign file is never trusted: the compiler is compiled from source and the file
// rewritten. Each load runs in its own process (the built module, as the CLI runs it): within one
// process V8 reuses its in-memory compilation of the same script and would never read the file.

import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const MODULE = pathToFileURL(path.resolve(import.meta.dirname, '..', '..', 'dist', 'src', 'parsing', 'typescript-module.js')).href;
const dir = mkdtempSync(path.join(os.tmpdir(), 'tfa-code-cache-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Loads the compiler with the code cache in `cacheDir` in a fresh process; its outcome, and whether it parses. */
function load(cacheDir: string): string {
  const script = `
    const { loadCompilerWithCodeCache } = await import(${JSON.stringify(MODULE)});
    const { compiler, outcome } = loadCompilerWithCodeCache(${JSON.stringify(cacheDir)});
    const sf = compiler.createSourceFile('a.ts', 'const port = Number(process.env.PORT ?? 3000);', compiler.ScriptTarget.Latest, true);
    console.log(outcome, compiler.isVariableStatement(sf.statements[0]) ? 'parses' : 'broken');`;
  const r = spawnSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8', timeout: 60_000 });
  expect(r.stderr).toBe('');
  return r.stdout.trim();
}

describe('the compiler code cache', () => {
  it('is written when absent, used next time; a corrupt, truncated or foreign file is refused, ignored and rewritten', () => {
    expect(load(dir)).toBe('written parses');
    const files = readdirSync(dir);
    expect(files).toHaveLength(1);
    expect(files[0]).toMatch(/^typescript-[0-9a-f]{16}\.v8cache$/);
    const cacheFile = path.join(dir, files[0]!);
    const written = readFileSync(cacheFile);
    expect(written.length).toBeGreaterThan(100_000);
    expect(load(dir)).toBe('used parses');

    // One byte changed in the data (its checksum no longer matches), garbage, a truncated file.
    const flipped = Buffer.from(written);
    const middle = flipped.length >> 1;
    flipped.writeUInt8(flipped.readUInt8(middle) ^ 0xff, middle);
    for (const bad of [flipped, Buffer.alloc(written.length, 0x5a), written.subarray(0, 64)]) {
      writeFileSync(cacheFile, bad);
      expect(load(dir)).toBe('rejected-and-written parses');
      expect(readFileSync(cacheFile).equals(bad)).toBe(false);
    }
    // Data V8 refuses although its checksum is right (as from another Node): still refused.
    const foreign = Buffer.alloc(4096, 7);
    writeFileSync(cacheFile, Buffer.concat([createHash('sha256').update(foreign).digest(), foreign]));
    expect(load(dir)).toBe('rejected-and-written parses');
    expect(load(dir)).toBe('used parses');
  }, 180_000);

  it('loads the compiler when the cache folder cannot be written', () => {
    const blocked = path.join(dir, 'not-a-folder');
    writeFileSync(blocked, 'a file where the folder would go');
    expect(load(path.join(blocked, 'cache'))).toBe('unwritable parses');
  }, 60_000);
});
