// The facts every cross-file rule needs from a TS/JS file, gathered during the one walk of the file
// (the engine registers these handlers beside the rules' handlers).

import type { ChildProcessFact, PortFact, Pos, ServerStartFact, TsFacts } from './facts.js';
import {
  calleeName,
  dottedName,
  envVarName,
  isFunctionLike,
  isInsideFunction,
  isProcessEnv,
  objectProperty,
  propertyNameText,
  stringValue,
  ts,
  unwrap,
} from '../rule-api/ts-utils.js';
import { createAdminFactCollector } from './admin-facts.js';
import { STATIC_CONFIG_FILE, staticConfigObject } from '../parsing/pm2.js';
import { createEnvSchemaCollector, destructuredEnvRead, envReadFact } from './env-schema-facts.js';

/** Packages that install a SIGTERM handler that closes the server for you. */
export const SHUTDOWN_HELPERS = new Set([
  '@godaddy/terminus',
  'http-terminator',
  'stoppable',
  'lightship',
  'close-with-grace',
  'http-graceful-shutdown',
  '@moebius/http-graceful-shutdown',
  'fastify-graceful-shutdown',
  'async-exit-hook',
  'exit-hook',
  'death',
  'node-graceful-shutdown',
  'graceful-shutdown-manager',
]);

const CHILD_PROCESS_FNS = new Set(['exec', 'execSync', 'execFile', 'execFileSync', 'spawn', 'spawnSync', 'fork']);
const SIGNAL_METHODS = new Set(['on', 'once', 'addListener', 'prependListener', 'prependOnceListener']);
/** Consumers that need their module imported to be recognised (the method names are generic). */
const IMPORT_GATED_CONSUMERS: Array<{ module: RegExp; test: (call: ts.CallExpression | ts.NewExpression) => boolean; api: string }> = [
  { module: /^bullmq$/, api: 'bullmq Worker', test: (c) => ts.isNewExpression(c) && calleeName(c) === 'Worker' },
  { module: /^(bull|bee-queue)$/, api: 'queue process', test: (c) => ts.isCallExpression(c) && calleeName(c) === 'process' && !isProcessObject(c) },
  { module: /^sqs-consumer$/, api: 'sqs-consumer', test: (c) => ts.isCallExpression(c) && dottedName(c.expression) === 'Consumer.create' },
  { module: /^(@google-cloud\/pubsub)$/, api: 'pubsub subscription', test: (c) => ts.isCallExpression(c) && calleeName(c) === 'on' && stringValue(c.arguments[0]) === 'message' },
];

function isProcessObject(call: ts.CallExpression): boolean {
  return ts.isPropertyAccessExpression(call.expression) && ts.isIdentifier(call.expression.expression) && call.expression.expression.text === 'process';
}

export function pos(node: ts.Node, sf: ts.SourceFile): Pos {
  const start = sf.getLineAndCharacterOfPosition(node.getStart(sf));
  const end = sf.getLineAndCharacterOfPosition(node.getEnd());
  return { line: start.line + 1, column: start.character + 1, endLine: end.line + 1, endColumn: end.character + 1 };
}

export interface TsFactCollector {
  handlers: Record<string, (node: any) => void>;
  finish(): TsFacts;
}

export function createTsFactCollector(sf: ts.SourceFile): TsFactCollector {
  const facts: TsFacts = {
    kind: 'ts',
    imports: [],
    envReads: [],
    serverStarts: [],
    signalHandlers: [],
    shutdownHelpers: [],
    hasTopLevelCall: false,
    childProcesses: [],
    migrationCalls: [],
    consoleLogs: { count: 0, json: 0, interpolated: [] },
    forkedScripts: [],
  };
  const importedModules = new Set<string>();
  /** Local names bound to child_process functions or to the module itself. */
  const childProcessNames = new Set<string>();
  const childProcessNamespaces = new Set<string>();
  /** const initialisers by name, to see through `const port = process.env.PORT ?? 3000`. */
  const constants = new Map<string, ts.Expression>();
  const pendingListens: Array<{ node: ts.CallExpression; arg: ts.Expression | undefined }> = [];
  const pendingGated: Array<{ node: ts.CallExpression | ts.NewExpression; gate: (typeof IMPORT_GATED_CONSUMERS)[number] }> = [];
  const pendingChild: Array<{ node: ts.CallExpression; fn: string; binding: string }> = [];
  let signalViaVariable: ts.CallExpression | undefined;
  let sigtermLiteral = false;

  /** Local names bound by value imports, with the import facts they came from (for type-only use). */
  const importBindings = new Map<string, number>();
  const bindingsOfImport = new Map<number, string[]>();
  const valueUsed = new Set<string>();
  const isTsSource = /\.(ts|tsx|mts|cts)$/i.test(sf.fileName);

  const addImport = (node: ts.Node, specifier: string, form: TsFacts['imports'][number]['form'], typeOnly: boolean) => {
    const call = form !== 'import' && form !== 'export';
    facts.imports.push({ specifier, form, typeOnly, ...(call && insideTry(node) ? { guarded: true } : {}), ...(call && isInsideFunction(node) ? { lazy: true } : {}), ...pos(node, sf) });
    importedModules.add(specifier.replace(/^node:/, ''));
    if (SHUTDOWN_HELPERS.has(specifier)) facts.shutdownHelpers.push({ name: specifier, ...pos(node, sf) });
  };

  const bindChildProcess = (specifier: string, binding: ts.Node | undefined) => {
    if (specifier.replace(/^node:/, '') !== 'child_process' || !binding) return;
    if (ts.isIdentifier(binding)) childProcessNamespaces.add(binding.text);
    else if (ts.isNamespaceImport(binding)) childProcessNamespaces.add(binding.name.text);
    else if (ts.isNamedImports(binding)) for (const el of binding.elements) childProcessNames.add(el.name.text);
    else if (ts.isObjectBindingPattern(binding)) for (const el of binding.elements) if (ts.isIdentifier(el.name)) childProcessNames.add(el.name.text);
  };

  const handlers: Record<string, (node: any) => void> = {
    ImportDeclaration(node: ts.ImportDeclaration) {
      const spec = stringValue(node.moduleSpecifier);
      if (spec === undefined) return;
      const clause = node.importClause;
      addImport(node, spec, 'import', Boolean(clause?.isTypeOnly) || (clause !== undefined && !clause.name && allTypeOnly(clause.namedBindings)));
      if (clause && !clause.isTypeOnly && isTsSource) {
        const names: string[] = [];
        if (clause.name) names.push(clause.name.text);
        const nb = clause.namedBindings;
        if (nb && ts.isNamespaceImport(nb)) names.push(nb.name.text);
        if (nb && ts.isNamedImports(nb)) for (const el of nb.elements) if (!el.isTypeOnly) names.push(el.name.text);
        const index = facts.imports.length - 1;
        bindingsOfImport.set(index, names);
        for (const n of names) importBindings.set(n, index);
      }
      if (clause?.name) bindChildProcess(spec, clause.name);
      if (clause?.namedBindings) bindChildProcess(spec, clause.namedBindings);
    },
    ExportDeclaration(node: ts.ExportDeclaration) {
      const spec = stringValue(node.moduleSpecifier);
      if (spec !== undefined) addImport(node, spec, 'export', node.isTypeOnly || allTypeOnly(node.exportClause));
    },
    ImportEqualsDeclaration(node: ts.ImportEqualsDeclaration) {
      if (ts.isExternalModuleReference(node.moduleReference)) {
        const spec = stringValue(node.moduleReference.expression);
        if (spec !== undefined) {
          addImport(node, spec, 'require', node.isTypeOnly);
          bindChildProcess(spec, node.name);
        }
      }
    },
    VariableDeclaration(node: ts.VariableDeclaration) {
      const init = node.initializer;
      if (!init) return;
      // A name declared again inside a function (a callback's own `port`) does not replace the
      // module-level one that listen() reads.
      if (ts.isIdentifier(node.name) && (!constants.has(node.name.text) || !isInsideFunction(node))) constants.set(node.name.text, init);
      const inner = unwrap(init);
      // const { A, B = 'x' } = process.env
      if (ts.isObjectBindingPattern(node.name) && isProcessEnv(inner)) {
        for (const el of node.name.elements) {
          const name = el.propertyName ? propertyNameText(el.propertyName) : ts.isIdentifier(el.name) ? el.name.text : undefined;
          if (!name) continue;
          facts.envReads.push(destructuredEnvRead(el, name, sf, pos));
        }
      }
      if (ts.isCallExpression(inner) && ts.isIdentifier(inner.expression) && inner.expression.text === 'require') {
        const spec = stringValue(inner.arguments[0]);
        if (spec) bindChildProcess(spec, node.name);
      }
    },
    PropertyAccessExpression(node: ts.PropertyAccessExpression) {
      const name = envVarName(node);
      if (name !== undefined) facts.envReads.push(envReadFact(node, name, sf, pos));
      else if (isProcessEnv(node) && !facts.envOpaque && usedAsWhole(node)) facts.envOpaque = true;
    },
    ElementAccessExpression(node: ts.ElementAccessExpression) {
      const name = envVarName(node);
      if (name !== undefined) facts.envReads.push(envReadFact(node, name, sf, pos));
    },
    Identifier(node: ts.Identifier) {
      if (importBindings.has(node.text) && isValueUsage(node)) valueUsed.add(node.text);
    },
    StringLiteral(node: ts.StringLiteral) {
      if (node.text === 'SIGTERM') sigtermLiteral = true;
    },
    ExpressionStatement(node: ts.ExpressionStatement) {
      if (node.parent !== sf) return;
      let e = unwrap(node.expression);
      if (ts.isVoidExpression(e)) e = unwrap(e.expression);
      // main().catch(...), bootstrap().then(...)
      while (ts.isCallExpression(e) && ts.isPropertyAccessExpression(e.expression) && ['then', 'catch', 'finally'].includes(e.expression.name.text)) {
        e = unwrap(e.expression.expression);
      }
      if (ts.isCallExpression(e)) {
        const callee = e.expression;
        const isRequire = ts.isIdentifier(callee) && callee.text === 'require';
        if (!isRequire) facts.hasTopLevelCall = true;
      }
    },
    CallExpression(node: ts.CallExpression) {
      const callee = node.expression;
      if (callee.kind === ts.SyntaxKind.ImportKeyword) {
        const spec = stringValue(node.arguments[0]);
        if (spec !== undefined) addImport(node, spec, 'dynamic-import', false);
        return;
      }
      if (ts.isIdentifier(callee) && callee.text === 'require' && node.arguments.length === 1) {
        const spec = stringValue(node.arguments[0]);
        if (spec !== undefined) addImport(node, spec, 'require', false);
        return;
      }
      const method = calleeName(node);
      if (!method) return;
      // process.on('SIGTERM', ...)
      if (SIGNAL_METHODS.has(method) && isProcessObject(node)) {
        const signal = stringValue(node.arguments[0]);
        if (signal) {
          if (signal.startsWith('SIG')) facts.signalHandlers.push({ signal, ...pos(node, sf) });
        } else if (node.arguments[0] && !signalViaVariable) signalViaVariable = node;
        return;
      }
      if (method === 'enableShutdownHooks') {
        facts.shutdownHelpers.push({ name: 'enableShutdownHooks', ...pos(node, sf) });
        return;
      }
      if (method === 'listen' && ts.isPropertyAccessExpression(callee)) {
        pendingListens.push({ node, arg: node.arguments[0] });
        return;
      }
      if (method === 'consume' && ts.isPropertyAccessExpression(callee) && node.arguments.length >= 2) {
        facts.serverStarts.push({ kind: 'consumer', api: 'amqplib consume', topLevel: !isInsideFunction(node), ...pos(node, sf) });
        return;
      }
      if (method === 'run' && ts.isPropertyAccessExpression(callee) && (objectProperty(node.arguments[0], 'eachMessage') || objectProperty(node.arguments[0], 'eachBatch'))) {
        facts.serverStarts.push({ kind: 'consumer', api: 'kafkajs run', topLevel: !isInsideFunction(node), ...pos(node, sf) });
        return;
      }
      const timeout = shutdownTimeoutOf(node, method);
      if (timeout) (facts.shutdownTimeouts ??= []).push({ ...timeout, ...pos(node, sf) });
      if (CHILD_PROCESS_FNS.has(method)) {
        const binding = ts.isIdentifier(callee) ? callee.text : ts.isPropertyAccessExpression(callee) && ts.isIdentifier(callee.expression) ? callee.expression.text : '';
        pendingChild.push({ node, fn: method, binding });
      }
      for (const gate of IMPORT_GATED_CONSUMERS) if (gate.test(node)) pendingGated.push({ node, gate });
    },
    NewExpression(node: ts.NewExpression) {
      for (const gate of IMPORT_GATED_CONSUMERS) if (gate.test(node)) pendingGated.push({ node, gate });
    },
  };

  // `resolve: { alias: { '@helpers': path.resolve(...) } }`: names the bundler maps to source folders.
  if (BUNDLER_CONFIG.test(sf.fileName)) {
    handlers.PropertyAssignment = (node: ts.PropertyAssignment) => {
      if (propertyNameText(node.name) !== 'alias') return;
      const keys = aliasKeys(node.initializer);
      if (keys.length > 0) (facts.bundlerAliases ??= []).push(...keys);
    };
  }

  // pm2 ecosystem files and nps package-scripts: the run chain reads what they start.
  if (STATIC_CONFIG_FILE.test(sf.fileName)) {
    const config = staticConfigObject(sf);
    if (config) facts.configObject = config;
  }

  // Factor XI/XII facts and env schema facts are gathered by their own collectors, merged into this one table.
  const admin = createAdminFactCollector(sf, pos);
  const envSchema = createEnvSchemaCollector(sf, pos);
  for (const [kind, handler] of [...Object.entries(admin.handlers), ...Object.entries(envSchema.handlers)]) {
    const own = handlers[kind];
    handlers[kind] = own
      ? (node: any) => {
          own(node);
          handler(node);
        }
      : handler;
  }

  return {
    handlers,
    finish() {
      Object.assign(facts, admin.finish());
      const env = envSchema.finish(facts.envReads, facts.envReads.length > 0 || facts.envOpaque === true);
      facts.envReads = env.envReads;
      if (env.envProvided.length > 0) facts.envProvided = env.envProvided;
      for (const { node, arg } of pendingListens) {
        const start: ServerStartFact = { kind: 'http', api: 'listen', topLevel: !isInsideFunction(node), ...pos(node, sf) };
        const port = portOf(arg, constants);
        if (port) start.port = port;
        facts.serverStarts.push(start);
      }
      for (const { node, gate } of pendingGated) {
        if ([...importedModules].some((m) => gate.module.test(m))) {
          facts.serverStarts.push({ kind: 'consumer', api: gate.api, topLevel: !isInsideFunction(node), ...pos(node, sf) });
        }
      }
      for (const { node, fn, binding } of pendingChild) {
        const viaModule = childProcessNamespaces.has(binding) && ts.isPropertyAccessExpression(node.expression);
        const viaName = childProcessNames.has(binding) && ts.isIdentifier(node.expression);
        if (!viaModule && !viaName) continue;
        const fact: ChildProcessFact = { fn, ...pos(node, sf) };
        const command = stringValue(node.arguments[0]);
        if (command !== undefined) fact.command = command.trim().split(/\s+/)[0] ?? command;
        const options = node.arguments.find((a) => ts.isObjectLiteralExpression(a));
        const detached = objectProperty(options, 'detached');
        if (detached && detached.kind === ts.SyntaxKind.TrueKeyword) fact.detached = true;
        facts.childProcesses.push(fact);
      }
      // TypeScript erases an import whose bindings are only used as types (`import { Request } from
      // 'express'` used in annotations): at run time it is not an import at all.
      for (const [index, names] of bindingsOfImport) {
        const fact = facts.imports[index];
        if (fact && names.length > 0 && names.every((n) => !valueUsed.has(n))) fact.typeOnly = true;
      }
      if (signalViaVariable && sigtermLiteral && !facts.signalHandlers.some((h) => h.signal === 'SIGTERM')) {
        facts.signalHandlers.push({ signal: 'SIGTERM', ...pos(signalViaVariable, sf) });
      }
      facts.serverStarts.sort((a, b) => a.line - b.line || a.column - b.column);
      return facts;
    },
  };
}

/** vite, vitest, webpack, rollup, rspack and framework configs that take a `resolve.alias`. */
const BUNDLER_CONFIG = /(^|\/)(vite|vitest|webpack|rollup|rspack|rsbuild|nuxt|astro|svelte|quasar|craco|electron\.vite)\.conf(ig)?(\.[\w-]+)*\.[cm]?[jt]s$/i;

/** Keys of an alias object (`{ '@': ..., '~lib': ... }`) or the `find` strings of an alias array. */
function aliasKeys(init: ts.Expression): string[] {
  const keys: string[] = [];
  if (ts.isObjectLiteralExpression(init)) {
    for (const p of init.properties) {
      const key = ts.isPropertyAssignment(p) ? propertyNameText(p.name) : undefined;
      // webpack's `vue$` means exactly `vue`.
      if (key) keys.push(key.replace(/\$$/, ''));
    }
  } else if (ts.isArrayLiteralExpression(init)) {
    for (const el of init.elements) {
      const find = objectProperty(el, 'find');
      if (find && ts.isStringLiteral(find)) keys.push(find.text);
    }
  }
  return keys;
}

/**
 * `{ type A, type B }`: every name is a type, so TypeScript erases the statement (outside
 * verbatimModuleSyntax, which keeps `import {} from 'x'` only for its side effects).
 */
function allTypeOnly(bindings: ts.Node | undefined): boolean {
  if (!bindings) return false;
  const elements: readonly { isTypeOnly: boolean }[] | undefined = ts.isNamedImports(bindings) || ts.isNamedExports(bindings) ? bindings.elements : undefined;
  return elements !== undefined && elements.length > 0 && elements.every((el) => el.isTypeOnly);
}

/** Is this identifier a reference in a value position (not a declaration, not inside a type)? */
function isValueUsage(id: ts.Identifier): boolean {
  let child: ts.Node = id;
  let p = id.parent;
  if (!p || ts.isImportSpecifier(p) || ts.isImportClause(p) || ts.isNamespaceImport(p)) return false;
  // Declarations that shadow or name something else: `{ Request: x }`, `.Request`, `function f(Request)`.
  if ((ts.isPropertyAccessExpression(p) && p.name === id) || (ts.isPropertyAssignment(p) && p.name === id) || (ts.isQualifiedName(p) && p.right === id)) return false;
  while (p && (ts.isQualifiedName(p) || (ts.isPropertyAccessExpression(p) && p.expression === child))) {
    child = p;
    p = p.parent;
  }
  if (!p) return true;
  if (ts.isTypeReferenceNode(p) || ts.isTypeQueryNode(p) || ts.isImportTypeNode(p)) return false;
  if (ts.isExpressionWithTypeArguments(p)) {
    const clause = p.parent;
    if (ts.isHeritageClause(clause) && (clause.token === ts.SyntaxKind.ImplementsKeyword || ts.isInterfaceDeclaration(clause.parent))) return false;
  }
  return true;
}

/** A require()/import() inside a `try` block: the code copes when the package is missing. */
function insideTry(node: ts.Node): boolean {
  for (let child: ts.Node = node, p = node.parent; p; child = p, p = p.parent) {
    if (ts.isTryStatement(p) && p.tryBlock === child) return true;
    if (isFunctionLike(p) || ts.isSourceFile(p)) return false;
  }
  return false;
}

/**
 * `process.env` handed on whole or indexed by a computed name: `cleanEnv(process.env, spec)`,
 * `process.env[key]`, `{ ...process.env }`. Reads through `.X`, `['X']`, destructuring, `in` tests
 * and assignments are not.
 */
function usedAsWhole(node: ts.PropertyAccessExpression): boolean {
  let n: ts.Node = node;
  while (n.parent && (ts.isParenthesizedExpression(n.parent) || ts.isAsExpression(n.parent) || ts.isNonNullExpression(n.parent))) n = n.parent;
  const parent = n.parent;
  if (!parent) return false;
  if (ts.isPropertyAccessExpression(parent) && parent.expression === n) return false;
  if (ts.isElementAccessExpression(parent) && parent.expression === n) return stringValue(parent.argumentExpression) === undefined;
  if (ts.isVariableDeclaration(parent) && ts.isObjectBindingPattern(parent.name)) return parent.name.elements.some((e) => e.dotDotDotToken !== undefined);
  if (ts.isBinaryExpression(parent) && parent.right === n && parent.operatorToken.kind === ts.SyntaxKind.InKeyword) return false;
  if (ts.isBinaryExpression(parent) && parent.left === n && parent.operatorToken.kind === ts.SyntaxKind.EqualsToken) return false;
  return true;
}

/** Options that name a graceful-shutdown deadline, by the helper that reads them. */
const SHUTDOWN_TIMEOUT_OPTIONS = new Map<string, string[]>(Object.entries({
  createTerminus: ['timeout'],
  createHttpTerminator: ['gracefulTerminationTimeout'],
  createLightship: ['shutdownHandlerTimeout', 'gracefulShutdownTimeout'],
  closeWithGrace: ['delay'],
}));

function shutdownTimeoutOf(node: ts.CallExpression, method: string): { ms: number; api: string } | undefined {
  if (method === 'setTimeout' && node.arguments.length >= 2) {
    const ms = numericValue(node.arguments[1]);
    const cb = node.arguments[0];
    const exits = cb !== undefined && (ts.isArrowFunction(cb) || ts.isFunctionExpression(cb)) && containsProcessExit(cb);
    return exits && ms !== undefined && ms >= 1000 ? { ms, api: 'forced-exit timer' } : undefined;
  }
  const names = SHUTDOWN_TIMEOUT_OPTIONS.get(method);
  if (!names) return undefined;
  for (const arg of node.arguments) {
    for (const name of names) {
      const ms = numericValue(objectProperty(unwrap(arg), name));
      if (ms !== undefined) return { ms, api: `${method} ${name}` };
    }
  }
  return undefined;
}

function numericValue(node: ts.Expression | undefined): number | undefined {
  if (!node) return undefined;
  const n = unwrap(node);
  if (ts.isNumericLiteral(n)) return Number(n.text.replace(/_/g, ''));
  // 30 * 1000
  if (ts.isBinaryExpression(n) && n.operatorToken.kind === ts.SyntaxKind.AsteriskToken) {
    const l = numericValue(n.left);
    const r = numericValue(n.right);
    return l !== undefined && r !== undefined ? l * r : undefined;
  }
  return undefined;
}

function containsProcessExit(fn: ts.Node): boolean {
  let found = false;
  const visit = (n: ts.Node) => {
    if (found) return;
    if (ts.isCallExpression(n) && dottedName(n.expression) === 'process.exit') found = true;
    else n.forEachChild(visit);
  };
  visit(fn);
  return found;
}

/** What a listen() argument says about the port. */
export function portOf(arg: ts.Expression | undefined, constants: Map<string, ts.Expression>, depth = 0): PortFact | undefined {
  if (!arg || depth > 4) return undefined;
  const n = unwrap(arg);
  if (ts.isNumericLiteral(n)) return { literal: Number(n.text) };
  const s = stringValue(n);
  if (s !== undefined) return /^\d+$/.test(s) ? { literal: Number(s) } : undefined;
  const env = envVarName(n);
  if (env !== undefined) return { env };
  if (ts.isObjectLiteralExpression(n)) return portOf(objectProperty(n, 'port'), constants, depth + 1);
  if (ts.isIdentifier(n)) {
    const init = constants.get(n.text);
    return init ? portOf(init, constants, depth + 1) : { opaque: true };
  }
  if (ts.isBinaryExpression(n) && (n.operatorToken.kind === ts.SyntaxKind.QuestionQuestionToken || n.operatorToken.kind === ts.SyntaxKind.BarBarToken)) {
    const left = portOf(n.left, constants, depth + 1);
    const right = portOf(n.right, constants, depth + 1);
    const out: PortFact = {};
    if (left?.env) out.env = left.env;
    const literal = left?.literal ?? right?.literal;
    if (literal !== undefined) out.literal = literal;
    if (!out.env && right?.env) out.env = right.env;
    if (left?.opaque && !out.env) out.opaque = true;
    return out;
  }
  // Number(x), parseInt(x, 10), +x, String(x)
  if (ts.isCallExpression(n) && ts.isIdentifier(n.expression) && ['Number', 'parseInt', 'String'].includes(n.expression.text)) {
    return portOf(n.arguments[0], constants, depth + 1);
  }
  if (ts.isPrefixUnaryExpression(n) && n.operator === ts.SyntaxKind.PlusToken) return portOf(n.operand, constants, depth + 1);
  return { opaque: true };
}
