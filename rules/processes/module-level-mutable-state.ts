import { defineRule } from '../../src/rule-api/types.js';
import { isFunctionLike, ts } from '../../src/rule-api/ts-utils.js';

const MUTATING_METHODS = new Set(['set', 'add', 'push', 'unshift', 'splice', 'delete', 'clear', 'pop', 'shift']);
const CONTAINERS = new Set(['Map', 'Set', 'Array']);
/** Parameter lists of request handlers: (req, res), (request, reply), (ctx, next) for Koa. */
const HANDLER_PARAMS: string[][] = [
  ['req', 'res'],
  ['request', 'response'],
  ['request', 'reply'],
  ['request', 'h'],
  ['ctx', 'next'],
];
const ROUTE_DECORATORS = new Set(['Get', 'Post', 'Put', 'Patch', 'Delete', 'All', 'Head', 'Options']);

interface StateVar {
  name: string;
  decl: ts.VariableDeclaration;
  kind: string;
  mutable: boolean;
}

export default defineRule({
  id: 'processes/module-level-mutable-state',
  factor: 'processes',
  severity: 'info',
  presets: { recommended: 'off', strict: 'warning' },
  docs: {
    description: 'A module-scope Map, Set, array or object (or a `let`) that request handlers change: state that lives in one process',
    remediation: 'Keep state that must outlive a request or be seen by other instances in a backing service (Redis, a database); keep module scope for constants and caches that any instance may rebuild.',
  },
  messages: {
    changedByHandler: 'Module-level {{kind}} {{name}} is changed by a request handler (line {{line}}): it lives in this process only, so other instances do not see it and a restart loses it.',
  },
  create: () => ({
    ts: {
      'Program:exit'(sourceFile, ctx) {
        const vars = new Map<string, StateVar>();
        for (const st of sourceFile.statements) {
          if (!ts.isVariableStatement(st)) continue;
          const isLet = !(st.declarationList.flags & ts.NodeFlags.Const);
          for (const d of st.declarationList.declarations) {
            if (!ts.isIdentifier(d.name)) continue;
            const kind = containerKind(d.initializer);
            if (kind) vars.set(d.name.text, { name: d.name.text, decl: d, kind, mutable: isLet });
            else if (isLet) vars.set(d.name.text, { name: d.name.text, decl: d, kind: 'variable', mutable: true });
          }
        }
        if (vars.size === 0) return;
        const reported = new Set<string>();
        const stack: ts.Node[] = [sourceFile];
        while (stack.length > 0) {
          const n = stack.pop()!;
          if (isFunctionLike(n) && isRequestHandler(n as ts.FunctionLikeDeclaration)) {
            for (const m of mutationsIn(n as ts.FunctionLikeDeclaration, vars)) {
              if (reported.has(m.name)) continue;
              reported.add(m.name);
              const v = vars.get(m.name)!;
              const line = sourceFile.getLineAndCharacterOfPosition(m.node.getStart(sourceFile)).line + 1;
              ctx.report({ node: v.decl, messageId: 'changedByHandler', data: { kind: v.kind, name: v.name, line } });
            }
            continue;
          }
          n.forEachChild((c) => {
            stack.push(c);
          });
        }
      },
    },
  }),
});

function containerKind(init: ts.Expression | undefined): string | undefined {
  if (!init) return undefined;
  if (ts.isNewExpression(init) && ts.isIdentifier(init.expression) && CONTAINERS.has(init.expression.text)) return init.expression.text;
  if (ts.isArrayLiteralExpression(init) && init.elements.length === 0) return 'array';
  // An empty object used as a dictionary; objects with members are usually configuration.
  if (ts.isObjectLiteralExpression(init) && init.properties.length === 0) return 'object';
  return undefined;
}

function isRequestHandler(fn: ts.FunctionLikeDeclaration): boolean {
  const names = fn.parameters.map((p) => (ts.isIdentifier(p.name) ? p.name.text : ''));
  if (HANDLER_PARAMS.some((sig) => sig.every((s, i) => names[i] === s))) return true;
  if (names.length >= 1 && names.length <= 3 && (names[0] === 'req' || names[0] === 'ctx') && fn.parent && ts.isCallExpression(fn.parent)) {
    // `app.get('/x', (req) => ...)`, `router.post(...)`: a route callback even with one parameter.
    const callee = fn.parent.expression;
    if (ts.isPropertyAccessExpression(callee) && /^(get|post|put|patch|delete|all|use|route|head|options)$/.test(callee.name.text)) return true;
  }
  if (ts.isMethodDeclaration(fn)) {
    const decorators = ts.canHaveDecorators(fn) ? (ts.getDecorators(fn) ?? []) : [];
    return decorators.some((d) => ts.isCallExpression(d.expression) && ts.isIdentifier(d.expression.expression) && ROUTE_DECORATORS.has(d.expression.expression.text));
  }
  return false;
}

function mutationsIn(fn: ts.FunctionLikeDeclaration, vars: Map<string, StateVar>): Array<{ name: string; node: ts.Node }> {
  const out: Array<{ name: string; node: ts.Node }> = [];
  const shadowed = new Set<string>();
  const stack: ts.Node[] = [fn];
  const all: ts.Node[] = [];
  while (stack.length > 0) {
    const n = stack.pop()!;
    all.push(n);
    // A local of the same name hides the module variable.
    if ((ts.isVariableDeclaration(n) || ts.isParameter(n) || ts.isBindingElement(n)) && ts.isIdentifier(n.name) && vars.has(n.name.text)) shadowed.add(n.name.text);
    n.forEachChild((c) => {
      stack.push(c);
    });
  }
  const target = (e: ts.Expression): string | undefined => {
    let x = e;
    while (ts.isPropertyAccessExpression(x) || ts.isElementAccessExpression(x)) x = x.expression;
    return ts.isIdentifier(x) && vars.has(x.text) && !shadowed.has(x.text) ? x.text : undefined;
  };
  for (const n of all) {
    let name: string | undefined;
    if (ts.isCallExpression(n) && ts.isPropertyAccessExpression(n.expression) && MUTATING_METHODS.has(n.expression.name.text)) {
      const v = ts.isIdentifier(n.expression.expression) ? n.expression.expression.text : undefined;
      if (v !== undefined && vars.has(v) && !shadowed.has(v) && vars.get(v)!.kind !== 'variable') name = v;
    } else if (ts.isBinaryExpression(n) && n.operatorToken.kind >= ts.SyntaxKind.FirstAssignment && n.operatorToken.kind <= ts.SyntaxKind.LastAssignment) {
      const left = n.left;
      if (ts.isIdentifier(left)) name = vars.get(left.text)?.mutable && !shadowed.has(left.text) ? left.text : undefined;
      else if (ts.isPropertyAccessExpression(left) || ts.isElementAccessExpression(left)) {
        const v = target(left);
        if (v !== undefined && vars.get(v)!.kind !== 'variable') name = v;
      }
    } else if ((ts.isPrefixUnaryExpression(n) || ts.isPostfixUnaryExpression(n)) && (n.operator === ts.SyntaxKind.PlusPlusToken || n.operator === ts.SyntaxKind.MinusMinusToken)) {
      const operand = n.operand;
      if (ts.isIdentifier(operand) && vars.get(operand.text)?.mutable && !shadowed.has(operand.text)) name = operand.text;
      else if (ts.isPropertyAccessExpression(operand) || ts.isElementAccessExpression(operand)) name = target(operand);
    } else if (ts.isDeleteExpression(n)) {
      const e = n.expression;
      if (ts.isPropertyAccessExpression(e) || ts.isElementAccessExpression(e)) name = target(e);
    }
    if (name !== undefined) out.push({ name, node: n });
  }
  return out.sort((a, b) => a.node.pos - b.node.pos);
}

