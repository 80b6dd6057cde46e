// Small, syntax-only helpers that TS rules and the model's fact collectors share. No type checker: everything here reads the shape
// of the code as written.

import { ts } from '../typescript-module.js';

export { ts };

/** `'x'`, `"x"`, `` `x` `` without substitutions. */
export function stringValue(node: ts.Node | undefined): string | undefined {
  if (!node) return undefined;
  if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) return node.text;
  return undefined;
}

/** `process.env` (also `global.process.env`, `globalThis.process.env`). */
export function isProcessEnv(node: ts.Node): boolean {
  if (!ts.isPropertyAccessExpression(node) || node.name.text !== 'env') return false;
  const target = node.expression;
  if (ts.isIdentifier(target)) return target.text === 'process';
  return ts.isPropertyAccessExpression(target) && target.name.text === 'process';
}

/** The env var name of `process.env.X` / `process.env['X']`, else undefined. */
export function envVarName(node: ts.Node): string | undefined {
  if (ts.isPropertyAccessExpression(node) && isProcessEnv(node.expression)) return node.name.text;
  if (ts.isElementAccessExpression(node) && isProcessEnv(node.expression)) return stringValue(node.argumentExpression);
  return undefined;
}

/** Method name of a call (`a.b.listen()` -> `listen`) or the function name (`listen()` -> `listen`). */
export function calleeName(call: ts.CallExpression | ts.NewExpression): string | undefined {
  const e = call.expression;
  if (ts.isIdentifier(e)) return e.text;
  if (ts.isPropertyAccessExpression(e)) return e.name.text;
  return undefined;
}

/** Dotted text of a callee when it is made of identifiers only: `winston.transports.File`. */
export function dottedName(node: ts.Node): string | undefined {
  if (ts.isIdentifier(node)) return node.text;
  if (ts.isPropertyAccessExpression(node)) {
    const left = dottedName(node.expression);
    return left === undefined ? undefined : `${left}.${node.name.text}`;
  }
  if (node.kind === ts.SyntaxKind.ThisKeyword) return 'this';
  return undefined;
}

export function propertyNameText(name: ts.PropertyName | ts.BindingName): string | undefined {
  if (ts.isIdentifier(name) || ts.isStringLiteral(name) || ts.isNumericLiteral(name) || ts.isPrivateIdentifier(name)) return name.text;
  return undefined;
}

/** A property of an object literal by name (`{ port: 3000 }` -> the `3000` node). */
export function objectProperty(node: ts.Node | undefined, name: string): ts.Expression | undefined {
  if (!node || !ts.isObjectLiteralExpression(node)) return undefined;
  for (const p of node.properties) {
    if (ts.isPropertyAssignment(p) && propertyNameText(p.name) === name) return p.initializer;
    if (ts.isShorthandPropertyAssignment(p) && p.name.text === name) return p.name;
  }
  return undefined;
}

export function isFunctionLike(node: ts.Node): boolean {
  return (
    ts.isFunctionDeclaration(node) ||
    ts.isFunctionExpression(node) ||
    ts.isArrowFunction(node) ||
    ts.isMethodDeclaration(node) ||
    ts.isConstructorDeclaration(node) ||
    ts.isGetAccessorDeclaration(node) ||
    ts.isSetAccessorDeclaration(node)
  );
}

export function isInsideFunction(node: ts.Node): boolean {
  for (let p = node.parent; p; p = p.parent) if (isFunctionLike(p)) return true;
  return false;
}

/** Strips parentheses, `as`, `!`, `satisfies` and `await`. */
export function unwrap(node: ts.Expression): ts.Expression {
  // One read of `kind` per step (nodes come in many shapes, so each read is a slow, megamorphic one;
  // six ts.isX calls read it six times): this runs on most expressions the collectors look at.
  const K = ts.SyntaxKind;
  let n = node;
  for (;;) {
    const kind = n.kind;
    if (
      kind === K.ParenthesizedExpression ||
      kind === K.AsExpression ||
      kind === K.NonNullExpression ||
      kind === K.SatisfiesExpression ||
      kind === K.AwaitExpression ||
      kind === K.TypeAssertionExpression
    ) {
      n = (n as ts.Expression & { expression: ts.Expression }).expression;
    } else return n;
  }
}

/** Does any node below `node` (included) satisfy `test`? Iterative, so deep trees cannot overflow. */
export function containsNode(node: ts.Node, test: (n: ts.Node) => boolean): boolean {
  const stack: ts.Node[] = [node];
  while (stack.length > 0) {
    const n = stack.pop()!;
    if (test(n)) return true;
    n.forEachChild((c) => {
      stack.push(c);
    });
  }
  return false;
}

/** Text of a path argument when it can be read: `'app.log'`, `path.join(dir, 'app.log')`, `` `${dir}/app.log` ``. */
export function pathText(node: ts.Node | undefined): string | undefined {
  if (!node) return undefined;
  const direct = stringValue(node);
  if (direct !== undefined) return direct;
  if (ts.isTemplateExpression(node)) return node.head.text + node.templateSpans.map((s) => `\${}${s.literal.text}`).join('');
  if (ts.isCallExpression(node) && /^(path\.)?(join|resolve)$/.test(dottedName(node.expression) ?? '')) {
    const parts = node.arguments.map((a) => stringValue(a) ?? '${}');
    return parts.join('/');
  }
  if (ts.isBinaryExpression(node) && node.operatorToken.kind === ts.SyntaxKind.PlusToken) {
    return (pathText(node.left) ?? '${}') + (pathText(node.right) ?? '${}');
  }
  return undefined;
}

/** NODE_ENV values a developer's or a test run sets. */
const NON_PRODUCTION_NODE_ENV = /^(development|dev|test|testing|local)$/;

/**
 * Whether `node` runs only when NODE_ENV is not production: inside the branch of an `if`, `?:` or
 * `&&` whose condition says so (`if (process.env.NODE_ENV !== 'production' && ENABLE_SWAGGER)`, the
 * `else` of `if (process.env.NODE_ENV === 'production')`, `NODE_ENV === 'development' && require(...)`).
 */
export function insideNonProductionBranch(node: ts.Node): boolean {
  let child: ts.Node = node;
  for (let p = node.parent; p && !ts.isSourceFile(p); child = p, p = p.parent) {
    if (ts.isIfStatement(p)) {
      if (child === p.thenStatement && saysNotProduction(p.expression, true)) return true;
      if (child === p.elseStatement && saysNotProduction(p.expression, false)) return true;
    } else if (ts.isConditionalExpression(p)) {
      if (child === p.whenTrue && saysNotProduction(p.condition, true)) return true;
      if (child === p.whenFalse && saysNotProduction(p.condition, false)) return true;
    } else if (ts.isBinaryExpression(p) && p.operatorToken.kind === ts.SyntaxKind.AmpersandAmpersandToken && child === p.right && saysNotProduction(p.left, true)) {
      return true;
    }
  }
  return false;
}

/** Whether `condition` holding (`holds`), or failing, means NODE_ENV is not production. */
function saysNotProduction(condition: ts.Expression, holds: boolean): boolean {
  const c = unwrap(condition);
  if (ts.isPrefixUnaryExpression(c) && c.operator === ts.SyntaxKind.ExclamationToken) return saysNotProduction(c.operand, !holds);
  if (!ts.isBinaryExpression(c)) return false;
  const op = c.operatorToken.kind;
  const K = ts.SyntaxKind;
  // `a && b` holding means both hold; `a || b` failing means both fail.
  if (op === K.AmpersandAmpersandToken && holds) return saysNotProduction(c.left, true) || saysNotProduction(c.right, true);
  if (op === K.BarBarToken && !holds) return saysNotProduction(c.left, false) || saysNotProduction(c.right, false);
  const equality = op === K.EqualsEqualsEqualsToken || op === K.EqualsEqualsToken;
  if (!equality && op !== K.ExclamationEqualsEqualsToken && op !== K.ExclamationEqualsToken) return false;
  const left = unwrap(c.left);
  const right = unwrap(c.right);
  const value = envVarName(left) === 'NODE_ENV' ? stringValue(right) : envVarName(right) === 'NODE_ENV' ? stringValue(left) : undefined;
  if (value === undefined) return false;
  // Whether NODE_ENV equals the value when the branch runs.
  const equalInBranch = equality === holds;
  if (value === 'production') return !equalInBranch;
  return equalInBranch && NON_PRODUCTION_NODE_ENV.test(value);
}
