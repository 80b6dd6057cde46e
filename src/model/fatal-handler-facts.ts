// Facts for disposability/swallowed-fatal-error, gathered in the same walk as ts-facts.ts:
// `process.on('uncaughtException' | 'unhandledRejection', handler)` and whether the handler may end
// the process. The rule decides in the project phase whether the file runs in a deployed process.

import type { FatalHandlerFact, Pos } from '../parsing/facts.js';
import { dottedName, stringValue, ts } from '../parsing/ts/ts-utils.js';
import { NO_HANDLERS, textMayHold, type Handlers } from './fact-gates.js';

const ADD_METHODS = new Set(['on', 'once', 'addListener', 'prependListener', 'prependOnceListener']);
const REMOVE_METHODS = new Set(['off', 'removeListener']);
const FATAL_EVENTS = new Set(['uncaughtException', 'unhandledRejection']);
/** A call that ends or hands over the end of the process. */
const ENDS = /(^process\.(exit|kill|abort)$)|exit|shutdown|terminate|kill|crash|die|stop|close|fatal|abort|restart|rethrow|panic/i;
const GLOBALS = new Set(['String', 'Number', 'Boolean', 'Array', 'Object', 'Error', 'Date', 'require', 'inspect', 'format']);
const REPORTS_ONLY = /^(capture|report|track|notify|log|record|send|print|alert)/i;
const LOGGING = /^(console|logger|log|this\.logger|this\.log)\.|\.(log|info|warn|error|debug|trace)$/;
/** Only files that name a fatal event pay for the function table. */
const MENTIONS_FATAL = /uncaughtException|unhandledRejection/;

export interface FatalHandlerCollector {
  handlers: Handlers;
  finish(): { fatalHandlers?: FatalHandlerFact[] };
}

export function createFatalHandlerCollector(sf: ts.SourceFile, pos: (node: ts.Node, sf: ts.SourceFile) => Pos): FatalHandlerCollector {
  if (!textMayHold(MENTIONS_FATAL, sf.text)) return { handlers: NO_HANDLERS, finish: () => ({}) };
  const functions = new Map<string, ts.Node>();
  const added: Array<{ node: ts.CallExpression; handler: ts.Expression; event: string }> = [];
  /** `event\0name` of listeners removed again (process.off(event, listener)). */
  const removed = new Set<string>();
  return {
    handlers: {
      FunctionDeclaration(node: ts.FunctionDeclaration) {
        if (node.name && node.body) functions.set(node.name.text, node.body);
      },
      VariableDeclaration(node: ts.VariableDeclaration) {
        const init = node.initializer;
        if (ts.isIdentifier(node.name) && init && (ts.isArrowFunction(init) || ts.isFunctionExpression(init))) functions.set(node.name.text, init.body);
      },
      CallExpression(node: ts.CallExpression) {
        const e = node.expression;
        if (!ts.isPropertyAccessExpression(e) || !ts.isIdentifier(e.expression) || e.expression.text !== 'process') return;
        const method = e.name.text;
        const event = stringValue(node.arguments[0]);
        const handler = node.arguments[1];
        if (!event || !FATAL_EVENTS.has(event) || !handler) return;
        if (ADD_METHODS.has(method)) added.push({ node, handler, event });
        else if (REMOVE_METHODS.has(method) && ts.isIdentifier(handler)) removed.add(`${event}\0${handler.text}`);
      },
    },
    finish() {
      const fatalHandlers: FatalHandlerFact[] = [];
      for (const { node, handler, event } of added) {
        // A listener removed again is scoped to one operation (ignoring a known rejection while a
        // pool closes), not the process's policy for fatal errors.
        if (ts.isIdentifier(handler) && removed.has(`${event}\0${handler.text}`)) continue;
        let body: ts.Node | undefined;
        if (ts.isArrowFunction(handler) || ts.isFunctionExpression(handler)) body = handler.body;
        else if (ts.isIdentifier(handler)) body = functions.get(handler.text);
        // process.on('uncaughtException', console.error): logs and carries on.
        const logsOnly = ts.isPropertyAccessExpression(handler) && LOGGING.test(dottedName(handler) ?? '');
        // A handler this file cannot see into may end the process: unknown, not recorded as keeping it up.
        const keepsRunning = logsOnly || (body !== undefined && !mayEndProcess(body, functions, 0));
        fatalHandlers.push({ event, keepsRunning, text: node.getText(sf).split('\n')[0]!.slice(0, 80), ...pos(node, sf) });
      }
      return fatalHandlers.length > 0 ? { fatalHandlers } : {};
    },
  };
}

/**
 * True when the body ends the process, or calls a plain function this file cannot see into (it may
 * exit there).
 */
function mayEndProcess(body: ts.Node, functions: Map<string, ts.Node>, depth: number): boolean {
  let ends = false;
  const visit = (n: ts.Node) => {
    if (ends) return;
    if (ts.isThrowStatement(n)) ends = true;
    else if (ts.isCallExpression(n)) {
      const name = dottedName(n.expression) ?? (ts.isPropertyAccessExpression(n.expression) ? n.expression.name.text : '');
      if (ENDS.test(name)) ends = true;
      // `process.emit('SIGTERM')`: the process's own signal handlers take over its end (a graceful
      // shutdown registered elsewhere, rudder-transformer's http-graceful-shutdown).
      else if (name === 'process.emit' && /^SIG[A-Z]+$/.test(stringValue(n.arguments[0]) ?? '')) ends = true;
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
