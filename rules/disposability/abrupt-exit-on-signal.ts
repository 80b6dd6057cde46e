import { defineRule } from '../../src/rule-api/types.js';
import { calleeName, dottedName, stringValue, ts } from '../../src/rule-api/ts-utils.js';
import { isNonProduction } from '../../src/model/file-role.js';

/** Modules whose import means the file runs a server or a queue consumer. */
const SERVER_MODULES = /^((node:)?(http|https|http2|net)|express|fastify|koa|@hapi\/hapi|@nestjs\/core|hono|@hono\/node-server|restify|amqplib|amqp-connection-manager|kafkajs|bull|bullmq|bee-queue|sqs-consumer|@grpc\/grpc-js)$/;
const SIGNAL_METHODS = new Set(['on', 'once', 'addListener', 'prependListener', 'prependOnceListener']);
/** Calls that only report: they neither stop work nor wait for it. */
const LOGGING = /^(console|logger|log|this\.logger|this\.log)\.|\.(log|info|warn|error|debug|trace|fatal)$/;

const messages = {
  abruptExit: 'The SIGTERM handler exits at once: in-flight requests and jobs are cut off instead of being finished.',
};

export default defineRule({
  id: 'disposability/abrupt-exit-on-signal',
  factor: 'disposability',
  severity: 'warning',
  presets: { recommended: 'info', strict: 'warning' },
  // Only `process.on('SIGTERM', ...)` handlers are judged.
  textHints: { ts: ['SIGTERM'] },
  docs: {
    description: 'A SIGTERM handler that calls process.exit() without closing the server or draining work first',
    remediation:
      'In the SIGTERM handler stop taking new work (server.close(), consumer.stop(), worker.close()), wait for in-flight work, close connections, then exit; a forced-exit timer can bound the wait.',
  },
  messages,
  create: () => {
    const pending: ts.CallExpression[] = [];
    let servesOrConsumes = false;
    return {
      ts: {
        ImportDeclaration(node: ts.ImportDeclaration) {
          if (SERVER_MODULES.test(stringValue(node.moduleSpecifier) ?? '')) servesOrConsumes = true;
        },
        CallExpression(node: ts.CallExpression, ctx) {
          const e = node.expression;
          const name = calleeName(node);
          if (name === 'listen' || name === 'createServer') servesOrConsumes = true;
          if (name === 'require' && SERVER_MODULES.test(stringValue(node.arguments[0]) ?? '')) servesOrConsumes = true;
          if (!ts.isPropertyAccessExpression(e) || !SIGNAL_METHODS.has(e.name.text) || !ts.isIdentifier(e.expression) || e.expression.text !== 'process') return;
          if (stringValue(node.arguments[0]) !== 'SIGTERM') return;
          const handler = node.arguments[1];
          if (!handler || !(ts.isArrowFunction(handler) || ts.isFunctionExpression(handler))) return;
          const calls: ts.CallExpression[] = [];
          const visit = (n: ts.Node) => {
            if (ts.isCallExpression(n)) calls.push(n);
            n.forEachChild(visit);
          };
          visit(handler.body);
          const exit = calls.find((c) => dottedName(c.expression) === 'process.exit');
          if (!exit) return;
          // Anything besides exiting and logging (server.close(), shutdown(), await app.close()) is
          // taken as the work of a graceful shutdown.
          const other = calls.filter((c) => c !== exit && dottedName(c.expression) !== 'process.exit' && !LOGGING.test(dottedName(c.expression) ?? calleeName(c) ?? ''));
          if (other.length === 0) pending.push(exit);
        },
        'Program:exit'(_sf, ctx) {
          // A CLI or a script has nothing in flight: only files that serve or consume are judged.
          if (!servesOrConsumes) return;
          for (const exit of pending) {
            ctx.report({
              node: exit,
              messageId: 'abruptExit',
              evidence: exit.getText(ctx.sourceFile),
            });
          }
        },
      },
    };
  },
});
