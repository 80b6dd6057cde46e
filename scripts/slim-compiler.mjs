// Writes dist/vendor/typescript.cjs: the TypeScript compiler that ts-morph ships
// (@ts-morph/common/dist/typescript.js, 9 MB) without its comments and whitespace (6.7 MB), which
// src/parsing/typescript-module.ts loads instead of the original. Every run that parses a TS file
// reads, decodes and compiles (or deserialises the V8 code cache of) the whole script; a third less
// text is a third less of that (measured: ~270 -> ~200 ms CPU to load it with its code cache, ~600
// -> ~350 ms without). Only whitespace goes: no name is changed and no statement rewritten, so the
// compiler behaves as the original; the Apache-2.0 licence banner (a /*! legal comment) is kept.
//
// The first line names the original the copy was made from (its size and time); the loader uses the
// copy only when the original it finds still has them, and the original otherwise (a copy missing,
// left by another version of @ts-morph/common, or made before an update of it).

import { transformSync } from 'esbuild';
import { mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
// Built by tsc before this script runs (npm run build): where the copy goes and how it is marked
// are the loader's, so that the two cannot disagree.
import { COMPILER_COPY, compilerCopyCurrent, compilerCopyMarker, originalCompiler } from '../dist/src/parsing/typescript-module.js';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

export function slimCompiler() {
  const original = originalCompiler();
  if (compilerCopyCurrent(COMPILER_COPY, original)) return { written: false, bytes: statSync(COMPILER_COPY).size };
  const source = readFileSync(original, 'utf8');
  const out = transformSync(source, { loader: 'js', platform: 'node', target: 'node20', minifyWhitespace: true, legalComments: 'inline', logLevel: 'silent' });
  if (out.warnings.length > 0) throw new Error(`slim-compiler: esbuild warned: ${out.warnings.map((w) => w.text).join('; ')}`);
  if (!out.code.includes('Copyright (c) Microsoft Corporation') || !out.code.includes('Apache License, Version 2.0')) {
    throw new Error('slim-compiler: the licence banner is not in the copy');
  }
  mkdirSync(path.dirname(COMPILER_COPY), { recursive: true });
  const temporary = `${COMPILER_COPY}.${process.pid}.tmp`;
  writeFileSync(temporary, compilerCopyMarker(original) + out.code);
  renameSync(temporary, COMPILER_COPY);
  return { written: true, bytes: statSync(COMPILER_COPY).size };
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const { written, bytes } = slimCompiler();
  console.log(`compiler copy: ${path.relative(repo, COMPILER_COPY)} (${Math.round(bytes / 1024)} KB${written ? '' : ', current'})`);
}
