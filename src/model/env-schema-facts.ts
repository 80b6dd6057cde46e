// What a file says about the environment variables it needs, beyond the bare `process.env.X` read:
// how each read copes with an unset variable (a fallback, a presence test, an assertion), the entries
// of env validation schemas (zod, @t3-oss/env, envalid, Joi, convict, class-validator config classes),
// and the variables that build config hands to the code (next.config `env`, `define`). Syntax only: the
// scanned code is never run, and a schema is recognised by its library's import and call shape.

import type { ts as TS } from 'ts-morph';
import type { EnvProvidedFact, EnvReadFact, Pos } from '../parsing/facts.js';
import { calleeName, containsNode, dottedName, isInsideFunction, propertyNameText, stringValue, ts, unwrap } from '../parsing/ts/ts-utils.js';
import { NO_HANDLERS, textMayHold, type Handlers } from './fact-gates.js';
import { looksLikeSecretValue } from '../secrets/detect.js';

type PosOf = (node: ts.Node, sf: ts.SourceFile) => Pos;

/** Environment variable names as schemas spell them: `DATABASE_URL`, `PORT`. */
const ENV_NAME = /^[A-Z][A-Z0-9]*(_[A-Z0-9]+)*$/;

/** A `process.env.X` / `process.env['X']` read: where, and how the code copes when X is unset. */
export function envReadFact(node: ts.Expression, name: string, sf: ts.SourceFile, posOf: PosOf): EnvReadFact {
  const read: EnvReadFact = located({ name }, posOf(node, sf));
  // process.env.X = 'worker' (also ??=, ||=): the code provides the value itself.
  const target = climbWrappers(node);
  if (target.parent && ts.isBinaryExpression(target.parent) && target.parent.left === target && isAssignment(target.parent.operatorToken.kind)) {
    read.use = 'assigned';
    return read;
  }
  // `process.env.X!`: the author asserts it is always set (the type checker takes their word for it).
  let n = climbWrappers(node);
  const asserted = hasNonNull(node, n);
  // Number(process.env.X) || 1, parseInt(process.env.X ?? '', 10): the conversion keeps the fallback.
  const conv = n.parent;
  if (conv && ts.isCallExpression(conv) && conv.arguments[0] === n && ts.isIdentifier(conv.expression) && CONVERSIONS.has(conv.expression.text)) n = climbWrappers(conv);
  else if (conv && ts.isPrefixUnaryExpression(conv) && conv.operator === ts.SyntaxKind.PlusToken) n = climbWrappers(conv);
  const parent = n.parent;
  // parseEnvVarBoolean(process.env.X, false), getEnv(process.env.X, 'info'): a helper with a default.
  // A helper named for env parsing or defaults takes any second argument as the default
  // (parseEnvVarNumber(process.env.X, secondsToMs(30))); other names need a literal.
  const helper = parent && ts.isCallExpression(parent) && parent.arguments[0] === n && parent.arguments[1] ? (calleeName(parent) ?? '') : '';
  if (helper && !CONVERSIONS.has(helper) && (ENV_HELPER.test(helper) || (DEFAULTING_HELPER.test(helper) && isLiteral((parent as ts.CallExpression).arguments[1]!)))) {
    read.fallback = fallbackOf((parent as ts.CallExpression).arguments[1]!, sf, posOf);
    return read;
  }
  // process.env.X ?? 'x', and any operand but the last of a chain: HOME || USERPROFILE || HOMEPATH || ''.
  const alternative = nextAlternative(n);
  if (alternative) {
    read.fallback = fallbackOf(alternative, sf, posOf);
    return read;
  }
  // defaultChain(input, process.env.X, '5432'), coalesce(a, process.env.X): the helper picks among alternatives.
  if (parent && ts.isCallExpression(parent) && parent.arguments.length > 1 && parent.arguments.includes(n as ts.Expression) && CHOOSING_HELPER.test(calleeName(parent) ?? '')) {
    const other = parent.arguments.find((a) => a !== n)!;
    read.fallback = fallbackOf(other, sf, posOf);
    return read;
  }
  const use = useOf(n);
  if (use) read.use = use;
  else if (asserted) read.use = 'asserted';
  return read;
}

function hasNonNull(from: ts.Node, to: ts.Node): boolean {
  for (let c: ts.Node | undefined = from.parent; c && c !== to.parent; c = c.parent) if (ts.isNonNullExpression(c)) return true;
  return false;
}

const CONVERSIONS = new Set(['Number', 'parseInt', 'parseFloat', 'String']);

/** Names of helpers that take a variable and its default: parseEnvVarNumber, getEnv, toBool, envOr. */
const ENV_HELPER = /env|default|fallback/i;
const CHOOSING_HELPER = /default|fallback|coalesce|firstDefined/i;

function isOr(kind: ts.SyntaxKind): boolean {
  return kind === ts.SyntaxKind.QuestionQuestionToken || kind === ts.SyntaxKind.BarBarToken;
}

/** The expression tried when `n` is unset: the right operand of the first `??`/`||` that has `n` on its left. */
function nextAlternative(n: ts.Node): ts.Expression | undefined {
  let c = n;
  while (c.parent && ts.isBinaryExpression(c.parent) && isOr(c.parent.operatorToken.kind)) {
    if (c.parent.left === c) return c.parent.right;
    c = c.parent;
    while (c.parent && ts.isParenthesizedExpression(c.parent)) c = c.parent;
  }
  return undefined;
}
const DEFAULTING_HELPER = /env|parse|bool|num|int|str|flag|default|fallback|setting|option|config|coerce/i;

function isLiteral(e: ts.Expression): boolean {
  const n = unwrap(e);
  if (stringValue(n) !== undefined || ts.isNumericLiteral(n) || ts.isArrayLiteralExpression(n) || ts.isObjectLiteralExpression(n)) return true;
  if (n.kind === ts.SyntaxKind.TrueKeyword || n.kind === ts.SyntaxKind.FalseKeyword || n.kind === ts.SyntaxKind.NullKeyword) return true;
  return ts.isPrefixUnaryExpression(n) && n.operator === ts.SyntaxKind.MinusToken && ts.isNumericLiteral(n.operand);
}

function climbWrappers(node: ts.Node): ts.Node {
  let n = node;
  while (n.parent && (ts.isParenthesizedExpression(n.parent) || ts.isAsExpression(n.parent) || ts.isNonNullExpression(n.parent) || ts.isSatisfiesExpression(n.parent))) n = n.parent;
  return n;
}

/** `const { A, B = 'x' } = process.env`: one read per element, with its default as the fallback. */
export function destructuredEnvRead(el: TS.BindingElement, name: string, sf: ts.SourceFile, posOf: PosOf): EnvReadFact {
  const read: EnvReadFact = located({ name }, posOf(el, sf));
  if (el.initializer) read.fallback = fallbackOf(el.initializer, sf, posOf);
  return read;
}

/** A switch written as a string: `'true'`, `'off'`, `'0'`. As a fallback it picks a behaviour, it stands in for no value. */
const SWITCH_WORD = /^(true|false|yes|no|on|off|enabled?|disabled?|0|1)$/i;

function fallbackOf(node: ts.Expression, sf: ts.SourceFile, posOf: PosOf, enumMember = false): NonNullable<EnvReadFact['fallback']> {
  const n = unwrap(node);
  const text = stringValue(n);
  const kind = text !== undefined && !enumMember && !SWITCH_WORD.test(text) ? 'string' : ts.isNumericLiteral(n) ? 'number' : 'other';
  const fallback: Omit<NonNullable<EnvReadFact['fallback']>, keyof Pos> = { kind };
  if (text !== undefined) fallback.length = text.length;
  if (text !== undefined && isEndpoint(text)) fallback.endpoint = true;
  if (kind === 'string' && !looksLikeSecretValue(text!)) fallback.notCredential = true;
  return located(fallback, posOf(node, sf));
}

/** `fact` with `at`'s keys after its own, as `{ ...fact, ...at }` without the copy (facts of every env read are made so). */
function located<T extends object>(fact: T, at: Pos): T & Pos {
  const out = fact as T & Pos;
  out.line = at.line;
  out.column = at.column;
  if (at.endLine !== undefined) out.endLine = at.endLine;
  if (at.endColumn !== undefined) out.endColumn = at.endColumn;
  return out;
}

/** A URL or a local host name: as a fallback, a deploy without the variable silently talks to it. */
function isEndpoint(text: string): boolean {
  return /^[a-z][a-z0-9+.-]*:\/\/\S/i.test(text) || /^(localhost|127\.0\.0\.1|\[::1\]|host\.docker\.internal)(:\d+)?(\/|$)/i.test(text);
}

function isAssignment(kind: ts.SyntaxKind): boolean {
  return kind === ts.SyntaxKind.EqualsToken || kind === ts.SyntaxKind.QuestionQuestionEqualsToken || kind === ts.SyntaxKind.BarBarEqualsToken;
}

/** `===`, `!==`, `==`, `!=` (ts is bound lazily, so no module-level table of kinds). */
function isComparison(kind: ts.SyntaxKind): boolean {
  return kind === ts.SyntaxKind.EqualsEqualsEqualsToken || kind === ts.SyntaxKind.ExclamationEqualsEqualsToken || kind === ts.SyntaxKind.EqualsEqualsToken || kind === ts.SyntaxKind.ExclamationEqualsToken;
}

/**
 * How the expression `n` (the read, past parentheses) is used: a presence test or comparison
 * (`test`), or insisted on (`required`: `if (!process.env.X) throw ...`, `assert(process.env.X)`).
 */
function useOf(n: ts.Node, depth = 0): EnvReadFact['use'] {
  const parent = n.parent;
  if (!parent) return undefined;
  // process.env.X?.split(',') copes with undefined by construction.
  if ((ts.isPropertyAccessExpression(parent) || ts.isElementAccessExpression(parent)) && parent.expression === n && parent.questionDotToken) return 'test';
  if (ts.isTypeOfExpression(parent)) return 'test';
  if (ts.isBinaryExpression(parent)) {
    if (isComparison(parent.operatorToken.kind)) return requiredByThrow(parent) ? 'required' : 'test';
    if (parent.operatorToken.kind === ts.SyntaxKind.InKeyword) return 'test';
    // `{A && <Banner/>}`: the left side is a test; `cond && process.env.X` in a value is a value.
    if (parent.operatorToken.kind === ts.SyntaxKind.AmpersandAmpersandToken && parent.left === n) return 'test';
  }
  if (ts.isPrefixUnaryExpression(parent) && parent.operator === ts.SyntaxKind.ExclamationToken) return requiredByThrow(parent) ? 'required' : 'test';
  if (ts.isCallExpression(parent) && parent.arguments.includes(n as ts.Expression)) {
    const callee = calleeName(parent) ?? '';
    // Boolean(x), list.includes(x), isTruthy(x), parseBoolean(x)
    if (callee === 'Boolean' || callee === 'includes' || /^(is|has)[A-Z]|truthy|bool/i.test(callee)) return 'test';
    if (callee === 'assert' || callee === 'invariant' || dottedName(parent.expression) === 'assert.ok') return isInsideFunction(parent) ? 'test' : 'required';
  }
  if (inCondition(n)) return 'test';
  // const fromEnv = process.env.X; if (fromEnv) return fromEnv;  const useIt = enabled && process.env.X; if (useIt) ...
  let init: ts.Node = n;
  while (init.parent && (ts.isParenthesizedExpression(init.parent) || (ts.isBinaryExpression(init.parent) && init.parent.operatorToken.kind === ts.SyntaxKind.AmpersandAmpersandToken))) init = init.parent;
  const decl = init.parent;
  if (depth === 0 && decl && ts.isVariableDeclaration(decl) && decl.initializer === init && ts.isIdentifier(decl.name) && aliasCopes(decl, decl.name.text)) return 'test';
  return undefined;
}

/** Inside the condition of an if, a loop or a ternary, through `&&`, `||`, `!` and parentheses. */
function inCondition(n: ts.Node): boolean {
  let c = n;
  while (
    c.parent &&
    (ts.isParenthesizedExpression(c.parent) ||
      (ts.isPrefixUnaryExpression(c.parent) && c.parent.operator === ts.SyntaxKind.ExclamationToken) ||
      (ts.isBinaryExpression(c.parent) && (c.parent.operatorToken.kind === ts.SyntaxKind.AmpersandAmpersandToken || c.parent.operatorToken.kind === ts.SyntaxKind.BarBarToken)))
  ) {
    c = c.parent;
  }
  const p = c.parent;
  if (!p) return false;
  if ((ts.isIfStatement(p) || ts.isWhileStatement(p) || ts.isDoStatement(p)) && p.expression === c) return true;
  return ts.isConditionalExpression(p) && p.condition === c;
}

/** Characters of the block searched for a tested local. */
const ALIAS_SCOPE_LIMIT = 20_000;

/** Is the local that holds the read tested, or given a fallback, in the block that declares it? */
function aliasCopes(decl: TS.VariableDeclaration, name: string): boolean {
  let scope: ts.Node = decl;
  while (scope.parent && !ts.isBlock(scope) && !ts.isSourceFile(scope)) scope = scope.parent;
  // One walk of the block per such local: bounded by the block's size, so that a generated file with
  // thousands of such locals stays linear.
  if (scope.getEnd() - scope.getFullStart() > ALIAS_SCOPE_LIMIT) return false;
  return containsNode(scope, (id) => {
    if (!ts.isIdentifier(id) || id.text !== name || id === decl.name) return false;
    let n: ts.Node = id;
    while (n.parent && (ts.isParenthesizedExpression(n.parent) || ts.isNonNullExpression(n.parent) || ts.isAsExpression(n.parent))) n = n.parent;
    const p = n.parent;
    if (p && ts.isBinaryExpression(p) && p.left === n && (p.operatorToken.kind === ts.SyntaxKind.QuestionQuestionToken || p.operatorToken.kind === ts.SyntaxKind.BarBarToken)) return true;
    const use = useOf(n, 1);
    return use === 'test' || use === 'required';
  });
}

/**
 * `if (!process.env.X) throw new Error(...)` (also `|| !process.env.Y`, `=== undefined`, and a then
 * branch that calls process.exit): the code refuses to run without X.
 */
function requiredByThrow(test: ts.Node): boolean {
  let n: ts.Node = test;
  while (n.parent && (ts.isParenthesizedExpression(n.parent) || (ts.isBinaryExpression(n.parent) && n.parent.operatorToken.kind === ts.SyntaxKind.BarBarToken))) n = n.parent;
  const stmt = n.parent;
  // Inside a function the throw fails that one path (a request, an optional integration); at module
  // level it stops the process from starting.
  if (!stmt || !ts.isIfStatement(stmt) || stmt.expression !== n || isInsideFunction(stmt)) return false;
  // A comparison insists only when it asks "is it missing?": `=== undefined`, `== null`, `=== ''`.
  if (ts.isBinaryExpression(test)) {
    const equals = test.operatorToken.kind === ts.SyntaxKind.EqualsEqualsEqualsToken || test.operatorToken.kind === ts.SyntaxKind.EqualsEqualsToken;
    if (!equals || (!isUndefinedOrEmpty(test.left) && !isUndefinedOrEmpty(test.right))) return false;
  }
  return exitsOrThrows(stmt.thenStatement);
}

function isUndefinedOrEmpty(e: ts.Expression): boolean {
  const u = unwrap(e);
  return (ts.isIdentifier(u) && u.text === 'undefined') || u.kind === ts.SyntaxKind.NullKeyword || stringValue(u) === '';
}

function exitsOrThrows(stmt: ts.Statement): boolean {
  const first = ts.isBlock(stmt) ? stmt.statements : [stmt];
  for (const s of first) {
    if (ts.isThrowStatement(s)) return true;
    if (ts.isExpressionStatement(s)) {
      const e = unwrap(s.expression);
      if (ts.isCallExpression(e) && dottedName(e.expression) === 'process.exit') return true;
    }
  }
  return false;
}

// --- Schemas -------------------------------------------------------------------------------------

/** Methods that take a schema object: zod/Joi `object`, Joi `keys`, envalid `cleanEnv` through a namespace. */
const SCHEMA_METHODS = new Set(['object', 'keys', 'cleanEnv', 'customCleanEnv']);
/** Text every module `bind` recognises contains (zod, joi, @hapi/joi, envalid, convict, @t3-oss/env-*, class-validator). */
const SCHEMA_LIBRARY_TEXT = /zod|joi|envalid|convict|@t3-oss\/env-|class-validator/;
/** A string-literal key `'process.env.X'`/`"import.meta.env.X"`, the only keys `providedBy` reads outside next.config. */
const DEFINED_ENV_KEY_TEXT = /["'](?:process|import\.meta)\.env\./;
const ENVALID_VALIDATORS = new Set(['str', 'bool', 'num', 'email', 'host', 'port', 'url', 'json']);

interface SchemaEntry {
  read: EnvReadFact;
}

export interface EnvSchemaCollector {
  /** Tables of handlers, in the order the walk calls them. */
  handlers: Handlers[];
  /**
   * Schema entries and provided variables; drops the t3-env `runtimeEnv` reads its schema already lists.
   * `touchesEnv`: the file reads `process.env` (a zod or Joi object with upper-case keys elsewhere is
   * more likely a payload schema).
   */
  finish(envReads: EnvReadFact[], touchesEnv: boolean): { envReads: EnvReadFact[]; envProvided: EnvProvidedFact[] };
}

type SchemaLibrary = 'zod' | 'joi' | 'envalid' | 'envalidNs' | 'convict' | 't3';
const NO_NAMES: ReadonlySet<string> = new Set();

export function createEnvSchemaCollector(sf: ts.SourceFile, posOf: PosOf): EnvSchemaCollector {
  /** Local names bound to each schema library, by library (a set is made at its first name: few files import one). */
  const bound: Record<SchemaLibrary, ReadonlySet<string>> & { classValidator: boolean } = { zod: NO_NAMES, joi: NO_NAMES, envalid: NO_NAMES, envalidNs: NO_NAMES, convict: NO_NAMES, t3: NO_NAMES, classValidator: false };
  const addName = (lib: SchemaLibrary, name: string) => {
    let names = bound[lib];
    if (names === NO_NAMES) bound[lib] = names = new Set();
    (names as Set<string>).add(name);
  };
  const entries: SchemaEntry[] = [];
  const provided: EnvProvidedFact[] = [];
  /** Spans of t3-env `runtimeEnv` objects, with the names their schema lists. */
  const runtimeEnvSpans: Array<{ start: number; end: number; names: Set<string> }> = [];
  const pendingClasses: TS.ClassDeclaration[] = [];
  const pendingCalls: ts.CallExpression[] = [];
  const isNextConfig = /(^|\/)next\.config\.[cm]?[jt]s$/.test(sf.fileName);

  const bind = (spec: string, clause: TS.ImportClause | undefined, requireName?: ts.BindingName) => {
    const lib =
      spec === 'zod' || spec.startsWith('zod/') ? 'zod'
      : spec === 'joi' || spec === '@hapi/joi' ? 'joi'
      : spec === 'envalid' ? 'envalid'
      : spec === 'convict' ? 'convict'
      : spec.startsWith('@t3-oss/env-') ? 't3'
      : spec === 'class-validator' ? 'classValidator'
      : undefined;
    if (!lib) return;
    if (lib === 'classValidator') {
      bound.classValidator = true;
      return;
    }
    const names: string[] = [];
    const nsNames: string[] = [];
    if (clause?.name) (lib === 'envalid' ? nsNames : names).push(clause.name.text);
    const nb = clause?.namedBindings;
    if (nb && ts.isNamespaceImport(nb)) (lib === 'envalid' ? nsNames : names).push(nb.name.text);
    if (nb && ts.isNamedImports(nb)) for (const el of nb.elements) names.push(el.name.text);
    if (requireName && ts.isIdentifier(requireName)) (lib === 'envalid' ? nsNames : names).push(requireName.text);
    if (requireName && ts.isObjectBindingPattern(requireName)) for (const el of requireName.elements) if (ts.isIdentifier(el.name)) names.push(el.name.text);
    for (const n of names) addName(lib, n);
    if (lib === 'envalid') for (const n of nsNames) addName('envalidNs', n);
  };

  /** `enumMember`: the default is one of the values an enum schema allows (`z.enum([...]).default('a')`). */
  const addEntry = (key: ts.Node, name: string, schema: NonNullable<EnvReadFact['schema']>, use: EnvReadFact['use'], fallback?: ts.Expression, enumMember = false) => {
    const read: EnvReadFact = { name, ...posOf(key, sf), schema };
    if (fallback) read.fallback = fallbackOf(fallback, sf, posOf, enumMember);
    else if (use) read.use = use;
    entries.push({ read });
  };

  /** The calls of a chain, outermost first: `z.string().url().optional()` -> optional, url, string. */
  const chain = (e: ts.Expression): { root: string | undefined; calls: Array<{ method: string; args: readonly ts.Expression[] }> } => {
    const calls: Array<{ method: string; args: readonly ts.Expression[] }> = [];
    let n = unwrap(e);
    for (let guard = 0; guard < 64; guard++) {
      if (ts.isCallExpression(n)) {
        const callee = n.expression;
        if (ts.isPropertyAccessExpression(callee)) {
          calls.push({ method: callee.name.text, args: n.arguments });
          n = unwrap(callee.expression);
          continue;
        }
        if (ts.isIdentifier(callee)) {
          calls.push({ method: callee.text, args: n.arguments });
          return { root: callee.text, calls };
        }
        return { root: undefined, calls };
      }
      if (ts.isPropertyAccessExpression(n)) {
        // z.coerce.number(): step over the namespace member
        n = unwrap(n.expression);
        continue;
      }
      if (ts.isIdentifier(n)) return { root: n.text, calls };
      return { root: undefined, calls };
    }
    return { root: undefined, calls };
  };

  /** zod: `.optional()`/`.nullish()` make it optional, `.default(x)`/`.catch(x)` give a fallback. */
  const zodEntries = (obj: ts.ObjectLiteralExpression, schema: 'zod' | 't3-env', names?: Set<string>) => {
    for (const p of obj.properties) {
      if (!ts.isPropertyAssignment(p)) continue;
      const name = propertyNameText(p.name);
      if (!name || !ENV_NAME.test(name)) continue;
      const c = chain(p.initializer);
      if (!c.root || !bound.zod.has(c.root)) continue;
      names?.add(name);
      const withDefault = c.calls.find((x) => x.method === 'default' || x.method === 'catch');
      const isEnum = c.calls.some((x) => x.method === 'enum' || x.method === 'nativeEnum' || x.method === 'literal' || x.method === 'boolean');
      if (withDefault) addEntry(p.name, name, schema, undefined, withDefault.args[0] ?? p.initializer, isEnum);
      else addEntry(p.name, name, schema, c.calls.some((x) => x.method === 'optional' || x.method === 'nullish') ? 'optional' : 'required');
    }
  };

  /** Joi keys are optional unless `.required()`; `.default(x)` gives a fallback. */
  const joiEntries = (obj: ts.ObjectLiteralExpression) => {
    for (const p of obj.properties) {
      if (!ts.isPropertyAssignment(p)) continue;
      const name = propertyNameText(p.name);
      if (!name || !ENV_NAME.test(name)) continue;
      const c = chain(p.initializer);
      if (!c.root || !bound.joi.has(c.root)) continue;
      const withDefault = c.calls.find((x) => x.method === 'default');
      if (withDefault && withDefault.args[0]) addEntry(p.name, name, 'joi', undefined, withDefault.args[0]);
      else addEntry(p.name, name, 'joi', c.calls.some((x) => x.method === 'required' || x.method === 'exist') ? 'required' : 'optional');
    }
  };

  /** envalid: `str()` is required, `str({ default })` has a fallback; `devDefault` does not apply in production. */
  const envalidEntries = (obj: ts.ObjectLiteralExpression) => {
    for (const p of obj.properties) {
      if (!ts.isPropertyAssignment(p)) continue;
      const name = propertyNameText(p.name);
      if (!name || !ENV_NAME.test(name)) continue;
      const v = unwrap(p.initializer);
      if (!ts.isCallExpression(v)) continue;
      const callee = v.expression;
      const fn = ts.isIdentifier(callee) && bound.envalid.has(callee.text) ? callee.text
        : ts.isPropertyAccessExpression(callee) && ts.isIdentifier(callee.expression) && bound.envalidNs.has(callee.expression.text) ? callee.name.text
        : undefined;
      if (!fn || !ENVALID_VALIDATORS.has(fn)) continue;
      const opts = v.arguments[0] && ts.isObjectLiteralExpression(unwrap(v.arguments[0])) ? (unwrap(v.arguments[0]) as ts.ObjectLiteralExpression) : undefined;
      const def = opts?.properties.find((o): o is ts.PropertyAssignment => ts.isPropertyAssignment(o) && propertyNameText(o.name) === 'default');
      if (def) {
        const value = unwrap(def.initializer);
        if (ts.isIdentifier(value) && value.text === 'undefined') addEntry(p.name, name, 'envalid', 'optional');
        else addEntry(p.name, name, 'envalid', undefined, def.initializer);
      } else addEntry(p.name, name, 'envalid', 'required');
    }
  };

  /** convict: every leaf `{ env: 'X', default: ... }`; a null default leaves it to `format` (optional here). */
  const convictEntries = (root: ts.ObjectLiteralExpression) => {
    const stack: ts.ObjectLiteralExpression[] = [root];
    for (let guard = 0; stack.length > 0 && guard < 10_000; guard++) {
      const obj = stack.pop()!;
      let envProp: ts.PropertyAssignment | undefined;
      let def: ts.PropertyAssignment | undefined;
      for (const p of obj.properties) {
        if (!ts.isPropertyAssignment(p)) continue;
        const key = propertyNameText(p.name);
        if (key === 'env') envProp = p;
        else if (key === 'default') def = p;
        const v = unwrap(p.initializer);
        if (ts.isObjectLiteralExpression(v)) stack.push(v);
      }
      const name = envProp ? stringValue(unwrap(envProp.initializer)) : undefined;
      if (!envProp || !name || !ENV_NAME.test(name)) continue;
      const value = def ? unwrap(def.initializer) : undefined;
      if (!value || value.kind === ts.SyntaxKind.NullKeyword || (ts.isIdentifier(value) && value.text === 'undefined')) addEntry(envProp.initializer, name, 'convict', 'optional');
      else addEntry(envProp.initializer, name, 'convict', undefined, def!.initializer);
    }
  };

  const t3Entries = (config: ts.ObjectLiteralExpression) => {
    const names = new Set<string>();
    for (const p of config.properties) {
      if (!ts.isPropertyAssignment(p)) continue;
      const key = propertyNameText(p.name);
      const v = unwrap(p.initializer);
      if ((key === 'server' || key === 'client' || key === 'shared') && ts.isObjectLiteralExpression(v)) zodEntries(v, 't3-env', names);
    }
    for (const p of config.properties) {
      if (!ts.isPropertyAssignment(p)) continue;
      const key = propertyNameText(p.name);
      const v = unwrap(p.initializer);
      if ((key === 'runtimeEnv' || key === 'experimental__runtimeEnv') && ts.isObjectLiteralExpression(v)) runtimeEnvSpans.push({ start: v.getStart(sf), end: v.getEnd(), names });
    }
  };

  /** class-validator config classes (NestJS `validate`): UPPER_SNAKE properties with decorators. */
  const classEntries = (cls: TS.ClassDeclaration) => {
    for (const m of cls.members) {
      if (!ts.isPropertyDeclaration(m)) continue;
      const name = propertyNameText(m.name);
      if (!name || !ENV_NAME.test(name)) continue;
      const decorators = (ts.canHaveDecorators(m) ? ts.getDecorators(m) : undefined) ?? [];
      const names = decorators.map((d) => (ts.isCallExpression(d.expression) ? calleeName(d.expression) : ts.isIdentifier(d.expression) ? d.expression.text : undefined));
      if (!names.some((n) => n && /^Is[A-Z]|^(Min|Max|Matches|Length|ValidateIf)/.test(n))) continue;
      if (m.initializer) addEntry(m.name, name, 'class-validator', undefined, m.initializer);
      else addEntry(m.name, name, 'class-validator', names.includes('IsOptional') || m.questionToken ? 'optional' : 'required');
    }
  };

  /** `'process.env.X': ...` keys (Vite/webpack `define`) and next.config `env: { X: ... }`. */
  const providedBy = (obj: ts.ObjectLiteralExpression) => {
    for (const p of obj.properties) {
      if (!ts.isPropertyAssignment(p) && !ts.isShorthandPropertyAssignment(p)) continue;
      const key = propertyNameText(p.name);
      // Every key this matches holds `.env.`: the expression runs on those only (most object literals have none).
      const m = key?.includes('.env.') ? /^(?:process\.env|import\.meta\.env)\.([A-Za-z_][A-Za-z0-9_]*)$/.exec(key) : null;
      if (m) provided.push({ name: m[1]!, via: 'define', ...posOf(p.name, sf) });
    }
    if (!isNextConfig) return;
    for (const p of obj.properties) {
      if (!ts.isPropertyAssignment(p) || propertyNameText(p.name) !== 'env') continue;
      const v = unwrap(p.initializer);
      if (!ts.isObjectLiteralExpression(v)) continue;
      for (const q of v.properties) {
        if (!ts.isPropertyAssignment(q) && !ts.isShorthandPropertyAssignment(q)) continue;
        const name = propertyNameText(q.name);
        if (name) provided.push({ name, via: 'next.config env', ...posOf(q.name, sf) });
      }
    }
  };

  // Only a file that names a schema library can bind one, and only one that writes a quoted
  // `process.env.`/`import.meta.env.` key (or a next.config) provides a variable: the other files
  // (most of them) register none of these handlers, which run on every call, declaration and object
  // literal (fact-gates.ts).
  const schemaHandlers: Handlers = textMayHold(SCHEMA_LIBRARY_TEXT, sf.text)
    ? {
        ImportDeclaration(node: ts.ImportDeclaration) {
          const spec = stringValue(node.moduleSpecifier);
          if (spec !== undefined && !node.importClause?.isTypeOnly) bind(spec, node.importClause);
        },
        VariableDeclaration(node: ts.VariableDeclaration) {
          const init = node.initializer && unwrap(node.initializer);
          if (init && ts.isCallExpression(init) && ts.isIdentifier(init.expression) && init.expression.text === 'require') {
            const spec = stringValue(init.arguments[0]);
            if (spec !== undefined) bind(spec, undefined, node.name);
          }
        },
        CallExpression(node: ts.CallExpression) {
          const callee = node.expression;
          if (ts.isIdentifier(callee) || (ts.isPropertyAccessExpression(callee) && SCHEMA_METHODS.has(callee.name.text))) pendingCalls.push(node);
        },
        ClassDeclaration(node: TS.ClassDeclaration) {
          pendingClasses.push(node);
        },
      }
    : NO_HANDLERS;
  const providedHandlers: Handlers =
    isNextConfig || textMayHold(DEFINED_ENV_KEY_TEXT, sf.text)
      ? {
          ObjectLiteralExpression(node: ts.ObjectLiteralExpression) {
            providedBy(node);
          },
        }
      : NO_HANDLERS;

  return {
    handlers: [schemaHandlers, providedHandlers],
    finish(envReads, touchesEnv) {
      // A call is judged once every import of the file is bound; without a schema library bound (most
      // files) none is one.
      const anyLibrary = bound.zod !== NO_NAMES || bound.joi !== NO_NAMES || bound.envalid !== NO_NAMES || bound.envalidNs !== NO_NAMES || bound.convict !== NO_NAMES || bound.t3 !== NO_NAMES;
      // The receiver chain's root is asked of the libraries called through a namespace only.
      const byNamespace = bound.zod !== NO_NAMES || bound.joi !== NO_NAMES || bound.envalidNs !== NO_NAMES;
      for (const call of anyLibrary ? pendingCalls : []) {
        const arg = (i: number) => {
          const a = call.arguments[i] && unwrap(call.arguments[i]!);
          return a && ts.isObjectLiteralExpression(a) ? a : undefined;
        };
        const callee = call.expression;
        const fn = ts.isIdentifier(callee) ? callee.text : ts.isPropertyAccessExpression(callee) ? callee.name.text : undefined;
        // Only the schema methods ask for it below: the chain is not walked for the other calls.
        const target = byNamespace && ts.isPropertyAccessExpression(callee) && fn !== undefined && SCHEMA_METHODS.has(fn) ? chain(callee.expression).root : undefined;
        if (fn === 'object' && target && bound.zod.has(target)) {
          const o = arg(0);
          if (o && touchesEnv) zodEntries(o, 'zod');
        } else if ((fn === 'object' || fn === 'keys') && target && bound.joi.has(target)) {
          const o = arg(0);
          // NestJS ConfigModule `validationSchema: Joi.object(...)` validates the environment without reading it.
          if (o && (touchesEnv || isValidationSchema(call))) joiEntries(o);
        } else if ((fn === 'cleanEnv' || fn === 'customCleanEnv') && ((ts.isIdentifier(callee) && bound.envalid.has(fn)) || (target && bound.envalidNs.has(target)))) {
          const o = arg(1);
          if (o) envalidEntries(o);
        } else if (ts.isIdentifier(callee) && bound.convict.has(callee.text)) {
          const o = arg(0);
          if (o) convictEntries(o);
        } else if (ts.isIdentifier(callee) && bound.t3.has(callee.text)) {
          const o = arg(0);
          if (o) t3Entries(o);
        }
      }
      // NestJS `validate(config)` classes: named for what they hold (EnvironmentVariables, AppConfig).
      if (bound.classValidator) for (const cls of pendingClasses) if (cls.name && /env|config/i.test(cls.name.text)) classEntries(cls);
      const kept = runtimeEnvSpans.length === 0 ? envReads : envReads.filter((r) => {
        const offset = sf.getPositionOfLineAndCharacter(r.line - 1, r.column - 1);
        return !runtimeEnvSpans.some((s) => offset >= s.start && offset < s.end && s.names.has(r.name));
      });
      return { envReads: [...kept, ...entries.map((e) => e.read)], envProvided: provided };
    },
  };
}

/** `validationSchema: Joi.object({...})` (NestJS ConfigModule.forRoot). */
function isValidationSchema(call: ts.CallExpression): boolean {
  let n: ts.Node = call;
  while (n.parent && (ts.isParenthesizedExpression(n.parent) || (ts.isPropertyAccessExpression(n.parent) && n.parent.expression === n) || (ts.isCallExpression(n.parent) && n.parent.expression === n))) n = n.parent;
  const p = n.parent;
  return p !== undefined && ts.isPropertyAssignment(p) && propertyNameText(p.name) === 'validationSchema';
}
