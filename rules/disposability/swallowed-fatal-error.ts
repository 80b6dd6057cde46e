import { defineRule } from '../../src/rule-api/types.js';
import { dottedName, stringValue, ts } from '../../src/rule-api/ts-utils.js';
import { isNonProduction } from '../../src/model/file-role.js';

const SIGNAL_METHODS = new Set(['on', 'once', 'addListener', 'prependListener']);
const FATAL_EVENTS = new Set(['uncaughtException', 'unhandledRejection']);
/** A call that ends or hands over the end of the process. */
const ENDS = /(^process\.(exit|kill|abort)$)|exit|shutdown|terminate|kill|crash|die|stop|close|fatal|abort|restart|rethrow|panic/i;
const GLOBALS = new Set(['String', 'Number', 'Boolean', 'Array', 'Object', 'Error', 'Date', 'require', 'inspect', 'format']);
const REPORTS_ONLY = /^(capture|report|track|notify|log|record|send|print|alert)/i;
const LOGGING = /^(console|logger|log|this\.logger|this\.log)\.|\.(log|info|warn|error|debug|trace)$/;

const messages = {
  keepsRunning: 'The {{event}} handler keeps the process running after a fatal error: it goes on serving in an unknown state instead of crashing and being restarted clean.',
};

export default defineRule({
  id: 'disposability/swallowed-fatal-error',
  factor: 'disposability',
  severity: 'warning',
  presets: { recommended: 'off', strict: 'warning' },
  textHints: { ts: ['uncaughtException', 'unhandledRejection'] },
  docs: {
    description: 'An uncaughtException / unhandledRejection handler that logs (or does nothing) and keeps the process running',
    remediation:
      'Log the error, then end the process (process.exit(1), or a graceful shutdown that ends in exit): its state is unknown, and the process manager restarts a clean one.',
  },
  messages,
  create: () => {
    const functions = new Map<string, ts.Node>();
    const pending: Array<{ node: ts.CallExpression; handler: ts.Expression; event: string }> = [];
    return {
      ts: {
        FunctionDeclaration(node: ts.FunctionDeclaration) {
          if (node.name && node.body) functions.set(node.name.text, node.body);
        },
        VariableDeclaration(node: ts.VariableDeclaration) {
          const init = node.initializer;
          if (ts.isIdentifier(node.name) && init && (ts.isArrowFunction(init) || ts.isFunctionExpression(init))) functions.set(node.name.text, init.body);
        },
        CallExpression(node: ts.CallExpression) {
          const e = node.expression;
          if (!ts.isPropertyAccessExpression(e) || !SIGNAL_METHODS.has(e.name.text) || !ts.isIdentifier(e.expression) || e.expression.text !== 'process') return;
          const event = stringValue(node.arguments[0]);
          const handler = node.arguments[1];
          if (event && FATAL_EVENTS.has(event) && handler) pending.push({ node, handler, event });
        },
        'Program:exit'(_sf, ctx) {
          for (const { node, handler, event } of pending) {
            let body: ts.Node | undefined;
            if (ts.isArrowFunction(handler) || ts.isFunctionExpression(handler)) body = handler.body;
            else if (ts.isIdentifier(handler)) body = functions.get(handler.text);
            // process.on('uncaughtException', console.error): logs and carries on.
            const logsOnly = ts.isPropertyAccessExpression(handler) && LOGGING.test(dottedName(handler) ?? '');
            if (!body && !logsOnly) continue;
            if (body && mayEndProcess(body, functions, 0)) continue;
            ctx.report({
              node,
              messageId: 'keepsRunning',
              data: { event },
              evidence: node.getText(ctx.sourceFile).split('\n')[0]!.slice(0, 80),
            });
          }
        },
      },
    };
  },
});

/**
 * True when the body ends the process, or calls a plain function this file cannot see into (it may
 * exit there): the rule then stays silent.
 */
function mayEndProcess(body: ts.Node, functions: Map<string, ts.Node>, depth: number): boolean {
  let ends = false;
  const visit = (n: ts.Node) => {
    if (ends) return;
    if (ts.isThrowStatement(n)) ends = true;
    else if (ts.isCallExpression(n)) {
      const name = dottedName(n.expression) ?? (ts.isPropertyAccessExpression(n.expression) ? n.expression.name.text : '');
      if (ENDS.test(name)) ends = true;
      else if (ts.isIdentifier(n.expression) && !GLOBALS.has(n.expression.text)) {
        const fn = functions.get(n.expression.text);
        // An unseen function may exit, unless its name says it only reports (captureException).
        if (fn === undefined) ends = !REPORTS_ONLY.test(n.expression.text);
        else ends = depth > 2 ? true : mayEndProcess(fn, functions, depth + 1);
      }
      if (!ends) n.forEachChild(visit);
    } else if (ts.isBinaryExpression(n) && n.operatorToken.kind === ts.SyntaxKind.EqualsToken && dottedName(n.left) === 'process.exitCode') ends = true;
    else n.forEachChild(visit);
  };
  visit(body);
  return ends;
}
