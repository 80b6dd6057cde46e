import { defineRule } from '../../src/rule-api/types.js';
import { moduleConstant, objectArgument, resolveImported, type ImportBinding } from '../../src/rule-api/ts-imports.js';
import { objectProperty, ts, unwrap } from '../../src/rule-api/ts-utils.js';
import { SESSION_MIDDLEWARES, sessionStoreOf, type SessionStore } from '../../src/knowledge/session-stores.js';

const CALLED = new Set(SESSION_MIDDLEWARES.filter((m) => m.setup === 'call').map((m) => m.package));
const REGISTERED = new Set(SESSION_MIDDLEWARES.filter((m) => m.setup === 'register').map((m) => m.package));

export default defineRule({
  id: 'processes/in-memory-session-store',
  factor: 'processes',
  severity: 'error',
  presets: { recommended: 'info', strict: 'error' },
  // Every module of SESSION_MIDDLEWARES names `session`.
  textHints: { ts: ['session'] },
  docs: {
    description:
      'express-session, koa-generic-session or @fastify/session configured without a `store`, or with an in-memory or local-file store (MemoryStore, memorystore, session-file-store): sessions live in one process',
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
          // `const opts = {...}; opts.store = new RedisStore(...)`: the store is added after the literal.
          const named = unwrap(options);
          if (ts.isIdentifier(named) && assignsStore(ctx.text, named.text)) return;
          const store = objectProperty(obj, 'store') ?? shorthand(obj, 'store');
          if (store !== undefined) {
            const known = storeOf(store, sf);
            if (known && known.backing !== 'service') {
              const where = known.backing === 'memory' ? "this process's memory" : 'files on the local disk of this container';
              ctx.report({
                node: store,
                message: `${module} is given ${known.package}${known.export.length > 0 ? ` ${known.export.join('.')}` : ''} as its store, which keeps sessions in ${where}: they are lost when this process restarts and are not seen by its other instances.`,
              });
            }
            return;
          }
        }
        ctx.report({ node, messageId: 'noStore', data: { module } });
      },
    },
  }),
});

/** `name.store = ...` somewhere in the text (not `==`, not `other_name.store`). */
function assignsStore(text: string, name: string): boolean {
  const needle = `${name}.store`;
  for (let i = text.indexOf(needle); i >= 0; i = text.indexOf(needle, i + 1)) {
    if (i > 0 && /[\w$.]/.test(text[i - 1]!)) continue;
    let j = i + needle.length;
    while (text[j] === ' ' || text[j] === '\t') j++;
    if (text[j] === '=' && text[j + 1] !== '=') return true;
  }
  return false;
}

/** `{ store }`: the value is the variable of the same name. */
function shorthand(obj: ts.ObjectLiteralExpression, name: string): ts.Expression | undefined {
  const p = obj.properties.find((x) => ts.isShorthandPropertyAssignment(x) && x.name.text === name);
  return p && ts.isShorthandPropertyAssignment(p) ? p.name : undefined;
}

/**
 * The known store a `store:` value builds: `new RedisStore(...)`, `MongoStore.create(...)`,
 * `new session.MemoryStore()`, `new (require('memorystore')(session))(...)`, or a module-level const
 * bound to one of those (`const FileStore = require('session-file-store')(session)`).
 */
function storeOf(value: ts.Expression, sf: ts.SourceFile, depth = 0): SessionStore | undefined {
  if (depth > 3) return undefined;
  let e = unwrap(value);
  if (ts.isIdentifier(e)) {
    const init = moduleConstant(e.text, sf);
    return init ? storeOf(init, sf, depth + 1) : undefined;
  }
  if (ts.isNewExpression(e) || ts.isCallExpression(e)) {
    let target = unwrap(e.expression);
    // MongoStore.create(...): the class is the receiver.
    if (ts.isCallExpression(e) && ts.isPropertyAccessExpression(target) && target.name.text === 'create') target = unwrap(target.expression);
    e = target;
  }
  const binding = bindingOf(e, sf, depth);
  return binding ? sessionStoreOf(binding.module, binding.path) : undefined;
}

/** Module and export of a class expression, through `require('x')(session)` factories and module-level consts. */
function bindingOf(e: ts.Expression, sf: ts.SourceFile, depth: number): ImportBinding | undefined {
  const direct = resolveImported(e, sf);
  if (direct) return direct;
  // require('memorystore')(session), createStore(session): the factory's module.
  if (ts.isCallExpression(e)) return resolveImported(e.expression, sf);
  if (ts.isIdentifier(e) && depth < 3) {
    const init = moduleConstant(e.text, sf);
    if (init) return bindingOf(unwrap(init), sf, depth + 1);
  }
  return undefined;
}
