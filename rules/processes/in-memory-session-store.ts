import { defineRule } from '../../src/rule-api/types.js';
import { objectArgument, resolveImported } from '../../src/rule-api/ts-imports.js';
import { objectProperty, ts } from '../../src/rule-api/ts-utils.js';

/**
 * Session middlewares whose default store is the process's memory. koa-session and cookie-session
 * are not here: without a store they keep the session in the (signed) cookie, on the client.
 */
const CALLED = new Set(['express-session', 'koa-generic-session', 'koa-session-minimal']);
const REGISTERED = new Set(['@fastify/session', 'fastify-session']);

export default defineRule({
  id: 'processes/in-memory-session-store',
  factor: 'processes',
  severity: 'error',
  // Every module of CALLED and REGISTERED names `session`.
  textHints: { ts: ['session'] },
  docs: {
    description: 'express-session, koa-generic-session or @fastify/session configured without a `store`: sessions live in the memory of one process',
    remediation: 'Give the session middleware a store backed by a service (connect-redis, connect-mongo, connect-pg-simple, @fastify/session with a Redis store), or keep the session on the client (cookie-session, koa-session).',
  },
  messages: {
    noStore: '{{module}} is set up without a store, so it uses its in-memory store: sessions are lost when this process restarts and are not seen by its other instances.',
  },
  create: () => ({
    ts: {
      CallExpression(node: ts.CallExpression, ctx) {
        const sf = ctx.sourceFile;
        const callee = resolveImported(node.expression, sf);
        let module: string | undefined;
        let options: ts.Expression | undefined;
        if (callee && callee.path.length === 0 && CALLED.has(callee.module)) {
          module = callee.module;
          options = node.arguments[0];
        } else if (ts.isPropertyAccessExpression(node.expression) && node.expression.name.text === 'register' && node.arguments[0]) {
          const plugin = resolveImported(node.arguments[0], sf);
          if (plugin && plugin.path.length === 0 && REGISTERED.has(plugin.module)) {
            module = plugin.module;
            options = node.arguments[1];
          }
        }
        if (module === undefined) return;
        if (options !== undefined) {
          const obj = objectArgument(options, sf);
          // Options built elsewhere, or spread from elsewhere, may well carry a store.
          if (!obj || obj.properties.some((p) => ts.isSpreadAssignment(p))) return;
          if (objectProperty(obj, 'store') !== undefined) return;
        }
        ctx.report({ node, messageId: 'noStore', data: { module } });
      },
    },
  }),
});
