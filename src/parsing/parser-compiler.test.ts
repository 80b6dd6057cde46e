// The parser-only copy of the compiler (scripts/parser-compiler.mjs, written by npm run build) parses
// as the original does, and has every compiler value the engine and the rules use. The corpus-wide
// proof is scripts/parser-equivalence.mjs; these samples cover the syntax on every run of the tests.

import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '..', '..');
const MODULE = pathToFileURL(path.join(root, 'dist', 'src', 'parsing', 'typescript-module.js')).href;
const EQUIVALENCE = pathToFileURL(path.join(root, 'scripts', 'parser-equivalence.mjs')).href;
type Compiler = typeof import('typescript');
type Built = typeof import('./typescript-module.js');
type Equivalence = { compareParses: (original: Compiler, parserOnly: Compiler, file: string, text: string) => string | undefined };

const require = createRequire(import.meta.url);
const built = (await import(MODULE)) as Built;
const { compareParses } = (await import(EQUIVALENCE)) as Equivalence;
const original = require(built.originalCompiler()) as Compiler;
const parserOnly = require(built.PARSER_COPY) as Compiler;

const SAMPLES: Record<string, string> = {
  'server.ts': `/** The server. @param port where */
import express, { type Request, Response as Res } from 'express';
import * as fs from 'node:fs';
import fsDefault = require('fs');
export type Handler<T extends object = {}> = (req: Request, res: Res) => Promise<T> | void;
declare module 'x' { export const y: number; }
namespace N.M { export enum Color { Red = 1, Green = Red << 1, Blue = 'b'.length } }
const enum E { A }
abstract class Base<T> implements I { protected abstract run(): void; static #count = 0; #secret?: string; declare x: T;
  constructor(private readonly port: number, public host?: string) { super(); }
  get value(): number { return this.port; } set value(v) {} override toString() { return \`\${this.host}:\${this.port}\`; }
  static { Base.#count++; } accessor name = ''; }
interface I { run?(): void; readonly [key: string]: unknown; new (x: number): I; <T>(y: T): T }
type Mapped<T> = { -readonly [K in keyof T as \`get\${Capitalize<string & K>}\`]+?: T[K] extends infer U extends string ? U : never };
function assertIsString(x: unknown): asserts x is string {}
function* gen(): Generator<number> { yield* [1, 2]; }
async function main() { for await (const x of gen()) { label: for (;;) { break label; } } }
const port = Number(process.env.PORT ?? 3000) satisfies number;
const value = <string>someValue! as unknown as never;
let opt = a?.b?.[c]?.(d) ?? e; f ||= g; g &&= h; h ??= i;
const big = 123_456n + 0x1Fn ** 2n; const re = /(?<year>\\d{4})-\\k<year>/giu.test('x');
using res = getResource(); await using ares = getAsync();
@Controller('/x') export default class App { @Get() @Header('a', 'b') list(@Param('id') id: string) {} }
export { port as default2, main }; export * from './other'; export * as ns from './ns';
const { a, b: [c1, ...rest], ...others } = obj; x = y => ({ y }); if (a) b(); else if (c) d(); else { e(); }
switch (k) { case 1: case 2: break; default: throw new Error('x'); }
try { risky(); } catch { } finally { done(); } do { i++; } while (i < 10); with2: while (false) continue with2;
const tuple: [a: string, b?: number, ...rest: boolean[]] = ['a']; let u: unique symbol; let t: typeof import('./m');
`,
  'view.tsx': `import React from 'react';
export const App = ({ items }: { items: string[] }) => (
  <>
    <List<string> items={items} render={(i) => <li key={i} data-x="1" {...rest}>{i}&amp;{' '}</li>} />
    {items.length > 0 ? <p>many</p> : null}
    <ns:tag attr />
    <input disabled value={\`\${1}\`} />
  </>
);
const generic = <T,>(x: T) => x;
`,
  'legacy.js': `'use strict';
/** @type {import('express').Express} */
const app = require('express')();
/**
 * @param {number} port
 * @returns {Promise<void>}
 * @template T
 * @typedef {{ a: string }} Shape
 */
module.exports = function listen(port) { return new Promise((resolve) => app.listen(port, resolve)); };
var self = this; with (obj) { x = 1; } delete obj[key]; void 0; typeof x === 'undefined';
label: { break label; } debugger; arguments.length; new.target; import.meta.url; import('./dyn.js');
class K { #p = 1; static async *m() {} 'quoted'() {} [computed]() {} 42() {} }
const html = tag\`a\${b}c\${d}e\`; const octal = 0o17, bin = 0b101, exp = 1e-7, legacyOctal = 017;
`,
  'widget.jsx': `export default function Widget(props) {
  return <div className="w" onClick={() => props.onClick?.()}>{props.children}<br/></div>;
}
`,
  'module.mjs': `import config from './config.json' with { type: 'json' };
export const port = process.env.PORT;
export default await Promise.resolve(config);
`,
  'script.cjs': `#!/usr/bin/env node
const { env } = process; exports.port = env.PORT || 8080; if (require.main === module) main();
`,
  'broken.ts': `export const a = ;\nfunction f( { \nclass { }\nconst s = 'unterminated\nlet x: = 1; <div>\n/* unclosed comment`,
  'broken.tsx': `const a = <div><span></div>; const b = <T>(x) => x; enum { }`,
  'broken.js': `let x: number = 1; interface I {} export = x; a ?. b; const { } = ; @dec function f() {}`,
  'unicode.ts': `const ñame = '\\u{1F600}', \\u0061bc = 1, ꞵ = "é"; // 中文\nconst s = '\\x41\\u0042'; const t = \`\\u{41}\`;`,
  'empty.ts': ``,
  'directives.ts': `// @ts-nocheck\n/// <reference path="./a.d.ts" />\n/// <amd-module name="m" />\n// @jsx h\nexport {};`,
  'types.d.ts': `declare global { interface Window { x: number } } export declare function f(): void; declare const v: string;`,
};

describe('the parser-only copy of the compiler', () => {
  it('parses TS, TSX, JS, JSX, ESM, CommonJS, broken and unusual sources as the original does (trees and diagnostics)', () => {
    for (const [file, text] of Object.entries(SAMPLES)) expect(compareParses(original, parserOnly, file, text), file).toBeUndefined();
    // The broken samples do carry diagnostics, so their equality is not the equality of two empty lists.
    const broken = parserOnly.createSourceFile('broken.ts', SAMPLES['broken.ts']!, parserOnly.ScriptTarget.Latest, true) as unknown as { parseDiagnostics: unknown[] };
    expect(broken.parseDiagnostics.length).toBeGreaterThan(3);
  });

  it('parses the engine\'s own parsing sources as the original does', () => {
    const dir = path.join(root, 'src', 'parsing');
    const files = readdirSync(dir).filter((name) => name.endsWith('.ts'));
    expect(files.length).toBeGreaterThan(10);
    for (const name of files) expect(compareParses(original, parserOnly, name, readFileSync(path.join(dir, name), 'utf8')), name).toBeUndefined();
  });

  it('the comparison sees a difference when there is one', () => {
    const shifted = { ...parserOnly, createSourceFile: (file: string, text: string, ...rest: unknown[]) => (parserOnly.createSourceFile as (...a: unknown[]) => unknown)(file, ` ${text}`, ...rest) } as unknown as Compiler;
    expect(compareParses(original, shifted, 'server.ts', SAMPLES['server.ts']!)).toMatch(/node at/);
    const renamed = { ...parserOnly, createSourceFile: (file: string, text: string, ...rest: unknown[]) => (parserOnly.createSourceFile as (...a: unknown[]) => unknown)(file, text.replace('listen', 'lister'), ...rest) } as unknown as Compiler;
    expect(compareParses(original, renamed, 'legacy.js', SAMPLES['legacy.js']!)).toMatch(/node at/);
    const other = { ...parserOnly, createSourceFile: (file: string, text: string, ...rest: unknown[]) => (parserOnly.createSourceFile as (...a: unknown[]) => unknown)(file, text.replace('export const a = ;', 'export const a = 1;'), ...rest) } as unknown as Compiler;
    expect(compareParses(original, other, 'broken.ts', SAMPLES['broken.ts']!)).toMatch(/^diagnostics/);
  });

  it('has every compiler value that src/ and rules/ use, and PARSER_API lists them', () => {
    const used = new Set<string>();
    const walk = (dir: string): void => {
      for (const entry of readdirSync(dir, { withFileTypes: true })) {
        const full = path.join(dir, entry.name);
        if (entry.isDirectory()) {
          if (entry.name !== '__fixtures__' && entry.name !== 'node_modules') walk(full);
        } else if (entry.name.endsWith('.ts')) {
          for (const match of readFileSync(full, 'utf8').matchAll(/(?<![.\w$])ts\.([A-Za-z_$][\w$]*)/g)) used.add(match[1]!);
        }
      }
    };
    walk(path.join(root, 'src'));
    walk(path.join(root, 'rules'));
    // Type names (ts.Node) have no value in the compiler; every name that has one must be in the list.
    const values = [...used].filter((name) => (original as unknown as Record<string, unknown>)[name] !== undefined).sort();
    expect(values.length).toBeGreaterThan(50);
    expect(values.filter((name) => !built.PARSER_API.includes(name))).toEqual([]);
    for (const name of built.PARSER_API) {
      const mine = (parserOnly as unknown as Record<string, unknown>)[name];
      const theirs = (original as unknown as Record<string, unknown>)[name];
      expect(typeof mine, name).toBe(typeof theirs);
      if (typeof theirs === 'object' && name !== 'factory') expect(mine, name).toEqual(theirs); // the enums
    }
    expect(Object.keys(parserOnly).sort()).toEqual([...built.PARSER_API].sort());
  });

  it('is a fraction of the slim copy, keeps the licence and names the original and the list it was made for', () => {
    const text = readFileSync(built.PARSER_COPY, 'utf8');
    expect(text.length).toBeLessThan(readFileSync(built.COMPILER_COPY, 'utf8').length / 3);
    expect(text).toContain('Licensed under the Apache License, Version 2.0');
    expect(text.startsWith(built.parserCopyMarker(built.originalCompiler()))).toBe(true);
    // Neither the checker nor the emitter nor the language service came along.
    for (const gone of ['function createTypeChecker(', 'function createProgram(', 'function createLanguageService(', 'function transformTypeScript(']) expect(text.includes(gone), gone).toBe(false);
  });
});
