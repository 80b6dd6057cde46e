import { defineRule, type TsFileContext } from '../../src/rule-api/types.js';
import { bindMigrationNames, migrationApiOfCall, newMigrationBindings, typeormAutoMigration } from '../../src/model/admin-facts.js';
import { dottedName, stringValue, ts } from '../../src/rule-api/ts-utils.js';

const ROUTE_METHODS = new Set(['get', 'post', 'put', 'patch', 'delete', 'all', 'route']);
const NEST_DECORATORS = new Set(['Get', 'Post', 'Put', 'Patch', 'Delete', 'All']);
/** A route path that names an admin task. */
const ADMIN_PATH = /(^|\/)(migrate|migrations?|run-migrations?|seed|seeds|reseed|db-?(reset|sync|migrate|seed)|reset-?db|sync-?db|maintenance|reindex|rebuild-index)(\/|$|\?|:)/i;
/** Calls that run a seed or a maintenance task (migration calls come from admin-facts). */
const SEED_CALL = /(^|\.)(seed\.run|runSeeders?|seedDatabase|seedDb|resetDatabase|dropDatabase|truncateAll)$/;
/** The last names SEED_CALL can end with: a call whose last name is none of them needs no dotted name. */
const SEED_LAST_NAMES = new Set(['run', 'runSeeder', 'runSeeders', 'seedDatabase', 'seedDb', 'resetDatabase', 'dropDatabase', 'truncateAll']);

const messages = {
  adminRoute: 'HTTP route {{path}} {{what}}: admin tasks belong in one-off processes, not in the web process.',
};
type Ctx = TsFileContext<keyof typeof messages>;

export default defineRule({
  id: 'admin-processes/admin-http-endpoint',
  factor: 'admin-processes',
  severity: 'info',
  targets: ['ts'],
  docs: {
    description: 'HTTP routes that run migrations, seeds or maintenance tasks (Express/Koa/Fastify routes, NestJS controller methods)',
    remediation:
      'Make the task a script in the repository (`npm run migrate`, `node dist/seed.js`) and run it as a one-off process of the release (`kubectl create job --from=cronjob/...`, `docker compose run --rm api npm run seed`, a Procfile `release:` step), not as an endpoint of the web process.',
  },
  messages,
  create: () => {
    const routes: Array<{ node: ts.Node; path: string | undefined; bodies: ts.Node[] }> = [];
    /**
     * The file's import and variable declarations as the walk meets them (pre-order, source order),
     * for the migration runners they bind: read at the end only in a file with a route, without
     * walking the file a second time.
     */
    const declarations: Array<ts.ImportDeclaration | ts.VariableDeclaration> = [];
    return {
      ts: {
        ImportDeclaration(node: ts.ImportDeclaration) {
          declarations.push(node);
        },
        VariableDeclaration(node: ts.VariableDeclaration) {
          declarations.push(node);
        },
        CallExpression(node: ts.CallExpression, ctx) {
          if (!ts.isPropertyAccessExpression(node.expression)) return;
          if (!ROUTE_METHODS.has(node.expression.name.text)) return;
          const routePath = stringValue(node.arguments[0]);
          // app.get('/x', handler) needs a path and a handler; app.get('env') is a setting.
          if (routePath === undefined || !routePath.startsWith('/') || node.arguments.length < 2) return;
          const handlers = node.arguments.slice(1).filter((a) => ts.isArrowFunction(a) || ts.isFunctionExpression(a));
          routes.push({ node, path: routePath, bodies: handlers });
        },
        MethodDeclaration(node: ts.MethodDeclaration, ctx) {
          // `@Get('/x')`: a call of one of the Nest decorators by its bare name.
          for (const d of node.modifiers ?? []) {
            if (!ts.isDecorator(d) || !ts.isCallExpression(d.expression) || !ts.isIdentifier(d.expression.expression) || !NEST_DECORATORS.has(d.expression.expression.text)) continue;
            routes.push({ node: d, path: stringValue(d.expression.arguments[0]) ?? '', bodies: node.body ? [node.body] : [] });
          }
        },
        'Program:exit'(sf, ctx: Ctx) {
          // Most files have no route: the migration runners they bind are looked for only in those that do.
          if (routes.length === 0) return;
          const bindings = newMigrationBindings();
          // In source order: a later binding of a name replaces an earlier one.
          for (const node of declarations) bindMigrationNames(node, bindings);
          for (const route of routes) {
            const task = taskIn(route.bodies, bindings);
            const named = route.path !== undefined && ADMIN_PATH.test(route.path.startsWith('/') ? route.path : `/${route.path}`);
            if (!task && !named) continue;
            const what = task ? `runs ${task}` : `is named for an admin task`;
            ctx.report({
              node: route.node,
              messageId: 'adminRoute',
              data: { path: route.path || '(controller root)', what },
              evidence: route.node.getText(ctx.sourceFile).split('\n')[0]!.slice(0, 80),
            });
          }
        },
      },
    };
  },
});

function taskIn(bodies: ts.Node[], bindings: ReturnType<typeof newMigrationBindings>): string | undefined {
  const stack = [...bodies];
  const push = (child: ts.Node): undefined => {
    stack.push(child);
    return undefined;
  };
  while (stack.length > 0) {
    const n = stack.pop()!;
    if (ts.isCallExpression(n)) {
      const api = migrationApiOfCall(n, bindings);
      if (api) return api;
      const callee = SEED_LAST_NAMES.has(lastName(n.expression)) ? dottedName(n.expression) : undefined;
      if (callee && SEED_CALL.test(callee)) return `${callee}()`;
    }
    if (ts.isPropertyAssignment(n)) {
      const hit = typeormAutoMigration(n);
      if (hit) return hit.api;
    }
    n.forEachChild(push);
  }
  return undefined;
}

/** The last name of a callee (`run` of `seed.run`, `seedDb` of `seedDb`); '' for any other form. */
function lastName(callee: ts.Expression): string {
  return ts.isPropertyAccessExpression(callee) ? callee.name.text : ts.isIdentifier(callee) ? callee.text : '';
}
