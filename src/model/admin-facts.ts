// Facts for factors XI and XII gathered in the same walk as ts-facts.ts: schema changes run from code
// (admin-processes/migration-on-boot decides in the project phase whether they sit on a server's
// start path) and console logging (logs/unstructured-logging). The API recognisers are shared with
// the per-file rule admin-processes/admin-http-endpoint.

import type { ConsoleLogFact, MigrationCallFact, Pos } from '../parsing/facts.js';
import { dottedName, envVarName, objectProperty, propertyNameText, stringValue, ts, unwrap } from '../parsing/ts/ts-utils.js';
import { KNEX_MIGRATE_METHODS, MIGRATION_COMMAND, MIGRATION_MODULES, MIGRATOR_FACTORIES } from '../knowledge/migration-tools.js';
import { CHILD_PROCESS_FUNCTION_NAMES } from '../knowledge/system-tools.js';
import { NO_HANDLERS, textMayHold, type Handlers } from './fact-gates.js';

const SEQUELIZE_RECEIVER = /sequelize|(^|\.)(db|database|orm|models?)$/i;
/**
 * Text without any of these (case aside) names no schema change migrationApiOfCall or
 * typeormAutoMigration could find: every migration CLI word (MIGRATION_COMMAND), module
 * (MIGRATION_MODULES, MIGRATOR_FACTORIES' modules and factory), method (`sync` as a word,
 * `migrate.latest`, `runMigrations`, `getMigrator`) and receiver (umzug, migrator, migrations)
 * holds one, and so do `synchronize` and `migrationsRun` (fact-gates.test.ts checks the tables).
 */
export const MIGRATION_TEXT = /migrat|umzug|\bsync\b|synchronize|knex|prisma|sequelize|typeorm|drizzle|mikro-orm|getInstance/i;
const CONSOLE_OR_FORK_TEXT = /console|fork/;
const LOCK_TEXT = /pg_(try_)?advisory(_xact)?_lock|\bredlock\b|GET_LOCK\s*\(|\bacquireLock\b|\bwithLock\b|\bmigrationLock\b|\bMutex(Lock)?\.acquire\b|\block\.acquire\b/i;

/** Local names bound to migration runners in one file (`new Umzug(...)`, `import migrate from 'node-pg-migrate'`). */
export interface MigrationBindings {
  umzug: Set<string>;
  runners: Map<string, string>;
  /** Modules the file imports or requires, for the migrator factories' gate. */
  modules: Set<string>;
  /** Variables holding what a factory call returned (`const dbm = getInstance(...)`), by factory name. */
  factoryResults: Map<string, string>;
}

export function newMigrationBindings(): MigrationBindings {
  return { umzug: new Set(), runners: new Map(), modules: new Set(), factoryResults: new Map() };
}

/** The migrator factory a call is (`getInstance(...)` of db-migrate), when the file imports its module. */
function factoryOf(call: ts.Expression, bindings: MigrationBindings): (typeof MIGRATOR_FACTORIES)[number] | undefined {
  const e = unwrap(call);
  if (!ts.isCallExpression(e)) return undefined;
  const callee = unwrap(e.expression);
  const name = ts.isIdentifier(callee) ? callee.text : ts.isPropertyAccessExpression(callee) ? callee.name.text : undefined;
  return MIGRATOR_FACTORIES.find((f) => f.factory === name && [...bindings.modules].some((m) => f.module.test(m)));
}

/** Records bindings from an import declaration or a `const x = new Umzug()`/`require()` declaration. */
export function bindMigrationNames(node: ts.Node, bindings: MigrationBindings): void {
  if (ts.isImportDeclaration(node)) {
    const spec = stringValue(node.moduleSpecifier);
    if (spec) bindings.modules.add(spec);
    const hit = spec && MIGRATION_MODULES.find((m) => m.module.test(spec));
    const clause = node.importClause;
    if (!hit || !clause) return;
    if (clause.name) bindings.runners.set(clause.name.text, hit.api);
    if (clause.namedBindings && ts.isNamedImports(clause.namedBindings)) {
      for (const el of clause.namedBindings.elements) bindings.runners.set(el.name.text, hit.api);
    }
    return;
  }
  if (ts.isVariableDeclaration(node) && node.initializer) {
    const init = unwrap(node.initializer);
    if (ts.isNewExpression(init) && dottedName(init.expression)?.endsWith('Umzug') && ts.isIdentifier(node.name)) bindings.umzug.add(node.name.text);
    if (ts.isCallExpression(init) && ts.isIdentifier(node.name)) {
      const callee = unwrap(init.expression);
      const name = ts.isIdentifier(callee) ? callee.text : ts.isPropertyAccessExpression(callee) ? callee.name.text : undefined;
      if (name && MIGRATOR_FACTORIES.some((f) => f.factory === name)) bindings.factoryResults.set(node.name.text, name);
    }
    const required = ts.isCallExpression(init) && ts.isIdentifier(init.expression) && init.expression.text === 'require' ? stringValue(init.arguments[0]) : undefined;
    if (required) bindings.modules.add(required);
    if (ts.isCallExpression(init) && ts.isIdentifier(init.expression) && init.expression.text === 'require') {
      const spec = stringValue(init.arguments[0]);
      const hit = spec && MIGRATION_MODULES.find((m) => m.module.test(spec));
      if (!hit) return;
      if (ts.isIdentifier(node.name)) bindings.runners.set(node.name.text, hit.api);
      else if (ts.isObjectBindingPattern(node.name)) for (const el of node.name.elements) if (ts.isIdentifier(el.name)) bindings.runners.set(el.name.text, hit.api);
    }
  }
}

/**
 * The last names of the method calls (`x.up()`, `cp.exec()`) migrationApiOfCall may name a schema
 * change for: every method test below is among them, so a method call with another name runs none.
 */
const MIGRATION_METHODS: ReadonlySet<string> = new Set([
  ...CHILD_PROCESS_FUNCTION_NAMES,
  'sync',
  ...KNEX_MIGRATE_METHODS,
  ...MIGRATOR_FACTORIES.flatMap((f) => f.methods),
  'runMigrations',
  'runPendingMigrations',
  'up',
  'upgrade',
]);

/** What schema change a call runs, if any. */
export function migrationApiOfCall(node: ts.CallExpression, bindings: MigrationBindings): string | undefined {
  const callee = node.expression;
  if (ts.isIdentifier(callee)) {
    const runner = bindings.runners.get(callee.text);
    if (runner) return runner;
    if (CHILD_PROCESS_FUNCTION_NAMES.has(callee.text)) return childProcessMigration(node);
    return undefined;
  }
  if (!ts.isPropertyAccessExpression(callee)) return undefined;
  const method = callee.name.text;
  if (CHILD_PROCESS_FUNCTION_NAMES.has(method)) return childProcessMigration(node);
  // The receiver's dotted name is built only for the methods that look at it: this runs on every method call of a file.
  if (method === 'sync') {
    const arg = node.arguments[0];
    // glob.sync('x'), mkdirp.sync(dir), execa.sync(...): a sync() with a non-object argument is not Sequelize.
    if (arg && !ts.isObjectLiteralExpression(arg)) return undefined;
    const destructive = objectProperty(arg, 'force') ?? objectProperty(arg, 'alter');
    const receiver = destructive ? undefined : dottedName(callee.expression);
    if (destructive || (receiver !== undefined && SEQUELIZE_RECEIVER.test(receiver))) {
      const how = objectProperty(arg, 'force') ? ' with force' : objectProperty(arg, 'alter') ? ' with alter' : '';
      return `Sequelize sync()${how}`;
    }
    return undefined;
  }
  if (KNEX_MIGRATE_METHODS.includes(method)) {
    const receiver = dottedName(callee.expression);
    if (receiver !== undefined && /(^|\.)migrate$/.test(receiver)) return `knex migrate.${method}()`;
  }
  // const dbm = require('db-migrate').getInstance(true, opts); dbm.up()
  const instance = unwrap(callee.expression);
  const factoryName = ts.isIdentifier(instance) ? bindings.factoryResults.get(instance.text) : undefined;
  const factory = factoryName ? MIGRATOR_FACTORIES.find((f) => f.factory === factoryName && [...bindings.modules].some((m) => f.module.test(m))) : factoryOf(instance, bindings);
  if (factory && factory.methods.includes(method)) return factory.api;
  if (method === 'runMigrations' || method === 'runPendingMigrations') return `${method}()`;
  if (method === 'up' || method === 'upgrade') {
    const target = unwrap(callee.expression);
    if (ts.isIdentifier(target) && bindings.umzug.has(target.text)) return 'umzug up()';
    if (ts.isCallExpression(target) && dottedName(target.expression)?.endsWith('getMigrator')) return 'MikroORM migrator up()';
    const receiver = dottedName(callee.expression);
    if (receiver !== undefined && /(^|\.)(umzug|migrator|migrations)$/i.test(receiver) && node.arguments.length === 0) return `${receiver} up()`;
  }
  return undefined;
}

function childProcessMigration(node: ts.CallExpression): string | undefined {
  const first = node.arguments[0];
  const text = stringValue(first) ?? (first && ts.isTemplateExpression(first) ? first.head.text : undefined);
  const args = node.arguments[1];
  const joined = text !== undefined && args && ts.isArrayLiteralExpression(args) ? `${text} ${args.elements.map((e) => stringValue(e) ?? '').join(' ')}` : text;
  const m = joined !== undefined ? MIGRATION_COMMAND.exec(joined) : null;
  return m ? `\`${m[0]}\` in a child process` : undefined;
}

/** TypeORM `synchronize: true` / `migrationsRun: true` (a literal true, or an expression gated by an env var). */
export function typeormAutoMigration(node: ts.PropertyAssignment): { api: string; flag?: string } | undefined {
  const key = propertyNameText(node.name);
  if (key !== 'synchronize' && key !== 'migrationsRun') return undefined;
  const obj = node.parent;
  if (!ts.isObjectLiteralExpression(obj)) return undefined;
  // A TypeORM data source options object names its driver or its entities/migrations.
  const looksLikeTypeorm = ['type', 'entities', 'migrations', 'autoLoadEntities', 'database', 'url'].some((k) => objectProperty(obj, k) !== undefined);
  if (!looksLikeTypeorm) return undefined;
  const value = unwrap(node.initializer);
  const api = `TypeORM ${key}: true`;
  if (value.kind === ts.SyntaxKind.TrueKeyword) return { api };
  if (value.kind === ts.SyntaxKind.FalseKeyword) return undefined;
  const flag = envNameIn(value);
  // `synchronize: process.env.NODE_ENV !== 'production'` turns it off in production: nothing to report.
  if (flag === undefined || flag === 'NODE_ENV') return undefined;
  return { api, flag };
}

/** The first env var read inside an expression (`process.env.X`, `config.get('X')` is opaque). */
export function envNameIn(node: ts.Node): string | undefined {
  const stack: ts.Node[] = [node];
  while (stack.length > 0) {
    const n = stack.pop()!;
    const name = envVarName(n);
    if (name !== undefined) return name;
    n.forEachChild((c) => {
      stack.push(c);
    });
  }
  return undefined;
}

/** An env var or a migration-named flag that gates `node` through an enclosing `if` or `&&`. */
export function gatingFlag(node: ts.Node): string | undefined {
  let child: ts.Node = node;
  for (let p = node.parent; p; child = p, p = p.parent) {
    let condition: ts.Expression | undefined;
    if (ts.isIfStatement(p) && child !== p.expression) condition = p.expression;
    else if (ts.isConditionalExpression(p) && child !== p.condition) condition = p.condition;
    else if (ts.isBinaryExpression(p) && p.operatorToken.kind === ts.SyntaxKind.AmpersandAmpersandToken && child === p.right) condition = p.left;
    if (!condition) continue;
    const env = envNameIn(condition);
    if (env !== undefined && env !== 'NODE_ENV') return env;
    const named = flagName(condition);
    if (named) return named;
  }
  return undefined;
}

function flagName(node: ts.Node): string | undefined {
  const stack: ts.Node[] = [node];
  while (stack.length > 0) {
    const n = stack.pop()!;
    if (ts.isIdentifier(n) && /migrat|sync|schema/i.test(n.text)) return n.text;
    // getArg('no-migrate'), argv.includes('--skip-migrations')
    if (ts.isStringLiteral(n) && /migrat/i.test(n.text)) return `'${n.text}'`;
    n.forEachChild((c) => {
      stack.push(c);
    });
  }
  return undefined;
}

export interface AdminFactCollector {
  /** Tables of handlers, in the order the walk calls them. */
  handlers: Handlers[];
  finish(): { migrationCalls: MigrationCallFact[]; consoleLogs: ConsoleLogFact; forkedScripts: Array<Pos & { path: string }> };
}

/** `console.<method>` calls counted as console logging. */
const CONSOLE_METHODS = new Set(['log', 'info', 'warn', 'error', 'debug']);

export function createAdminFactCollector(sf: ts.SourceFile, pos: (node: ts.Node, sf: ts.SourceFile) => Pos): AdminFactCollector {
  const bindings = newMigrationBindings();
  const pending: ts.CallExpression[] = [];
  const migrationCalls: MigrationCallFact[] = [];
  const consoleLogs: ConsoleLogFact = { count: 0, json: 0, interpolated: [] };
  const forkedScripts: Array<Pos & { path: string }> = [];
  // Looked for in the whole text only once the file has a migration call (few files do).
  let lock: string | undefined | null = null;
  const push = (node: ts.Node, api: string, flag?: string) => {
    if (lock === null) lock = LOCK_TEXT.exec(sf.text)?.[0];
    migrationCalls.push({ api, ...(flag ? { flag } : {}), ...(lock ? { lock } : {}), ...pos(node, sf) });
  };
  // A schema change can only be named in a file whose text holds one of MIGRATION_TEXT's words, a
  // console call or a fork only where `console`/`fork` is written: most files register none of these
  // handlers, which ran on every call and declaration (fact-gates.ts).
  const migrations = textMayHold(MIGRATION_TEXT, sf.text);
  const bindingHandlers: Handlers = migrations
    ? {
        ImportDeclaration(node: ts.ImportDeclaration) {
          bindMigrationNames(node, bindings);
        },
        VariableDeclaration(node: ts.VariableDeclaration) {
          bindMigrationNames(node, bindings);
        },
      }
    : NO_HANDLERS;
  const callHandlers: Handlers =
    migrations || textMayHold(CONSOLE_OR_FORK_TEXT, sf.text)
      ? {
          CallExpression(node: ts.CallExpression) {
            // This runs on every call of such a file: the callee is told by its last name, and a
            // dotted name is built only for a `fork` (no string is made per call).
            const e = node.expression;
            const last = ts.isIdentifier(e) ? e.text : ts.isPropertyAccessExpression(e) ? e.name.text : undefined;
            // `fns[i]()`, `(await load())()`: migrationApiOfCall names a call by its identifier or method only.
            if (last === undefined) return;
            if (ts.isPropertyAccessExpression(e) && CONSOLE_METHODS.has(last) && ts.isIdentifier(e.expression) && e.expression.text === 'console') {
              consoleLogs.count++;
              const first = node.arguments[0] ? unwrap(node.arguments[0]) : undefined;
              if (first && ts.isCallExpression(first) && dottedName(first.expression) === 'JSON.stringify') consoleLogs.json++;
              else if (first && isInterpolated(first) && consoleLogs.interpolated.length < 3) consoleLogs.interpolated.push(pos(node, sf));
              return;
            }
            const forked = last === 'fork' ? forkTarget(node, dottedName(e)) : undefined;
            if (forked) forkedScripts.push({ path: forked, ...pos(node, sf) });
            if (!migrations) return;
            if (last === 'require' && ts.isIdentifier(e)) {
              const spec = stringValue(node.arguments[0]);
              if (spec) bindings.modules.add(spec);
            }
            // Bindings may be declared below their first use (hoisted functions): decide at the end. A
            // bare name may be a runner bound later; a method call only with a name a migration API has.
            if (ts.isIdentifier(e) || MIGRATION_METHODS.has(last)) pending.push(node);
          },
        }
      : NO_HANDLERS;
  const typeormHandlers: Handlers = migrations
    ? {
        PropertyAssignment(node: ts.PropertyAssignment) {
          const hit = typeormAutoMigration(node);
          if (hit) push(node, hit.api, hit.flag ?? gatingFlag(node));
        },
      }
    : NO_HANDLERS;
  return {
    handlers: [bindingHandlers, callHandlers, typeormHandlers],
    finish() {
      for (const node of pending) {
        const api = migrationApiOfCall(node, bindings);
        if (api) push(node, api, gatingFlag(node));
      }
      migrationCalls.sort((a, b) => a.line - b.line || a.column - b.column);
      return { migrationCalls, consoleLogs, forkedScripts };
    },
  };
}

function isInterpolated(node: ts.Expression): boolean {
  if (ts.isTemplateExpression(node)) return true;
  if (ts.isBinaryExpression(node) && node.operatorToken.kind === ts.SyntaxKind.PlusToken) {
    return stringValue(unwrap(node.left)) !== undefined || stringValue(unwrap(node.right)) !== undefined || isInterpolated(unwrap(node.left));
  }
  return false;
}

/** `fork(path.join(__dirname, '..', 'scripts', 'x.js'))` -> `../scripts/x.js` (relative to the file's folder); `callee` is the dotted name of its callee. */
function forkTarget(node: ts.CallExpression, callee: string | undefined): string | undefined {
  if (callee !== 'fork' && !callee?.endsWith('.fork')) return undefined;
  const arg = node.arguments[0] ? unwrap(node.arguments[0]) : undefined;
  if (!arg || !ts.isCallExpression(arg) || !/^(path\.)?(join|resolve)$/.test(dottedName(arg.expression) ?? '')) return undefined;
  const [first, ...rest] = arg.arguments;
  if (!first || !ts.isIdentifier(first) || first.text !== '__dirname') return undefined;
  const parts = rest.map((a) => stringValue(a));
  if (parts.length === 0 || parts.some((p) => p === undefined)) return undefined;
  return parts.join('/');
}
