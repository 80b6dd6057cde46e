// Config files that say what a process manager runs, read statically from the TypeScript AST (never
// executed): pm2 ecosystem files (`module.exports = { apps: [{ script, instances, exec_mode, out_file }] }`)
// and nps package-scripts.js (`module.exports = { scripts: { default: 'node x.js' } }`). Only what is
// written literally is known; anything computed is `unknown` and ends the chain with a reason.

import { ts } from './typescript.js';
import type { StaticValue } from '../parsing/facts.js';

/** Files whose exported object is read: pm2 ecosystem files, nps package-scripts, Remix and React Router configs (appDirectory). */
export const STATIC_CONFIG_FILE = /(^|\/)(ecosystem[\w.-]*|pm2[\w.-]*|process\.config|package-scripts|remix\.config|react-router\.config)\.(c?js|mjs|ts|cts|mts)$/i;

const MAX_ENTRIES = 500;
const MAX_DEPTH = 10;

/** The object of `module.exports = {...}`, `export default {...}` or `module.exports = name` (a const in the file). */
export function staticConfigObject(sf: ts.SourceFile): StaticValue | undefined {
  const constants = new Map<string, ts.Expression>();
  let exported: ts.Expression | undefined;
  for (const st of sf.statements) {
    if (ts.isVariableStatement(st)) {
      for (const d of st.declarationList.declarations) if (ts.isIdentifier(d.name) && d.initializer) constants.set(d.name.text, d.initializer);
    } else if (ts.isExportAssignment(st)) {
      exported = st.expression;
    } else if (ts.isExpressionStatement(st) && ts.isBinaryExpression(st.expression) && st.expression.operatorToken.kind === ts.SyntaxKind.EqualsToken) {
      const left = st.expression.left;
      if (ts.isPropertyAccessExpression(left) && left.getText(sf) === 'module.exports') exported = st.expression.right;
    }
  }
  if (!exported) return undefined;
  const budget = { left: MAX_ENTRIES };
  return toStatic(exported, sf, constants, 0, budget);
}

function toStatic(node: ts.Expression, sf: ts.SourceFile, constants: Map<string, ts.Expression>, depth: number, budget: { left: number }): StaticValue {
  const at = sf.getLineAndCharacterOfPosition(node.getStart(sf));
  const place = { line: at.line + 1, column: at.character + 1 };
  if (depth > MAX_DEPTH || budget.left-- <= 0) return { kind: 'unknown', ...place };
  while (ts.isParenthesizedExpression(node) || ts.isAsExpression(node) || ts.isSatisfiesExpression(node)) node = node.expression;
  if (ts.isIdentifier(node)) {
    const init = constants.get(node.text);
    // A name bound to itself would loop: depth bounds it.
    return init ? toStatic(init, sf, constants, depth + 1, budget) : { kind: 'unknown', ...place };
  }
  // `defineConfig({...})` and similar helpers: the single object argument.
  if (ts.isCallExpression(node) && node.arguments.length === 1 && ts.isObjectLiteralExpression(node.arguments[0]!)) return toStatic(node.arguments[0]!, sf, constants, depth + 1, budget);
  if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) return { kind: 'literal', value: node.text, ...place };
  if (ts.isNumericLiteral(node)) return { kind: 'literal', value: Number(node.text), ...place };
  if (node.kind === ts.SyntaxKind.TrueKeyword) return { kind: 'literal', value: true, ...place };
  if (node.kind === ts.SyntaxKind.FalseKeyword) return { kind: 'literal', value: false, ...place };
  if (ts.isArrayLiteralExpression(node)) return { kind: 'array', items: node.elements.map((e) => toStatic(e, sf, constants, depth + 1, budget)), ...place };
  if (ts.isObjectLiteralExpression(node)) {
    const entries: Array<{ key: string; value: StaticValue }> = [];
    for (const p of node.properties) {
      if (ts.isPropertyAssignment(p)) {
        const key = ts.isIdentifier(p.name) || ts.isStringLiteral(p.name) || ts.isNumericLiteral(p.name) ? p.name.text : undefined;
        if (key !== undefined) entries.push({ key, value: toStatic(p.initializer, sf, constants, depth + 1, budget) });
      } else if (ts.isShorthandPropertyAssignment(p)) {
        entries.push({ key: p.name.text, value: toStatic(p.name, sf, constants, depth + 1, budget) });
      }
    }
    return { kind: 'object', entries, ...place };
  }
  return { kind: 'unknown', ...place };
}

export interface Pm2App {
  name?: string;
  script?: string;
  args?: string[];
  cwd?: string;
  interpreter?: string;
  /** `instances` (a number, or `max`/-1 for one per CPU). */
  instances?: number | string;
  /** `exec_mode: 'cluster'` (or `cluster_mode`): pm2 forks the app in its own cluster. */
  cluster: boolean;
  /** `out_file`, `error_file`, `log_file` (`log`/`output`/`error` aliases): files pm2 writes the app's logs to. */
  logFiles: Array<{ key: string; value: string; line: number; column: number }>;
  line: number;
  column: number;
}

/** `apps` of an ecosystem object (or a bare array of apps, or a single app object). */
export function pm2Apps(config: StaticValue): Pm2App[] | undefined {
  const apps = config.kind === 'object' ? (config.entries.find((e) => e.key === 'apps')?.value ?? (config.entries.some((e) => e.key === 'script') ? config : undefined)) : config;
  const list = apps?.kind === 'array' ? apps.items : apps?.kind === 'object' ? [apps] : undefined;
  if (!list) return undefined;
  const out: Pm2App[] = [];
  for (const item of list) {
    if (item.kind !== 'object') continue;
    const get = (key: string) => item.entries.find((e) => e.key === key)?.value;
    const str = (key: string) => {
      const v = get(key);
      return v?.kind === 'literal' && typeof v.value === 'string' ? v.value : undefined;
    };
    const instancesValue = get('instances');
    const args = get('args');
    const app: Pm2App = { cluster: /cluster/.test(str('exec_mode') ?? ''), logFiles: [], line: item.line, column: item.column };
    const name = str('name');
    if (name !== undefined) app.name = name;
    const script = str('script');
    if (script !== undefined) app.script = script;
    const cwd = str('cwd');
    if (cwd !== undefined) app.cwd = cwd;
    const interpreter = str('interpreter') ?? str('exec_interpreter');
    if (interpreter !== undefined) app.interpreter = interpreter.split('/').pop()!;
    if (instancesValue?.kind === 'literal' && typeof instancesValue.value !== 'boolean') app.instances = instancesValue.value;
    if (args?.kind === 'literal' && typeof args.value === 'string') app.args = args.value.split(/\s+/).filter(Boolean);
    else if (args?.kind === 'array') app.args = args.items.flatMap((a) => (a.kind === 'literal' && typeof a.value === 'string' ? [a.value] : []));
    for (const key of ['out_file', 'error_file', 'log_file', 'output', 'error', 'log']) {
      const v = get(key);
      if (v?.kind === 'literal' && typeof v.value === 'string' && v.value !== '/dev/null' && v.value !== '/dev/stdout' && v.value !== '/dev/stderr') app.logFiles.push({ key, value: v.value, line: v.line, column: v.column });
    }
    out.push(app);
  }
  return out;
}
