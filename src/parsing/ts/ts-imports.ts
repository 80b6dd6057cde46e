// Which module a name in a file comes from, syntax-only: `import x from 'm'`, `import * as x`,
// `import { a as b }`, `const x = require('m')`, `const { a } = require('m')`,
// `const x = require('m').a`, `import x = require('m')`. Rules use it to tell `session()` of
// express-session from any other function called `session`.

import { ts } from '../typescript-module.js';
import { propertyNameText, stringValue, unwrap } from './ts-utils.js';

export interface ImportBinding {
  module: string;
  /** Property path inside the module: [] for a default or namespace import, ['Pool'] for `{ Pool }`. */
  path: string[];
}

const cache = new WeakMap<ts.SourceFile, Map<string, ImportBinding>>();

function requiredModule(node: ts.Expression): { module: string; path: string[] } | undefined {
  const e = unwrap(node);
  if (ts.isCallExpression(e) && ts.isIdentifier(e.expression) && e.expression.text === 'require' && e.arguments.length === 1) {
    const m = stringValue(e.arguments[0]);
    return m === undefined ? undefined : { module: m, path: [] };
  }
  // require('m').a.b
  if (ts.isPropertyAccessExpression(e)) {
    const inner = requiredModule(e.expression);
    return inner ? { module: inner.module, path: [...inner.path, e.name.text] } : undefined;
  }
  return undefined;
}

/** Local name -> where it comes from, for the module-level imports and requires of a file. */
export function importBindings(sourceFile: ts.SourceFile): Map<string, ImportBinding> {
  const cached = cache.get(sourceFile);
  if (cached) return cached;
  const map = new Map<string, ImportBinding>();
  const visitDeclarations = (list: ts.VariableDeclarationList) => {
    for (const d of list.declarations) {
      if (!d.initializer) continue;
      const req = requiredModule(d.initializer);
      if (!req) continue;
      if (ts.isIdentifier(d.name)) map.set(d.name.text, req);
      else if (ts.isObjectBindingPattern(d.name)) {
        for (const el of d.name.elements) {
          if (!ts.isIdentifier(el.name)) continue;
          const key = el.propertyName ? propertyNameText(el.propertyName) : el.name.text;
          if (key !== undefined) map.set(el.name.text, { module: req.module, path: [...req.path, key] });
        }
      }
    }
  };
  const stack: ts.Node[] = [...sourceFile.statements];
  while (stack.length > 0) {
    const st = stack.pop()!;
    if (ts.isImportDeclaration(st)) {
      const module = stringValue(st.moduleSpecifier);
      const clause = st.importClause;
      if (module === undefined || !clause) continue;
      if (clause.name) map.set(clause.name.text, { module, path: [] });
      const nb = clause.namedBindings;
      if (nb && ts.isNamespaceImport(nb)) map.set(nb.name.text, { module, path: [] });
      if (nb && ts.isNamedImports(nb)) {
        for (const el of nb.elements) {
          const imported = el.propertyName ? (ts.isIdentifier(el.propertyName) ? el.propertyName.text : el.propertyName.text) : el.name.text;
          map.set(el.name.text, imported === 'default' ? { module, path: [] } : { module, path: [imported] });
        }
      }
    } else if (ts.isImportEqualsDeclaration(st) && ts.isExternalModuleReference(st.moduleReference)) {
      const module = stringValue(st.moduleReference.expression);
      if (module !== undefined) map.set(st.name.text, { module, path: [] });
    } else if (ts.isVariableStatement(st)) {
      visitDeclarations(st.declarationList);
    } else if (ts.isBlock(st) || ts.isIfStatement(st) || ts.isTryStatement(st)) {
      // Requires inside `if`/`try` at module level (optional dependencies).
      st.forEachChild((c) => {
        if (ts.isStatement(c) || ts.isBlock(c)) stack.push(c);
      });
    }
  }
  cache.set(sourceFile, map);
  return map;
}

/**
 * Module and property path of an expression: `session` -> express-session [];
 * `mongoose.connect` -> mongoose ['connect']; `pg.Pool` / `Pool` -> pg ['Pool'];
 * `require('pg').Pool` -> pg ['Pool']. Undefined when the root is not imported.
 */
export function resolveImported(node: ts.Expression, sourceFile: ts.SourceFile): ImportBinding | undefined {
  const e = unwrap(node);
  // Most calls of a file are not on an imported name (`res.json()`, `this.repo.find()`): find the
  // leftmost identifier first and leave before building any string.
  let head: ts.Expression = e;
  while (ts.isPropertyAccessExpression(head)) head = head.expression;
  if (ts.isIdentifier(head)) {
    if (!importBindings(sourceFile).has(head.text)) return undefined;
  } else if (head.kind === ts.SyntaxKind.ThisKeyword) {
    return undefined;
  }
  const direct = requiredModule(e);
  if (direct) return direct;
  // Otherwise only `name.a.b` on an imported name: the property names from the root outwards.
  if (!ts.isIdentifier(head)) return undefined;
  const binding = importBindings(sourceFile).get(head.text)!;
  const rest: string[] = [];
  for (let cur: ts.Expression = e; ts.isPropertyAccessExpression(cur); cur = cur.expression) rest.push(cur.name.text);
  rest.reverse();
  // `import pg from 'pg'` then `pg.default.Pool`: interop noise.
  const tail = rest[0] === 'default' ? rest.slice(1) : rest;
  return { module: binding.module, path: [...binding.path, ...tail] };
}

/** The initializer of a module-level `const NAME = <expr>` of this file, to follow `connect(MONGO_URL)`. */
export function moduleConstant(name: string, sourceFile: ts.SourceFile): ts.Expression | undefined {
  for (const st of sourceFile.statements) {
    if (!ts.isVariableStatement(st)) continue;
    if (!(st.declarationList.flags & ts.NodeFlags.Const)) continue;
    for (const d of st.declarationList.declarations) {
      if (ts.isIdentifier(d.name) && d.name.text === name && d.initializer) return d.initializer;
    }
  }
  return undefined;
}

/** An object literal argument, or a module-level const bound to one (`session(sessionOptions)`). */
export function objectArgument(node: ts.Expression | undefined, sourceFile: ts.SourceFile): ts.ObjectLiteralExpression | undefined {
  if (!node) return undefined;
  let e = unwrap(node);
  if (ts.isIdentifier(e)) {
    const init = moduleConstant(e.text, sourceFile);
    if (!init) return undefined;
    e = unwrap(init);
  }
  return ts.isObjectLiteralExpression(e) ? e : undefined;
}
