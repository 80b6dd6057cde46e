// Writes dist/vendor/typescript-parser.cjs: the TypeScript compiler ts-morph ships
// (@ts-morph/common/dist/typescript.js) cut down to what the engine calls (the parser, the node
// guards, a few enums and utilities: PARSER_API in src/parsing/typescript-module.ts), without
// comments and whitespace. The engine never calls the checker, emitter, services or refactors,
// but every run that parses a TS file loads, and runs the top level of, the whole script.
//
// esbuild's tree-shaking cannot do the cut (measured: 6.64 of 6.74 MB left): the script's top level
// registers 87 code fixes and refactors and fills 35 internal namespace objects by calls, which
// esbuild must keep, and through them nearly everything. So the cut is made here, by top-level
// statement, on the compiler's own syntax tree:
// - the roots are the statements that declare a PARSER_API name, and every top-level statement that
//   declares nothing (setObjectAllocator(...), which gives nodes their methods; the `if (sys ...)`
//   settings), except: the code-fix and refactor registrations (dropped: only the language service
//   reads them back), a static member set after its class (`_Version.zero = ...`, kept with the
//   class) and the fill of a namespace object (`__export(ts_JsDoc_exports, {...})`), which is
//   written with the members kept code reads (`ts_JsDoc_exports.getJsDocCommentsFromDeclarations`),
//   or whole when kept code reads the object itself;
// - a statement is kept when a kept statement names what it declares (by identifier text, scopes
//   ignored: a local of the same name keeps a top-level declaration it does not use, never the
//   reverse; property names after a dot or before a colon are not reads).
// A `var` whose initialiser runs code is dropped when nothing kept names it. That code is the
// compiler's own (tables, memoised helpers, the `sys` object); scripts/parser-equivalence.mjs and
// src/parsing/parser-compiler.test.ts prove that the parser of the cut copy builds the same trees and
// diagnostics as the original's.
//
// The kept statements are the original's text, unchanged, in the original order, at the top level of
// the module (the original runs them inside an arrow function; "use strict" stays first). The first
// line is the marker of the original (its size and time, as for the slim copy) followed by a hash of
// the API list, so that a copy made from another compiler or for another list is never loaded.

import { transformSync } from 'esbuild';
import { createRequire } from 'node:module';
import { mkdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
// Built by tsc before this script runs (npm run build): where the copy goes, how it is marked and what
// it exports are the loader's, so that the two cannot disagree.
import { PARSER_API, PARSER_COPY, parserCopyMarker, originalCompiler } from '../dist/src/parsing/typescript-module.js';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const WRAPPER_OPEN = 'var ts = {}; ((module) => {\n';
const WRAPPER_CLOSE = '\n})({ get exports() { return ts; }';
/** Top-level calls whose only effect is to register something for the language service. */
const SERVICE_REGISTRATIONS = new Set(['registerCodeFix', 'registerRefactor']);

/** The names a declaration statement declares at the top level. */
function declaredNames(ts, statement) {
  if ((ts.isFunctionDeclaration(statement) || ts.isClassDeclaration(statement)) && statement.name) return [statement.name.text];
  if (ts.isVariableStatement(statement)) {
    const names = [];
    const collect = (name) => {
      if (ts.isIdentifier(name)) names.push(name.text);
      else for (const element of name.elements) if (!ts.isOmittedExpression(element)) collect(element.name);
    };
    for (const declaration of statement.declarationList.declarations) collect(declaration.name);
    return names;
  }
  return [];
}

/**
 * The top-level name an expression statement only fills: `__export(x_exports, {...})`, a namespace
 * body `((X2) => {...})(X || (X = {}))`; null for a registration that nothing reads back; undefined
 * for a statement of its own (a root).
 */
function filledName(ts, statement) {
  if (!ts.isExpressionStatement(statement)) return undefined;
  const expression = statement.expression;
  // esbuild's note of the export names for Node's ESM loader, never run (`0 && (module.exports = ...)`).
  if (ts.isBinaryExpression(expression) && expression.operatorToken.kind === ts.SyntaxKind.AmpersandAmpersandToken && ts.isNumericLiteral(expression.left) && expression.left.text === '0') return null;
  // A static member set after its class: `_Version.zero = new _Version(...)`.
  if (ts.isBinaryExpression(expression) && expression.operatorToken.kind === ts.SyntaxKind.EqualsToken && ts.isPropertyAccessExpression(expression.left) && ts.isIdentifier(expression.left.expression)) return expression.left.expression.text;
  if (!ts.isCallExpression(expression)) return undefined;
  const call = expression;
  if (ts.isIdentifier(call.expression)) {
    if (SERVICE_REGISTRATIONS.has(call.expression.text)) return null;
    if (call.expression.text === '__export' && call.arguments[0] && ts.isIdentifier(call.arguments[0])) return call.arguments[0].text;
  }
  const last = call.arguments.length === 1 ? call.arguments[0] : undefined;
  if (last && ts.isBinaryExpression(last) && last.operatorToken.kind === ts.SyntaxKind.BarBarToken && ts.isIdentifier(last.left)) return last.left.text;
  return undefined;
}

/**
 * Every identifier text a statement reads (property names after a dot or before a colon are not
 * reads). A member read of a namespace object (`ts_JsDoc_exports.getJsDocCommentsFromDeclarations`)
 * is recorded as `object.member`, so that only that member of the object's fill is kept.
 */
function referencedNames(ts, statement, into, namespaces) {
  const visit = (node) => {
    if (ts.isIdentifier(node)) {
      into.add(node.text);
      return;
    }
    if (ts.isPropertyAccessExpression(node)) {
      if (ts.isIdentifier(node.expression) && namespaces.has(node.expression.text) && ts.isIdentifier(node.name)) into.add(`${node.expression.text}.${node.name.text}`);
      else visit(node.expression);
      return;
    }
    if ((ts.isPropertyAssignment(node) || ts.isMethodDeclaration(node) || ts.isPropertyDeclaration(node) || ts.isGetAccessorDeclaration(node) || ts.isSetAccessorDeclaration(node)) && ts.isIdentifier(node.name)) {
      ts.forEachChild(node, (child) => (child === node.name ? undefined : visit(child)));
      return;
    }
    if (ts.isBindingElement(node) && node.propertyName && ts.isIdentifier(node.propertyName)) {
      ts.forEachChild(node, (child) => (child === node.propertyName ? undefined : visit(child)));
      return;
    }
    ts.forEachChild(node, visit);
  };
  visit(statement);
}

/** The cut-down module text (without marker and minification) and what it kept. */
export function cutCompiler(source, api) {
  const ts = createRequire(import.meta.url)(originalCompiler());
  const start = source.indexOf(WRAPPER_OPEN);
  const end = source.lastIndexOf(WRAPPER_CLOSE);
  if (start < 0 || end < start) throw new Error('parser-compiler: the compiler is not in the wrapper this script knows');
  const banner = source.slice(0, start);
  const body = source.slice(start + WRAPPER_OPEN.length, end);
  const file = ts.createSourceFile('typescript.js', body, ts.ScriptTarget.Latest, false, ts.ScriptKind.JS);

  const declaredBy = new Map(); // name -> indexes of the statements declaring or filling it
  const roots = [];
  const statements = file.statements;
  const add = (name, index) => {
    const list = declaredBy.get(name);
    if (list) list.push(index);
    else declaredBy.set(name, [index]);
  };
  statements.forEach((statement, index) => {
    const names = declaredNames(ts, statement);
    for (const name of names) add(name, index);
    if (names.length > 0) return;
    const filled = filledName(ts, statement);
    if (filled === null) return;
    if (filled === undefined) roots.push(index);
    else add(filled, index);
  });
  // The namespace objects esbuild made of the compiler's namespaces: `var x_exports = {};` filled by
  // one `__export(x_exports, { member: () => target, ... })`, whose members are kept one by one.
  const namespaces = new Map(); // object -> { fill: statement index, members: Map(member -> target name) }
  statements.forEach((statement, index) => {
    if (!ts.isExpressionStatement(statement) || filledName(ts, statement) === undefined) return;
    const call = statement.expression;
    if (!ts.isCallExpression(call) || !ts.isIdentifier(call.expression) || call.expression.text !== '__export') return;
    const [target, members] = call.arguments;
    if (!ts.isIdentifier(target) || !members || !ts.isObjectLiteralExpression(members)) throw new Error('parser-compiler: an __export call of another shape');
    const map = new Map();
    for (const member of members.properties) {
      if (!ts.isPropertyAssignment(member) || !ts.isIdentifier(member.name) || !ts.isArrowFunction(member.initializer) || !ts.isIdentifier(member.initializer.body)) {
        throw new Error(`parser-compiler: a member of ${target.text} of another shape`);
      }
      map.set(member.name.text, member.initializer.body.text);
    }
    namespaces.set(target.text, { fill: index, members: map });
  });
  // The public object, its fill and the wrapper's `module.exports = __toCommonJS(typescript_exports)`
  // are never kept: they are written anew below, for the API alone.
  const exportsObject = 'typescript_exports';
  const publicStatements = new Set([...(declaredBy.get(exportsObject) ?? []), ...(declaredBy.get('module') ?? [])]);
  if (publicStatements.size !== 3) throw new Error(`parser-compiler: expected the public object, its fill and module.exports; found ${publicStatements.size} statements`);
  const keep = new Set(publicStatements); // marked kept so that nothing reaches them; removed below
  const queue = [...roots];
  for (const name of [...api, '__export']) {
    const declaring = declaredBy.get(name);
    if (!declaring) throw new Error(`parser-compiler: the compiler declares no top-level ${name}`);
    queue.push(...declaring);
  }
  const seen = new Set();
  const wholeNamespaces = new Set();
  const keptMembers = new Map(); // namespace object -> its members kept
  const reach = (name) => {
    for (const declaring of declaredBy.get(name) ?? []) if (!keep.has(declaring)) queue.push(declaring);
  };
  while (queue.length > 0) {
    const index = queue.pop();
    if (keep.has(index)) continue;
    keep.add(index);
    const namespaceFilled = [...namespaces.values()].some((n) => n.fill === index);
    if (namespaceFilled) continue; // its members are reached one by one (or all, by a plain read of the object)
    const names = new Set();
    referencedNames(ts, statements[index], names, namespaces);
    for (const own of declaredNames(ts, statements[index])) names.delete(own);
    for (const name of names) {
      if (seen.has(name)) continue;
      seen.add(name);
      const dot = name.indexOf('.');
      const object = dot < 0 ? name : name.slice(0, dot);
      const namespace = namespaces.get(object);
      if (namespace) {
        const members = dot < 0 ? [...namespace.members.keys()] : [name.slice(dot + 1)];
        if (dot < 0) wholeNamespaces.add(object);
        let read = keptMembers.get(object);
        if (!read) keptMembers.set(object, (read = new Set()));
        for (const member of members) {
          const target = namespace.members.get(member);
          if (target === undefined) throw new Error(`parser-compiler: ${object} has no member ${member}`);
          read.add(member);
          reach(target);
        }
        reach(object);
      } else {
        reach(name);
      }
    }
  }
  for (const index of publicStatements) keep.delete(index);

  const fills = new Map([...namespaces].map(([object, namespace]) => [namespace.fill, object]));
  const kept = [...keep].sort((a, b) => a - b).map((index) => {
    const object = fills.get(index);
    if (object === undefined || wholeNamespaces.has(object)) return body.slice(statements[index].getStart(file), statements[index].end);
    // The fill with the members that are read, as esbuild writes it.
    const members = [...namespaces.get(object).members].filter(([member]) => keptMembers.get(object)?.has(member));
    return `__export(${object}, {\n${members.map(([member, target]) => `  ${member}: () => ${target}`).join(',\n')}\n});`;
  });
  const exportsList = api.map((name) => `  ${name}: () => ${name}`).join(',\n');
  const text = `${banner}${kept.join('\n')}\nvar ${exportsObject} = {};\n__export(${exportsObject}, {\n${exportsList}\n});\nmodule.exports = ${exportsObject};\n`;
  return { text, statements: statements.length, kept: keep.size };
}

export function parserCompiler() {
  const original = originalCompiler();
  // Always written: the marker says which compiler and API list the copy is for, not which version of
  // this script cut it.
  const { text, statements, kept } = cutCompiler(readFileSync(original, 'utf8'), PARSER_API);
  const out = transformSync(text, { loader: 'js', platform: 'node', target: 'node20', minifyWhitespace: true, legalComments: 'inline', logLevel: 'silent' });
  if (out.warnings.length > 0) throw new Error(`parser-compiler: esbuild warned: ${out.warnings.map((w) => w.text).join('; ')}`);
  if (!out.code.includes('Copyright (c) Microsoft Corporation') || !out.code.includes('Apache License, Version 2.0')) {
    throw new Error('parser-compiler: the licence banner is not in the copy');
  }
  mkdirSync(path.dirname(PARSER_COPY), { recursive: true });
  const temporary = `${PARSER_COPY}.${process.pid}.tmp`;
  writeFileSync(temporary, parserCopyMarker(original) + out.code);
  renameSync(temporary, PARSER_COPY);
  return { bytes: statSync(PARSER_COPY).size, statements, kept };
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  try {
    const { bytes, statements, kept } = parserCompiler();
    console.log(`parser-only compiler: ${path.relative(repo, PARSER_COPY)} (${Math.round(bytes / 1024)} KB, ${kept} of ${statements} top-level statements)`);
  } catch (error) {
    // A compiler of another shape (an update of @ts-morph/common) must not break the build: without a
    // current copy the loader takes the slim copy or the original, and parser-compiler.test.ts fails.
    rmSync(PARSER_COPY, { force: true });
    console.warn(`parser-only compiler not written (runs load the slim copy): ${error instanceof Error ? error.message : String(error)}`);
  }
}
