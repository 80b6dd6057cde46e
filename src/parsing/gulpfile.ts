// gulpfile tasks read statically from the TypeScript AST (never executed), for the run chain of
// `gulp serve`: which task names exist (`gulp.task('serve', fn)`, `exports.serve = fn`, `export const
// serve`, `module.exports = { serve }`, `export default`) and which processes each one starts through
// series/parallel and the functions it calls: `nodemon({ script, exec })` (gulp-nodemon), `spawn('node',
// ['x.js'])`, `fork('x.js')`, `exec('node x.js')`. Only literals are known; anything computed is left out.

import { ts } from './typescript.js';

import type { GulpRun, GulpTask } from './facts.js';

/** Files read as gulpfiles (gulp-cli also takes a `gulpfile.js/` folder with an index). */
export const GULPFILE = /(^|\/)(gulpfile(\.babel)?\.(c?js|mjs|ts|cts|mts)|gulpfile\.js\/index\.(c?js|mjs|ts))$/i;

/** AST nodes looked at per task, and for the whole file (a hostile gulpfile of tasks calling each other). */
const MAX_NODES = 5_000;
const MAX_FILE_NODES = 100_000;
const MAX_DEPTH = 12;
const MAX_TASKS = 200;
const SPAWNERS = new Set(['spawn', 'spawnSync', 'execa', 'execaSync', 'execFile', 'execFileSync', 'crossSpawn']);
const SHELL_RUNNERS = new Set(['exec', 'execSync', 'shell']);

export function gulpTasks(sf: ts.SourceFile): GulpTask[] {
  const decls = new Map<string, ts.Node>();
  const registered: Array<{ name: string; node: ts.Node; expr: ts.Node[] }> = [];
  const add = (name: string, node: ts.Node, expr: ts.Node[]) => {
    if (registered.length < MAX_TASKS) registered.push({ name, node, expr });
  };
  for (const st of sf.statements) {
    const exported = ts.canHaveModifiers(st) && (ts.getModifiers(st) ?? []).some((m) => m.kind === ts.SyntaxKind.ExportKeyword);
    const isDefault = ts.canHaveModifiers(st) && (ts.getModifiers(st) ?? []).some((m) => m.kind === ts.SyntaxKind.DefaultKeyword);
    if (ts.isFunctionDeclaration(st) && st.name) {
      decls.set(st.name.text, st);
      if (exported) add(isDefault ? 'default' : st.name.text, st.name, [st]);
    } else if (ts.isVariableStatement(st)) {
      for (const d of st.declarationList.declarations) {
        if (!ts.isIdentifier(d.name) || !d.initializer) continue;
        decls.set(d.name.text, d.initializer);
        if (exported) add(d.name.text, d.name, [d.initializer]);
      }
    } else if (ts.isExportAssignment(st)) {
      add('default', st, [st.expression]);
    } else if (ts.isExportDeclaration(st) && st.exportClause && ts.isNamedExports(st.exportClause) && !st.moduleSpecifier) {
      for (const el of st.exportClause.elements) add(el.name.text, el, [el.propertyName ?? el.name]);
    } else if (ts.isExpressionStatement(st)) {
      const e = st.expression;
      if (ts.isBinaryExpression(e) && e.operatorToken.kind === ts.SyntaxKind.EqualsToken) {
        const left = e.left.getText(sf);
        const m = /^(?:module\.)?exports\.([\w$]+)$/.exec(left);
        if (m) add(m[1]!, e.left, [e.right]);
        else if (left === 'module.exports' && ts.isObjectLiteralExpression(e.right)) {
          for (const p of e.right.properties) {
            if (ts.isPropertyAssignment(p) && (ts.isIdentifier(p.name) || ts.isStringLiteral(p.name))) add(p.name.text, p.name, [p.initializer]);
            else if (ts.isShorthandPropertyAssignment(p)) add(p.name.text, p.name, [p.name]);
          }
        }
      } else if (ts.isCallExpression(e) && calleeName(e.expression) === 'task' && e.arguments[0] && ts.isStringLiteralLike(e.arguments[0])) {
        // gulp.task('serve', fn), gulp 3's gulp.task('serve', ['build'], fn).
        add(e.arguments[0].text, e.arguments[0], e.arguments.slice(1));
      }
    }
  }

  const tasks: GulpTask[] = [];
  let fileBudget = MAX_FILE_NODES;
  for (const t of registered) {
    const runs: GulpRun[] = [];
    const budget = { left: Math.min(MAX_NODES, fileBudget) };
    const seen = new Set<ts.Node>();
    const taskByName = (name: string) => registered.find((r) => r.name === name);
    const follow = (node: ts.Node, depth: number): void => {
      if (depth > MAX_DEPTH || budget.left <= 0 || seen.has(node)) return;
      seen.add(node);
      const visit = (n: ts.Node): void => {
        if (--budget.left <= 0) return;
        if (ts.isIdentifier(n)) {
          // `x.serve` and `{ serve: 1 }` name properties, not the top-level `serve`.
          const parent = n.parent;
          if (parent && ((ts.isPropertyAccessExpression(parent) && parent.name === n) || (ts.isPropertyAssignment(parent) && parent.name === n))) return;
          // A name given to series/parallel or called: the function or task it names.
          const target = decls.get(n.text);
          if (target && !isInside(n, target)) follow(target, depth + 1);
          return;
        }
        if (ts.isStringLiteralLike(n) && isTaskNameArgument(n)) {
          const named = taskByName(n.text);
          if (named) for (const x of named.expr) follow(x, depth + 1);
          return;
        }
        if (ts.isCallExpression(n)) {
          const run = runOf(n, sf);
          if (run) runs.push(run);
        }
        ts.forEachChild(n, visit);
      };
      visit(node);
    };
    for (const x of t.expr) {
      // gulp 3 dependencies: ['build', 'lint'] run before the task.
      if (ts.isArrayLiteralExpression(x)) {
        for (const el of x.elements) if (ts.isStringLiteralLike(el)) for (const dep of taskByName(el.text)?.expr ?? []) follow(dep, 1);
        continue;
      }
      follow(x, 0);
    }
    fileBudget -= Math.min(MAX_NODES, fileBudget) - Math.max(budget.left, 0);
    const at = sf.getLineAndCharacterOfPosition(t.node.getStart(sf));
    tasks.push({ name: t.name, line: at.line + 1, column: at.character + 1, runs });
  }
  return tasks;
}

/** `series('build', 'serve')`: a string argument of series/parallel names a task. */
function isTaskNameArgument(n: ts.StringLiteralLike): boolean {
  const call = n.parent;
  return call !== undefined && ts.isCallExpression(call) && call.arguments.includes(n as ts.Expression) && /^(series|parallel)$/.test(calleeName(call.expression) ?? '');
}

function isInside(n: ts.Node, container: ts.Node): boolean {
  for (let p: ts.Node | undefined = n; p; p = p.parent) if (p === container) return true;
  return false;
}

function calleeName(e: ts.Expression): string | undefined {
  if (ts.isIdentifier(e)) return e.text;
  if (ts.isPropertyAccessExpression(e)) return e.name.text;
  return undefined;
}

/** The process a call starts, when its arguments are literals. */
function runOf(call: ts.CallExpression, sf: ts.SourceFile): GulpRun | undefined {
  const name = calleeName(call.expression);
  if (!name) return undefined;
  const at = sf.getLineAndCharacterOfPosition(call.getStart(sf));
  const place = { line: at.line + 1, column: at.character + 1 };
  const [first, second] = call.arguments;
  if (name === 'nodemon' && first && ts.isObjectLiteralExpression(first)) {
    const script = stringProp(first, 'script');
    if (script === undefined) return undefined;
    const exec = stringProp(first, 'exec');
    return { argv: [...(exec ? exec.split(/\s+/).filter(Boolean) : ['nodemon']), script], ...place };
  }
  if (name === 'fork' && first && ts.isStringLiteralLike(first)) return { argv: ['node', first.text], ...place };
  if (SPAWNERS.has(name) && first && ts.isStringLiteralLike(first)) {
    const args = second && ts.isArrayLiteralExpression(second) ? second.elements : [];
    if (!args.every((a) => ts.isStringLiteralLike(a))) return undefined;
    return { argv: [first.text, ...args.map((a) => (a as ts.StringLiteralLike).text)], ...place };
  }
  if (SHELL_RUNNERS.has(name) && first && ts.isStringLiteralLike(first)) return { text: first.text, ...place };
  return undefined;
}

function stringProp(obj: ts.ObjectLiteralExpression, key: string): string | undefined {
  for (const p of obj.properties) {
    if (ts.isPropertyAssignment(p) && (ts.isIdentifier(p.name) || ts.isStringLiteral(p.name)) && p.name.text === key && ts.isStringLiteralLike(p.initializer)) return p.initializer.text;
  }
  return undefined;
}
