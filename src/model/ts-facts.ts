// The facts every cross-file rule needs from a TS/JS file, gathered during the one walk of the file
// (the engine registers these handlers beside the rules' handlers).

import type { ChildProcessFact, ImportFact, PortFact, Pos, ServerStartFact, SignalHandlerFact, TsFacts } from '../parsing/facts.js';
import {
  calleeName,
  dottedName,
  envVarName,
  isFunctionLike,
  insideNonProductionBranch,
  isInsideFunction,
  isProcessEnv,
  objectProperty,
  propertyNameText,
  stringValue,
  ts,
  unwrap,
} from '../parsing/ts/ts-utils.js';
import { createAdminFactCollector } from './admin-facts.js';
import { createFatalHandlerCollector } from './fatal-handler-facts.js';
import { EXPORTABLE_APPS, FASTIFY_MODULES, FASTIFY_PLUGIN_PARAMS, SERVER_STARTS, type StartKnowledge } from '../knowledge/servers.js';
import { QUEUE_CONSUMERS } from '../knowledge/queue-consumers.js';
import { SHUTDOWN_HELPERS, SHUTDOWN_RUNNERS, SHUTDOWN_TIMEOUT_OPTIONS } from '../knowledge/shutdown-helpers.js';
import { childProcessModule, startsNodeProcess, type ChildProcessFn, type ChildProcessModule } from '../knowledge/system-tools.js';
import { moduleConstant, resolveImported } from '../parsing/ts/ts-imports.js';
import { STATIC_CONFIG_FILE, staticConfigObject } from '../parsing/pm2.js';
import { GULPFILE, gulpTasks } from '../parsing/gulpfile.js';
import { esbuildOutputs, mayCallEsbuild } from '../parsing/esbuild-script.js';
import { createEnvSchemaCollector, destructuredEnvRead, envReadFact } from './env-schema-facts.js';
import { NO_HANDLERS, textMayHold, type Handlers } from './fact-gates.js';

const SIGNAL_METHODS = new Set(['on', 'once', 'addListener', 'prependListener', 'prependOnceListener']);
/** An env read (isProcessEnv) names the identifier `env`. */
const ENV_TEXT = /env/;
const SIGTERM_TEXT = /SIGTERM/;
/** Every known start call, indexed by the method or class name that can match it. */
const STARTS = [...SERVER_STARTS, ...QUEUE_CONSUMERS];
const STARTS_BY_METHOD = new Map<string, StartKnowledge[]>();
const STARTS_BY_CLASS = new Map<string, StartKnowledge[]>();
const STARTS_BY_DOTTED = new Map<string, StartKnowledge[]>();
const STARTS_BY_FUNCTION = new Map<string, StartKnowledge[]>();
for (const k of STARTS) {
  const [map, key] = 'method' in k.call ? [STARTS_BY_METHOD, k.call.method] : 'newClass' in k.call ? [STARTS_BY_CLASS, k.call.newClass] : 'fn' in k.call ? [STARTS_BY_FUNCTION, k.call.fn] : [STARTS_BY_DOTTED, k.call.dotted];
  map.set(key, [...(map.get(key) ?? []), k]);
}
/** The last part of every dotted start call (`listen` of `Deno.listen`). */
const DOTTED_LAST_NAMES = new Set([...STARTS_BY_DOTTED.keys()].map((d) => d.slice(d.lastIndexOf('.') + 1)));

const RUNNER_METHODS = new Set(SHUTDOWN_RUNNERS.map((r) => r.method));
/** Calls that send a signal rather than handle one (`child.kill('SIGTERM')`, `emitter.emit('SIGTERM')`). */
const SENDS_SIGNAL = /^(kill|emit|signal|send|stop|terminate)$/;

/**
 * `process.on(...)`, also as a link of a chain on it: `process.on(...)` returns process, so
 * `process.on('unhandledRejection', f).once('SIGTERM', g)` registers g on process too (browserless).
 */
function isProcessObject(call: ts.CallExpression): boolean {
  if (!ts.isPropertyAccessExpression(call.expression)) return false;
  let receiver = call.expression.expression;
  for (let depth = 0; depth < 16 && ts.isCallExpression(receiver) && ts.isPropertyAccessExpression(receiver.expression) && SIGNAL_METHODS.has(receiver.expression.name.text); depth++) receiver = receiver.expression.expression;
  return ts.isIdentifier(receiver) && receiver.text === 'process';
}

export function pos(node: ts.Node, sf: ts.SourceFile): Pos {
  const start = sf.getLineAndCharacterOfPosition(node.getStart(sf));
  const end = sf.getLineAndCharacterOfPosition(node.getEnd());
  return { line: start.line + 1, column: start.character + 1, endLine: end.line + 1, endColumn: end.character + 1 };
}

/**
 * Puts `node`'s position on `fact` after the keys it has (the object `{ ...fact, ...pos(node, sf) }`
 * would be) without making either copy: facts of every import and env read are made this way.
 */
export function setPos<T extends object>(fact: T, node: ts.Node, sf: ts.SourceFile): T & Pos {
  const start = sf.getLineAndCharacterOfPosition(node.getStart(sf));
  const end = sf.getLineAndCharacterOfPosition(node.getEnd());
  const out = fact as T & Pos;
  out.line = start.line + 1;
  out.column = start.character + 1;
  out.endLine = end.line + 1;
  out.endColumn = end.character + 1;
  return out;
}

export interface TsFactCollector {
  /** Handler tables by node kind name; for one kind, the walk calls them in this order. */
  handlers: Handlers[];
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
  /** Local names bound to a child-process function (`{ spawn }`, `const execa = require('execa')`), by the function it acts as. */
  const childProcessNames = new Map<string, { fn: ChildProcessFn; module: string }>();
  /** Local names bound to a child-process module as a whole (`import * as cp`). */
  const childProcessNamespaces = new Map<string, ChildProcessModule>();
  /** const initialisers by name, to see through `const port = process.env.PORT ?? 3000`. */
  const constants = new Map<string, ts.Expression>();
  /** Start calls whose module gate and port are decided once the whole file is read. */
  const pendingStarts: Array<{ node: ts.CallExpression | ts.NewExpression; known: StartKnowledge }> = [];
  const pendingChild: ts.CallExpression[] = [];
  const pendingSignals: Array<{ fact: SignalHandlerFact; handler: ts.Expression | undefined }> = [];
  const pendingExports: Array<{ node: ts.Node; value: ts.Expression }> = [];
  const pendingRunners: Array<{ node: ts.CallExpression; method: string }> = [];
  let signalViaVariable: ts.CallExpression | undefined;
  let sigtermLiteral = false;
  let sigtermPassed = false;

  /** Local names bound by value imports, with the import facts they came from (for type-only use). */
  // Keyed by the identifiers' escapedText (a bijection of their text): the Identifier handler then
  // reads a field instead of the `text` getter on every identifier of the file.
  const importBindings = new Map<string, number>();
  const bindingsOfImport = new Map<number, string[]>();
  const valueUsed = new Set<string>();
  const isTsSource = /\.(ts|tsx|mts|cts)$/i.test(sf.fileName);

  const addImport = (node: ts.Node, specifier: string, form: TsFacts['imports'][number]['form'], typeOnly: boolean) => {
    const call = form !== 'import' && form !== 'export';
    const fact: Omit<ImportFact, keyof Pos> = { specifier, form, typeOnly };
    if (call && insideTry(node)) fact.guarded = true;
    if (call && isInsideFunction(node)) fact.lazy = true;
    if (call && insideNonProductionBranch(node)) fact.outsideProduction = true;
    facts.imports.push(setPos(fact, node, sf));
    importedModules.add(specifier.replace(/^node:/, ''));
    if (SHUTDOWN_HELPERS.has(specifier)) facts.shutdownHelpers.push({ name: specifier, ...pos(node, sf) });
  };

  const bindChildProcess = (specifier: string, binding: ts.Node | undefined) => {
    const known = childProcessModule(specifier);
    if (!known || !binding) return;
    const bindName = (local: string, exported: string) => {
      const fn = Object.hasOwn(known.functions, exported) ? known.functions[exported] : undefined;
      if (fn) childProcessNames.set(local, { fn, module: known.module });
    };
    const bindWhole = (local: string) => {
      childProcessNamespaces.set(local, known);
      if (known.callableDefault) childProcessNames.set(local, { fn: known.callableDefault, module: known.module });
    };
    if (ts.isIdentifier(binding)) bindWhole(binding.text);
    else if (ts.isNamespaceImport(binding)) bindWhole(binding.name.text);
    else if (ts.isNamedImports(binding)) for (const el of binding.elements) bindName(el.name.text, (el.propertyName ?? el.name).text);
    else if (ts.isObjectBindingPattern(binding)) {
      for (const el of binding.elements) {
        if (!ts.isIdentifier(el.name)) continue;
        const exported = el.propertyName ? propertyNameText(el.propertyName) : el.name.text;
        if (exported) bindName(el.name.text, exported);
      }
    }
  };

  const handlers: Handlers = {
    ImportDeclaration(node: ts.ImportDeclaration) {
      const spec = stringValue(node.moduleSpecifier);
      if (spec === undefined) return;
      const clause = node.importClause;
      addImport(node, spec, 'import', Boolean(clause?.isTypeOnly) || (clause !== undefined && !clause.name && allTypeOnly(clause.namedBindings)));
      if (clause && !clause.isTypeOnly && isTsSource) {
        const names: string[] = [];
        if (clause.name) names.push(clause.name.escapedText as string);
        const nb = clause.namedBindings;
        if (nb && ts.isNamespaceImport(nb)) names.push(nb.name.escapedText as string);
        if (nb && ts.isNamedImports(nb)) for (const el of nb.elements) if (!el.isTypeOnly) names.push(el.name.escapedText as string);
        const index = facts.imports.length - 1;
        bindingsOfImport.set(index, names);
        for (const n of names) importBindings.set(n, index);
      }
      if (clause?.name) bindChildProcess(spec, clause.name);
      if (clause?.namedBindings) bindChildProcess(spec, clause.namedBindings);
    },
    ExportAssignment(node: ts.ExportAssignment) {
      pendingExports.push({ node, value: node.expression });
    },
    FunctionDeclaration(node: ts.FunctionDeclaration) {
      // export default async function (fastify, opts) { ... }: at module level only, so nested
      // functions (most of them) stop before their modifiers are listed.
      if (node.parent !== sf) return;
      // The node's own list (decorators among them never have these kinds), not a filtered copy of it.
      const modifiers = node.modifiers;
      const isDefault = modifiers?.some((m) => m.kind === ts.SyntaxKind.DefaultKeyword) && modifiers.some((m) => m.kind === ts.SyntaxKind.ExportKeyword);
      if (isDefault && isFastifyPlugin(node, sf)) (facts.exportedApps ??= []).push({ framework: 'fastify plugin', ...pos(node, sf) });
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
    ExpressionStatement(node: ts.ExpressionStatement) {
      if (!atModuleLevel(node)) return;
      const value = moduleExportValue(node.expression);
      if (value) pendingExports.push({ node, value });
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
          if (signal.startsWith('SIG')) {
            const fact: SignalHandlerFact = { signal, ...pos(node, sf) };
            facts.signalHandlers.push(fact);
            pendingSignals.push({ fact, handler: node.arguments[1] });
          }
        } else if (node.arguments[0] && !signalViaVariable) signalViaVariable = node;
        return;
      }
      if (method === 'enableShutdownHooks') {
        facts.shutdownHelpers.push({ name: 'enableShutdownHooks', ...pos(node, sf) });
        return;
      }
      // react-router-hono-server registers SIGTERM and SIGINT handlers itself when it is given an
      // onGracefulShutdown callback: the server it starts is then closed on SIGTERM.
      if (method === 'createHonoServer' && objectProperty(node.arguments[0], 'onGracefulShutdown') !== undefined) {
        facts.shutdownHelpers.push({ name: 'createHonoServer onGracefulShutdown', ...pos(node, sf) });
      }
      // Whether the runner's module is imported is known once every import is read.
      if (RUNNER_METHODS.has(method)) pendingRunners.push({ node, method });
      const started = startsOf(node);
      if (started.length > 0) {
        for (const known of started) pendingStarts.push({ node, known });
        return;
      }
      const timeout = shutdownTimeoutOf(node, method);
      if (timeout) (facts.shutdownTimeouts ??= []).push({ ...timeout, ...pos(node, sf) });
      // Which module the name comes from is known once every import is read (requires may come later).
      if (ts.isIdentifier(callee) || (ts.isPropertyAccessExpression(callee) && ts.isIdentifier(callee.expression))) pendingChild.push(node);
    },
    NewExpression(node: ts.NewExpression) {
      for (const known of startsOf(node)) pendingStarts.push({ node, known });
    },
  };

  // `process.env` is read only where `env` is written, and a `'SIGTERM'` literal is looked for only
  // where it is: most files register neither table (the first ran on every property access, the
  // second on every string literal; fact-gates.ts says why each is a table of its own).
  const envHandlers: Handlers = textMayHold(ENV_TEXT, sf.text)
    ? {
        PropertyAccessExpression(node: ts.PropertyAccessExpression) {
          // envVarName of a property access, without asking again what kind of node this is (it
          // runs on every property access of such a file).
          if (isProcessEnv(node.expression)) facts.envReads.push(envReadFact(node, node.name.text, sf, pos));
          else if (!facts.envOpaque && isProcessEnv(node) && usedAsWhole(node)) facts.envOpaque = true;
        },
        ElementAccessExpression(node: ts.ElementAccessExpression) {
          const name = envVarName(node);
          if (name !== undefined) facts.envReads.push(envReadFact(node, name, sf, pos));
        },
      }
    : NO_HANDLERS;
  // Type-only use of an import is looked for in TS sources only (only they bind importBindings): a
  // JS file does not call this handler on each of its identifiers, the most frequent node.
  const usageHandlers: Handlers = isTsSource
    ? {
        Identifier(node: ts.Identifier) {
          // Nothing to do in a file without value imports, or for a name already seen used.
          if (importBindings.size === 0) return;
          const name = node.escapedText as string;
          if (importBindings.has(name) && !valueUsed.has(name) && isValueUsage(node)) valueUsed.add(name);
        },
      }
    : NO_HANDLERS;
  const sigtermHandlers: Handlers = textMayHold(SIGTERM_TEXT, sf.text)
    ? {
        StringLiteral(node: ts.StringLiteral) {
          if (node.text !== 'SIGTERM') return;
          sigtermLiteral = true;
          // An argument of a call that is neither a process method (`process.on`, `process.kill`)
          // nor a child's kill/emit: a function of the code's own given the signal to handle.
          const call = node.parent;
          if (ts.isCallExpression(call) && call.arguments.includes(node) && !isProcessObject(call) && !SENDS_SIGNAL.test(calleeName(call) ?? '')) sigtermPassed = true;
          // An element of a list of signals (`export const SHUTDOWN_SIGNALS = ['SIGINT', 'SIGTERM']`)
          // that another file loops over with `process.on(signal, cleanup)` (sourcebot).
          if (ts.isArrayLiteralExpression(node.parent)) sigtermPassed = true;
        },
      }
    : NO_HANDLERS;

  // `resolve: { alias: { '@helpers': path.resolve(...) } }`: names the bundler maps to source folders.
  const bundlerHandlers: Handlers = BUNDLER_CONFIG.test(sf.fileName)
    ? {
        PropertyAssignment(node: ts.PropertyAssignment) {
          if (propertyNameText(node.name) !== 'alias') return;
          const keys = aliasKeys(node.initializer);
          if (keys.length > 0) (facts.bundlerAliases ??= []).push(...keys);
        },
      }
    : NO_HANDLERS;

  // pm2 ecosystem files and nps package-scripts: the run chain reads what they start.
  if (STATIC_CONFIG_FILE.test(sf.fileName)) {
    const config = staticConfigObject(sf);
    if (config) facts.configObject = config;
  }
  if (GULPFILE.test(sf.fileName)) facts.gulpTasks = gulpTasks(sf);
  if (mayCallEsbuild(sf.text)) {
    const outputs = esbuildOutputs(sf);
    if (outputs.length > 0) facts.bundleOutputs = outputs;
  }

  // Factor XI/XII facts and env schema facts are gathered by their own collectors, whose tables the
  // walk registers after this one (in this order), with no wrapper made per file.
  const admin = createAdminFactCollector(sf, pos);
  const envSchema = createEnvSchemaCollector(sf, pos);
  const fatal = createFatalHandlerCollector(sf, pos);

  return {
    handlers: [handlers, envHandlers, usageHandlers, sigtermHandlers, bundlerHandlers, ...admin.handlers, ...envSchema.handlers, fatal.handlers],
    finish() {
      Object.assign(facts, admin.finish(), fatal.finish());
      const env = envSchema.finish(facts.envReads, facts.envReads.length > 0 || facts.envOpaque === true);
      facts.envReads = env.envReads;
      if (env.envProvided.length > 0) facts.envProvided = env.envProvided;
      const started = new Set<ts.Node>();
      for (const { node, known } of pendingStarts) {
        if (started.has(node)) continue;
        if (known.modules && ![...importedModules].some((m) => known.modules!.test(m))) continue;
        started.add(node);
        const start: ServerStartFact = { kind: known.kind, api: known.api, topLevel: !isInsideFunction(node), ...pos(node, sf), ...(known.api === 'listen' && answersOnly503(node) ? { unavailablePage: true as const } : {}) };
        const portArg = known.port === 'arg0' ? node.arguments?.[0] : known.port ? objectProperty(node.arguments?.[0], known.port.option) : undefined;
        const port = known.port ? portOf(portArg, constants) : undefined;
        if (port) start.port = port;
        facts.serverStarts.push(start);
      }
      const loadChildren: Array<{ fact: ChildProcessFact; inLoop: boolean }> = [];
      // Without a child-process name bound in the file (most files), no pending call is one.
      const childNamesBound = childProcessNames.size > 0 || childProcessNamespaces.size > 0;
      for (const node of childNamesBound ? pendingChild : []) {
        const callee = node.expression;
        const ns = ts.isPropertyAccessExpression(callee) && ts.isIdentifier(callee.expression) ? childProcessNamespaces.get(callee.expression.text) : undefined;
        const bound = ts.isIdentifier(callee)
          ? childProcessNames.get(callee.text)
          : ns && ts.isPropertyAccessExpression(callee) && Object.hasOwn(ns.functions, callee.name.text)
            ? { fn: ns.functions[callee.name.text]!, module: ns.module }
            : undefined;
        if (!bound) continue;
        const { fn } = bound;
        const fact: ChildProcessFact = { fn, ...(bound.module !== 'child_process' ? { module: bound.module } : {}), ...pos(node, sf) };
        const first = node.arguments[0] ? unwrap(node.arguments[0]) : undefined;
        // exec(`ffmpeg -i ${input}`): the program is the template's first word when the head spells it whole.
        const command = stringValue(first) ?? (first && ts.isTemplateExpression(first) && /^\s*\S+\s/.test(first.head.text) ? first.head.text : undefined);
        if (command !== undefined) fact.command = command.trim().split(/\s+/)[0] ?? command;
        const options = node.arguments.find((a) => ts.isObjectLiteralExpression(a));
        const detached = objectProperty(options, 'detached');
        if (detached && detached.kind === ts.SyntaxKind.TrueKeyword) fact.detached = true;
        facts.childProcesses.push(fact);
        // A package script it runs (`spawn('npm', ['run', 'build'])`) is as often a build step, and a
        // detached child is let go: neither is supervised.
        if (startsNodeProcess(fact, false) && !fact.detached && !isInsideFunction(node)) loadChildren.push({ fact, inLoop: insideLoop(node) });
      }
      // A module that starts several Node children as it loads (a launcher of services) stays up with
      // them: one start for the launcher. A single child may as well be a one-off task.
      if (loadChildren.length >= 2 || loadChildren.some((c) => c.inLoop)) {
        const { fact } = loadChildren[0]!;
        facts.serverStarts.push({ kind: 'supervisor', api: `${fact.fn} ${fact.command ?? 'a Node script'}`.trim(), topLevel: true, line: fact.line, column: fact.column, ...(fact.endLine ? { endLine: fact.endLine } : {}), ...(fact.endColumn ? { endColumn: fact.endColumn } : {}) });
      }
      for (const { node, method } of pendingRunners) {
        const receiver = ts.isPropertyAccessExpression(node.expression) && ts.isIdentifier(node.expression.expression) ? node.expression.expression.text : undefined;
        const runner = SHUTDOWN_RUNNERS.find((r) => r.method === method && (r.receiver === undefined || r.receiver === receiver) && [...importedModules].some((m) => r.modules.test(m)) && !r.unlessText?.test(sf.text));
        if (runner) facts.shutdownHelpers.push({ name: runner.name, ...pos(node, sf) });
      }
      for (const { fact, handler } of pendingSignals) {
        const does = signalHandlerAction(handler, sf);
        if (does) fact.does = does;
      }
      for (const { node, value } of pendingExports) {
        const framework = exportedAppOf(value, sf);
        if (framework) (facts.exportedApps ??= []).push({ framework, ...pos(node, sf) });
      }
      // TypeScript erases an import whose bindings are only used as types (`import { Request } from
      // 'express'` used in annotations): at run time it is not an import at all.
      for (const [index, names] of bindingsOfImport) {
        const fact = facts.imports[index];
        if (fact && names.length > 0 && names.every((n) => !valueUsed.has(n))) fact.typeOnly = true;
      }
      // A handler for a signal the caller names, and a caller naming SIGTERM, in two files of one
      // process: the rule joins them over the import graph.
      if (signalViaVariable && !sigtermLiteral) facts.signalsByVariable = true;
      if (sigtermPassed && !facts.signalHandlers.some((h) => h.signal === 'SIGTERM')) facts.passesSigterm = true;
      if (signalViaVariable && sigtermLiteral && !facts.signalHandlers.some((h) => h.signal === 'SIGTERM')) {
        const fact: SignalHandlerFact = { signal: 'SIGTERM', ...pos(signalViaVariable, sf) };
        const does = signalHandlerAction(signalViaVariable.arguments[1], sf);
        if (does) fact.does = does;
        facts.signalHandlers.push(fact);
      }
      facts.serverStarts.sort((a, b) => a.line - b.line || a.column - b.column);
      return facts;
    },
  };
}

/** Inside a `for`/`while`/`do` loop (below the nearest function). */
function insideLoop(node: ts.Node): boolean {
  for (let p = node.parent; p && !isFunctionLike(p); p = p.parent) {
    if (ts.isForStatement(p) || ts.isForOfStatement(p) || ts.isForInStatement(p) || ts.isWhileStatement(p) || ts.isDoStatement(p)) return true;
  }
  return false;
}

/** A statement that runs when the module loads: at top level, or inside top-level `if`/`try` blocks (`if (require.main === module) main()`). */
function atModuleLevel(node: ts.Node): boolean {
  for (let p = node.parent; p; p = p.parent) {
    if (ts.isSourceFile(p)) return true;
    if (!ts.isBlock(p) && !ts.isIfStatement(p) && !ts.isTryStatement(p)) return false;
  }
  return false;
}

/** `module.exports = X`, `exports.default = X`: X. */
function moduleExportValue(e: ts.Expression): ts.Expression | undefined {
  const n = unwrap(e);
  if (!ts.isBinaryExpression(n) || n.operatorToken.kind !== ts.SyntaxKind.EqualsToken) return undefined;
  const left = dottedName(n.left);
  return left === 'module.exports' || left === 'exports.default' ? n.right : undefined;
}

function lastName(e: ts.Expression): string | undefined {
  const n = unwrap(e);
  return ts.isIdentifier(n) ? n.text : ts.isPropertyAccessExpression(n) ? n.name.text : undefined;
}

/**
 * `createServer((req, res) => { res.writeHead(503, ...); res.end(page) }).listen(...)`: the server's
 * handler, written in the call, sets no status but 503 (by writeHead or statusCode).
 */
function answersOnly503(node: ts.CallExpression | ts.NewExpression): boolean {
  if (!ts.isCallExpression(node) || !ts.isPropertyAccessExpression(node.expression)) return false;
  const receiver = unwrap(node.expression.expression);
  if (!ts.isCallExpression(receiver) || lastName(receiver.expression) !== 'createServer') return false;
  const handler = receiver.arguments.find((a) => ts.isArrowFunction(a) || ts.isFunctionExpression(a));
  if (!handler) return false;
  const statuses: number[] = [];
  const visit = (n: ts.Node): void => {
    if (ts.isCallExpression(n) && ts.isPropertyAccessExpression(n.expression) && n.expression.name.text === 'writeHead') {
      const first = n.arguments[0];
      statuses.push(first && ts.isNumericLiteral(first) ? Number(first.text) : NaN);
    } else if (ts.isBinaryExpression(n) && n.operatorToken.kind === ts.SyntaxKind.EqualsToken && ts.isPropertyAccessExpression(n.left) && n.left.name.text === 'statusCode') {
      statuses.push(ts.isNumericLiteral(n.right) ? Number(n.right.text) : NaN);
    }
    n.forEachChild(visit);
  };
  visit(handler);
  return statuses.length > 0 && statuses.every((s) => s === 503);
}

/** Known start calls (servers.ts, queue-consumers.ts) this call has the shape of; their module gates are checked at the end. */
function startsOf(node: ts.CallExpression | ts.NewExpression): readonly StartKnowledge[] {
  if (ts.isNewExpression(node)) {
    const name = lastName(node.expression);
    const list = name !== undefined ? STARTS_BY_CLASS.get(name) : undefined;
    return list ? list.filter((k) => optionKeysPresent(node.arguments?.[0], 'newClass' in k.call ? k.call.optionKeys : undefined)) : NO_STARTS;
  }
  const callee = node.expression;
  if (ts.isIdentifier(callee)) return STARTS_BY_FUNCTION.get(callee.text) ?? NO_STARTS;
  if (!ts.isPropertyAccessExpression(callee)) return NO_STARTS;
  if (ts.isIdentifier(callee.expression) && callee.expression.text === 'process') return NO_STARTS;
  // Made at the first match: nearly every call matches none.
  let out: StartKnowledge[] | undefined;
  const byMethod = STARTS_BY_METHOD.get(callee.name.text);
  if (byMethod) for (const k of byMethod) if ('method' in k.call && callMatches(node, k.call)) (out ??= []).push(k);
  // The dotted name is built only when its last part can end a known one.
  if (DOTTED_LAST_NAMES.has(callee.name.text)) {
    const dotted = dottedName(callee);
    const list = dotted !== undefined ? STARTS_BY_DOTTED.get(dotted) : undefined;
    if (list) (out ??= []).push(...list);
  }
  return out ?? NO_STARTS;
}

const NO_STARTS: readonly StartKnowledge[] = Object.freeze([]);

function callMatches(node: ts.CallExpression, c: Extract<StartKnowledge['call'], { method: string }>): boolean {
  if (c.minArgs !== undefined && node.arguments.length < c.minArgs) return false;
  const first = node.arguments[0] ? unwrap(node.arguments[0]) : undefined;
  if (c.firstArg === 'string' && (first === undefined || stringValue(first) === undefined)) return false;
  if (c.firstArg === 'not-callback' && (first === undefined || isFunctionLike(first) || ts.isObjectLiteralExpression(first))) return false;
  if (c.firstArg === 'not-function' && first !== undefined && isFunctionLike(first)) return false;
  if (c.method === 'listen' && !serverListen(node)) return false;
  if (typeof c.firstArg === 'object' && stringValue(first) !== c.firstArg.equals) return false;
  return optionKeysPresent(first, c.optionKeys);
}

/**
 * Whether a `x.listen(...)` call that has a server's shape is one. Not: a free-port probe
 * (`server.listen(port, host, () => server.close())`, closed as soon as it binds); a DOM event
 * listener (`renderer.listen(el, 'click', cb)`: an event name where a server takes a host); a class's
 * call of its own method named listen (`this.listen()` in a class that declares one: whatever it
 * starts is seen in that method's body).
 */
function serverListen(node: ts.CallExpression): boolean {
  if (closesOnListen(node)) return false;
  const second = node.arguments[1] ? stringValue(unwrap(node.arguments[1])) : undefined;
  if (second !== undefined && /^[a-z]+$/.test(second) && second !== 'localhost') return false;
  const callee = node.expression;
  if (ts.isPropertyAccessExpression(callee) && callee.expression.kind === ts.SyntaxKind.ThisKeyword && enclosingClassDeclares(node, callee.name.text)) return false;
  return true;
}

function enclosingClassDeclares(node: ts.Node, member: string): boolean {
  for (let p = node.parent; p; p = p.parent) {
    if (ts.isClassDeclaration(p) || ts.isClassExpression(p)) return p.members.some((m) => m.name !== undefined && ts.isIdentifier(m.name) && m.name.text === member);
  }
  return false;
}

/** Whether listen()'s callback (its last argument) does nothing but close the server it was called on. */
function closesOnListen(node: ts.CallExpression): boolean {
  const cb = node.arguments.length > 0 ? unwrap(node.arguments[node.arguments.length - 1]!) : undefined;
  if (!cb || !(ts.isArrowFunction(cb) || ts.isFunctionExpression(cb))) return false;
  let body: ts.Node = cb.body;
  if (ts.isBlock(body)) {
    if (body.statements.length !== 1 || !ts.isExpressionStatement(body.statements[0]!)) return false;
    body = body.statements[0].expression;
  }
  const call = unwrap(body as ts.Expression);
  if (!ts.isCallExpression(call) || !ts.isPropertyAccessExpression(call.expression) || call.expression.name.text !== 'close') return false;
  const receiver = ts.isPropertyAccessExpression(node.expression) ? lastName(node.expression.expression) : undefined;
  return receiver !== undefined && lastName(call.expression.expression) === receiver;
}

function optionKeysPresent(arg: ts.Expression | undefined, keys: string[] | undefined): boolean {
  return !keys || keys.some((k) => objectProperty(arg, k) !== undefined);
}

/** Methods whose call in a signal handler stops taking work or releases a connection. */
const CLOSE_METHODS = /^(close|closeAll|stop|shutdown|terminate|disconnect|destroy|end|quit|drain|unsubscribe|kill|abort|dispose|teardown|\$disconnect)$/i;
const LOG_METHODS = /^(log|info|warn|warning|error|debug|trace|fatal|notice|verbose|silly)$/;
const LOGGER_RECEIVER = /^(console|log|logs|logger|_logger|.*Logger|.*Log)$/i;

/** Is this a console or logger call (`console.log`, `logger.info`, `this.logger.warn`, `log('...')`)? */
function isLogCall(call: ts.CallExpression): boolean {
  const callee = unwrap(call.expression);
  if (ts.isIdentifier(callee)) return /^(log|debug|logger)$/.test(callee.text);
  if (!ts.isPropertyAccessExpression(callee) || !LOG_METHODS.test(callee.name.text)) return false;
  const receiver = lastName(callee.expression);
  return receiver !== undefined && LOGGER_RECEIVER.test(receiver);
}

/** What a signal handler does (SignalHandlerFact.does), from its body in this file. */
function signalHandlerAction(handler: ts.Expression | undefined, sf: ts.SourceFile): SignalHandlerFact['does'] | undefined {
  if (!handler) return undefined;
  let fn: ts.Node = unwrap(handler);
  if (ts.isIdentifier(fn)) {
    const own = moduleFunction(fn.text, sf);
    if (!own) return 'delegates';
    fn = own;
  }
  if (!ts.isArrowFunction(fn) && !ts.isFunctionExpression(fn) && !ts.isFunctionDeclaration(fn)) return 'delegates';
  const body = fn.body;
  if (!body) return undefined;
  let exits = false;
  let closes = false;
  let delegates = false;
  let logs = false;
  const visit = (n: ts.Node) => {
    if (ts.isThrowStatement(n)) exits = true;
    if (ts.isCallExpression(n)) {
      const name = dottedName(n.expression);
      if (name === 'process.exit' || name === 'process.kill' || name === 'process.abort' || name === 'process.reallyExit') exits = true;
      else if (isLogCall(n)) {
        logs = true;
        return; // what a log line formats (`new Date().toISOString()`) is not work
      } else {
        const method = lastName(n.expression);
        if (method !== undefined && CLOSE_METHODS.test(method)) closes = true;
        else delegates = true;
      }
    }
    // `shuttingDown = true`: a flag another loop reads to stop.
    if (ts.isBinaryExpression(n) && n.operatorToken.kind === ts.SyntaxKind.EqualsToken) delegates = true;
    n.forEachChild(visit);
  };
  visit(body);
  if (exits) return 'exits';
  if (closes) return 'closes';
  if (delegates) return 'delegates';
  if (logs) return 'logs-only';
  const empty = ts.isBlock(body) ? body.statements.length === 0 : false;
  return empty ? 'nothing' : 'delegates';
}

/** A module-level `function name()` or `const name = () => {...}` of this file. */
function moduleFunction(name: string, sf: ts.SourceFile): ts.FunctionLikeDeclaration | undefined {
  for (const st of sf.statements) if (ts.isFunctionDeclaration(st) && st.name?.text === name && st.body) return st;
  const init = moduleConstant(name, sf);
  const fn = init ? unwrap(init) : undefined;
  return fn && (ts.isArrowFunction(fn) || ts.isFunctionExpression(fn)) ? fn : undefined;
}

function isFastifyPlugin(fn: ts.FunctionLikeDeclaration, sf?: ts.SourceFile): boolean {
  const first = fn.parameters[0]?.name;
  if (!first || !ts.isIdentifier(first)) return false;
  if (first.text === 'fastify') return true;
  if (!sf || !FASTIFY_PLUGIN_PARAMS.has(first.text)) return false;
  return sf.statements.some((st) => ts.isImportDeclaration(st) && FASTIFY_MODULES.test(stringValue(st.moduleSpecifier) ?? '')) || /require\(\s*['"]fastify(-plugin)?['"]\s*\)/.test(sf.text);
}

/** The framework of an exported app object or fastify plugin, if the value is one. */
function exportedAppOf(value: ts.Expression, sf: ts.SourceFile, depth = 0): string | undefined {
  const v = unwrap(value);
  if (ts.isIdentifier(v)) {
    if (depth > 2) return undefined;
    const fn = moduleFunction(v.text, sf);
    if (fn) return isFastifyPlugin(fn, sf) ? 'fastify plugin' : undefined;
    const init = moduleConstant(v.text, sf);
    return init ? exportedAppOf(init, sf, depth + 1) : undefined;
  }
  if (ts.isArrowFunction(v) || ts.isFunctionExpression(v)) return isFastifyPlugin(v, sf) ? 'fastify plugin' : undefined;
  if (ts.isCallExpression(v) || ts.isNewExpression(v)) {
    const from = resolveImported(v.expression, sf);
    if (!from) return undefined;
    // fp(async (fastify) => ...): fastify-plugin wraps the plugin.
    if (from.module === 'fastify-plugin' && v.arguments?.[0]) return exportedAppOf(v.arguments[0], sf, depth + 1);
    const app = EXPORTABLE_APPS.find((a) => a.module === from.module && (a.export ?? []).join('.') === from.path.join('.'));
    return app?.framework;
  }
  return undefined;
}

/** vite, vitest, webpack, rollup, rspack and framework configs that take a `resolve.alias`. */
/** Files whose `alias` keys are read as bundler aliases (TsFacts.bundlerAliases): no other file has them. */
export const BUNDLER_CONFIG = /(^|\/)(vite|vitest|webpack|rollup|rspack|rsbuild|nuxt|astro|svelte|quasar|craco|electron\.vite)\.conf(ig)?(\.[\w-]+)*\.[cm]?[jt]s$/i;

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
  // Names of something else: `{ Request: x }`, `.Request`, and any declaration's own name (a method
  // `Identifier() {}` of a visitor, a parameter or field `Request`): none reads the import.
  if ((ts.isPropertyAccessExpression(p) && p.name === id) || (ts.isQualifiedName(p) && p.right === id) || declaresName(p, id)) return false;
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

/**
 * Whether `id` is the name a declaration gives (a property, method, accessor, parameter, variable,
 * function, class, enum member, or a destructured property's key), not a reference. A shorthand
 * property `{ Request }` is no declaration: it reads the value.
 */
function declaresName(p: ts.Node, id: ts.Identifier): boolean {
  if (ts.isBindingElement(p)) return p.propertyName === id || p.name === id;
  return (
    (ts.isPropertyAssignment(p) ||
      ts.isMethodDeclaration(p) ||
      ts.isPropertyDeclaration(p) ||
      ts.isGetAccessorDeclaration(p) ||
      ts.isSetAccessorDeclaration(p) ||
      ts.isParameter(p) ||
      ts.isVariableDeclaration(p) ||
      ts.isFunctionDeclaration(p) ||
      ts.isFunctionExpression(p) ||
      ts.isClassDeclaration(p) ||
      ts.isClassExpression(p) ||
      ts.isEnumMember(p) ||
      ts.isPropertySignature(p) ||
      ts.isMethodSignature(p)) &&
    p.name === id
  );
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
