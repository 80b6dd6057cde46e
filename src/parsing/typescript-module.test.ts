// The V8 code cache of the compiler: used when it is intact and V8 accepts it, written when absent,
// and a corrupt or foreign file is never trusted: the compiler is compiled from source and the file
// rewritten. Each load runs in its own process (the built module, as the CLI runs it): within one
// process V8 reuses its in-memory compilation of the same script and would never read the file.

import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { compilerCopyCurrent, compilerCopyMarker, parserCopyCurrent, parserCopyMarker } from './typescript-module.js';

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

describe('the slim copy of the compiler (scripts/slim-compiler.mjs)', () => {
  it('is taken only when it starts with the marker of the original as it is now; otherwise the original is loaded', () => {
    const original = path.join(dir, 'original.js');
    const copy = path.join(dir, 'copy.cjs');
    writeFileSync(original, '// the compiler, with its comments\nmodule.exports = { version: "1" };\n');
    expect(compilerCopyCurrent(copy, original)).toBe(false); // missing
    writeFileSync(copy, `${compilerCopyMarker(original)}module.exports={version:"1"};`);
    expect(compilerCopyCurrent(copy, original)).toBe(true);
    // The original updated (another size, or the same size at another time): the copy is stale.
    writeFileSync(original, '// the compiler, with its comments\nmodule.exports = { version: "2" };\n');
    const now = Date.now() / 1000;
    utimesSync(original, now, now + 5);
    expect(compilerCopyCurrent(copy, original)).toBe(false);
    writeFileSync(original, '// another compiler, a longer one\nmodule.exports = { version: "10" };\n');
    expect(compilerCopyCurrent(copy, original)).toBe(false);
    // A copy cut inside its marker, an empty one, a folder in its place.
    writeFileSync(copy, compilerCopyMarker(original).slice(0, 20));
    expect(compilerCopyCurrent(copy, original)).toBe(false);
    writeFileSync(copy, '');
    expect(compilerCopyCurrent(copy, original)).toBe(false);
    expect(compilerCopyCurrent(dir, original)).toBe(false);
  });

  it('the build\'s copy (dist/vendor/, beside the built module) is what a run loads, and it parses as the original does', async () => {
    const built = (await import(MODULE)) as typeof import('./typescript-module.js');
    const { COMPILER_COPY, PARSER_COPY, compilerScript, compilerScripts, originalCompiler } = built;
    expect(COMPILER_COPY).toBe(path.resolve(import.meta.dirname, '..', '..', 'dist', 'vendor', 'typescript.cjs'));
    expect(PARSER_COPY).toBe(path.resolve(import.meta.dirname, '..', '..', 'dist', 'vendor', 'typescript-parser.cjs'));
    expect(existsSync(COMPILER_COPY)).toBe(true); // npm run build writes both
    expect(existsSync(PARSER_COPY)).toBe(true);
    expect(compilerScripts()).toEqual([PARSER_COPY, COMPILER_COPY, originalCompiler()]);
    expect(compilerScript()).toBe(PARSER_COPY);
    const copyText = readFileSync(COMPILER_COPY, 'utf8');
    expect(copyText).toContain('Licensed under the Apache License, Version 2.0');
    expect(copyText.length).toBeLessThan(readFileSync(originalCompiler(), 'utf8').length * 0.8);
    const { createRequire } = await import('node:module');
    const require = createRequire(import.meta.url);
    const slim = require(COMPILER_COPY) as typeof import('typescript');
    const full = require(originalCompiler()) as typeof import('typescript');
    expect(slim.version).toBe(full.version);
    /** Every node's kind, flags and span, in walk order. */
    const shape = (ts: typeof import('typescript'), file: string, text: string): string[] => {
      const out: string[] = [];
      const visit = (node: import('typescript').Node): void => {
        out.push(`${node.kind} ${node.flags} ${node.pos} ${node.end}`);
        ts.forEachChild(node, visit);
      };
      visit(ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, file.endsWith('x') ? ts.ScriptKind.TSX : ts.ScriptKind.TS));
      return out;
    };
    for (const file of ['src/engine/cache.ts', 'src/parsing/typescript-module.ts', 'src/cli/main.ts']) {
      const text = readFileSync(path.resolve(import.meta.dirname, '..', '..', file), 'utf8');
      expect(shape(slim, file, text)).toEqual(shape(full, file, text));
    }
  }, 120_000);

  it('a parser-only copy is taken only when made from the original as it is now and for the API list as it is now', () => {
    const original = path.join(dir, 'original-2.js');
    const copy = path.join(dir, 'parser-copy.cjs');
    writeFileSync(original, 'module.exports = { version: "1" };\n');
    expect(parserCopyCurrent(copy, original)).toBe(false); // missing
    writeFileSync(copy, `${parserCopyMarker(original)}module.exports={};`);
    expect(parserCopyCurrent(copy, original)).toBe(true);
    // The slim copy's marker is not the parser copy's, nor a marker of another API list.
    writeFileSync(copy, `${compilerCopyMarker(original)}module.exports={};`);
    expect(parserCopyCurrent(copy, original)).toBe(false);
    writeFileSync(copy, `${parserCopyMarker(original).replace(/ [0-9a-f]{16}\n$/, ' 0123456789abcdef\n')}module.exports={};`);
    expect(parserCopyCurrent(copy, original)).toBe(false);
    writeFileSync(original, 'module.exports = { version: "22" };\n');
    expect(parserCopyCurrent(copy, original)).toBe(false);
  });

  it('falls back to the next script when a copy is missing, does not load, or lacks part of the API; with and without the code cache', async () => {
    const built = (await import(MODULE)) as typeof import('./typescript-module.js');
    const missing = path.join(dir, 'no-such-copy.cjs');
    const throwing = path.join(dir, 'throwing-copy.cjs');
    const partial = path.join(dir, 'partial-copy.cjs');
    writeFileSync(throwing, 'throw new Error("a damaged copy");\n');
    // A copy with every name but one (an API list grown since the copy was cut, say).
    writeFileSync(partial, `const real = require(${JSON.stringify(built.originalCompiler())});\nmodule.exports = { ...real, createSourceFile: undefined };\n`);
    for (const cacheDir of [undefined, path.join(dir, 'fallback-cache')]) {
      for (const bad of [missing, throwing, partial]) {
        const { compiler, script } = built.loadFirstWorking([bad, built.COMPILER_COPY, built.originalCompiler()], cacheDir);
        expect(script, bad).toBe(built.COMPILER_COPY);
        expect(compiler.isVariableStatement(compiler.createSourceFile('a.ts', 'const a = 1;', compiler.ScriptTarget.Latest, true).statements[0]!)).toBe(true);
      }
      expect(built.loadFirstWorking([missing, throwing, built.originalCompiler()], cacheDir).script).toBe(built.originalCompiler());
      expect(built.loadFirstWorking([missing, throwing, partial], cacheDir).script).toBe('ts-morph');
    }
  }, 120_000);
});
