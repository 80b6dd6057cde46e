// The TypeScript compiler module, loaded on first need. Loading it costs about half a second of CPU
// (a 9 MB script), more than a warm, cached audit of a 6,000-file monorepo takes in all; so nothing
// imports it at start-up. `ts` below is a live ESM binding: it is undefined until loadTypeScript()
// runs, and every module that imported it sees the loaded module afterwards. The engine calls
// loadTypeScript() before the first TS/JS file is parsed (worker-pool.ts, rule-tester.ts); rule code
// only touches `ts` inside handlers, which run after that.
//
// We load the compiler that ts-morph ships (@ts-morph/common/dist/typescript.js) rather than
// ts-morph's entry point: it is the same module object that ts-morph re-exports as `ts`, without
// ts-morph's wrappers and bundled lib files, which no rule needs (about 150-300 ms less per run,
// measured). If that file ever moves, ts-morph's own export is used. The build writes a copy of it
// without comments and whitespace (scripts/slim-compiler.mjs: 6.7 MB instead of 9, the same code),
// which is loaded instead when it was made from the file installed now: reading, decoding and
// compiling a third less text (~270 -> ~200 ms CPU with the code cache, ~600 -> ~350 ms without).
// It also writes a parser-only copy (scripts/parser-compiler.mjs, 1.3 MB): the original's top-level
// statements that PARSER_API below reaches, unchanged, without the checker, emitter and language
// service. It is loaded first when current and complete, the slim copy next, the original last
// (~220 -> ~75 ms CPU to load and parse a small file with the code cache, ~365 -> ~100 ms without).

import { createHash } from 'node:crypto';
import { closeSync, openSync, readSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import type { ts as TS } from 'ts-morph';
import { runWithCodeCache, type CodeCacheOutcome } from '../util/code-cache.js';

// eslint-disable-next-line import/no-mutable-exports -- a live binding is the point (see above)
export let ts: typeof TS = undefined as unknown as typeof TS;

/**
 * Type names of the compiler API, for `ts.Node`-style annotations on the lazily bound value. TypeScript
 * merges this type-only namespace with the `ts` variable. A name missing here is a compile error
 * ("Namespace 'ts' has no exported member"), fixed by adding one line.
 */
// eslint-disable-next-line @typescript-eslint/no-namespace
export declare namespace ts {
  export type ArrowFunction = TS.ArrowFunction;
  export type BindingName = TS.BindingName;
  export type CallExpression = TS.CallExpression;
  export type ConditionalExpression = TS.ConditionalExpression;
  export type Diagnostic = TS.Diagnostic;
  export type ElementAccessExpression = TS.ElementAccessExpression;
  export type ExportAssignment = TS.ExportAssignment;
  export type ExportDeclaration = TS.ExportDeclaration;
  export type Expression = TS.Expression;
  export type ExpressionStatement = TS.ExpressionStatement;
  export type FunctionDeclaration = TS.FunctionDeclaration;
  export type FunctionExpression = TS.FunctionExpression;
  export type FunctionLikeDeclaration = TS.FunctionLikeDeclaration;
  export type Identifier = TS.Identifier;
  export type IfStatement = TS.IfStatement;
  export type ImportDeclaration = TS.ImportDeclaration;
  export type ImportEqualsDeclaration = TS.ImportEqualsDeclaration;
  export type MethodDeclaration = TS.MethodDeclaration;
  export type NewExpression = TS.NewExpression;
  export type NoSubstitutionTemplateLiteral = TS.NoSubstitutionTemplateLiteral;
  export type Node = TS.Node;
  export type NodeArray<T extends TS.Node> = TS.NodeArray<T>;
  export type NodeFlags = TS.NodeFlags;
  export type ObjectLiteralExpression = TS.ObjectLiteralExpression;
  export type PropertyAccessExpression = TS.PropertyAccessExpression;
  export type PropertyAssignment = TS.PropertyAssignment;
  export type PropertyName = TS.PropertyName;
  export type ScriptKind = TS.ScriptKind;
  export type ScriptTarget = TS.ScriptTarget;
  export type SourceFile = TS.SourceFile;
  export type Statement = TS.Statement;
  export type StringLiteral = TS.StringLiteral;
  export type StringLiteralLike = TS.StringLiteralLike;
  export type SwitchStatement = TS.SwitchStatement;
  export type SyntaxKind = TS.SyntaxKind;
  export type TemplateExpression = TS.TemplateExpression;
  export type VariableDeclaration = TS.VariableDeclaration;
  export type VariableDeclarationList = TS.VariableDeclarationList;
}

const require = createRequire(import.meta.url);

const COMPILER = '@ts-morph/common/dist/typescript.js';

/** Where the build writes the slim copy of the compiler (dist/vendor/, shipped with the package). */
export const COMPILER_COPY = fileURLToPath(new URL('../../vendor/typescript.cjs', import.meta.url));

/** The compiler script as ts-morph installed it. */
export function originalCompiler(): string {
  return require.resolve(COMPILER);
}

/**
 * The first line of a copy made from `original`: its size and time, as the code cache names a
 * script (util/code-cache.ts), so that a copy left by another version of the package is never taken
 * for this one.
 */
export function compilerCopyMarker(original: string): string {
  const info = statSync(original);
  return `// twelve-factor-audit compiler copy: ${info.size} ${info.mtimeMs}\n`;
}

/** Whether `copy` is there and starts with the marker of `original` as it is now. */
export function compilerCopyCurrent(copy: string, original: string): boolean {
  return startsWithMarker(copy, compilerCopyMarker(original));
}

/**
 * What the engine and the rules use of the compiler at run time (the values, not the types): all the
 * parser-only copy exports. parser-compiler.test.ts fails when src/ or rules/ name a `ts.` value of
 * the compiler that is not here.
 */
export const PARSER_API: readonly string[] = [
  'NodeFlags', 'ScriptKind', 'ScriptTarget', 'SyntaxKind',
  'canHaveDecorators', 'canHaveModifiers', 'createSourceFile', 'factory', 'flattenDiagnosticMessageText', 'forEachChild', 'getDecorators', 'getModifiers',
  'isArrayLiteralExpression', 'isArrayTypeNode', 'isArrowFunction', 'isAsExpression', 'isAwaitExpression', 'isBinaryExpression', 'isBindingElement', 'isBlock',
  'isCallExpression', 'isCaseClause', 'isClassDeclaration', 'isClassExpression', 'isConditionalExpression', 'isConstructorDeclaration', 'isDecorator', 'isDeleteExpression', 'isDoStatement',
  'isElementAccessExpression', 'isEnumMember', 'isExportAssignment', 'isExportDeclaration', 'isExpression', 'isExpressionStatement',
  'isExpressionWithTypeArguments', 'isExternalModuleReference', 'isForInStatement', 'isForOfStatement', 'isForStatement', 'isFunctionDeclaration',
  'isFunctionExpression', 'isFunctionLike', 'isGetAccessorDeclaration', 'isHeritageClause', 'isIdentifier', 'isIfStatement', 'isImportClause',
  'isImportDeclaration', 'isImportEqualsDeclaration', 'isImportSpecifier', 'isImportTypeNode', 'isInterfaceDeclaration', 'isJsxAttribute',
  'isMethodDeclaration', 'isMethodSignature', 'isNamedExports', 'isNamedImports', 'isNamespaceImport', 'isNewExpression', 'isNoSubstitutionTemplateLiteral',
  'isNonNullExpression', 'isNumericLiteral', 'isObjectBindingPattern', 'isObjectLiteralExpression', 'isParameter', 'isParenthesizedExpression',
  'isPostfixUnaryExpression', 'isPrefixUnaryExpression', 'isPrivateIdentifier', 'isPropertyAccessExpression', 'isPropertyAssignment',
  'isPropertyDeclaration', 'isPropertySignature', 'isQualifiedName', 'isSatisfiesExpression', 'isSetAccessorDeclaration', 'isShorthandPropertyAssignment', 'isSourceFile',
  'isSpreadAssignment', 'isStatement', 'isStringLiteral', 'isStringLiteralLike', 'isTemplateExpression', 'isTemplateSpan', 'isThrowStatement',
  'isTryStatement', 'isTypeAssertionExpression', 'isTypeOfExpression', 'isTypeQueryNode', 'isTypeReferenceNode', 'isVariableDeclaration',
  'isVariableStatement', 'isVoidExpression', 'isWhileStatement',
];

/** Where the build writes the parser-only copy of the compiler (dist/vendor/, shipped with the package). */
export const PARSER_COPY = fileURLToPath(new URL('../../vendor/typescript-parser.cjs', import.meta.url));

/** The first line of a parser-only copy made from `original` for PARSER_API as it is now. */
export function parserCopyMarker(original: string): string {
  const info = statSync(original);
  const api = createHash('sha256').update(PARSER_API.join(',')).digest('hex').slice(0, 16);
  return `// twelve-factor-audit parser copy: ${info.size} ${info.mtimeMs} ${api}\n`;
}

/** Whether `copy` is there and starts with `marker`. */
function startsWithMarker(copy: string, marker: string): boolean {
  let fd: number | undefined;
  try {
    const expected = Buffer.from(marker, 'latin1');
    fd = openSync(copy, 'r');
    const head = Buffer.alloc(expected.length);
    return readSync(fd, head, 0, head.length, 0) === head.length && head.equals(expected);
  } catch {
    return false;
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/** Whether the parser-only `copy` is there and was made from `original` as it is now, for PARSER_API. */
export function parserCopyCurrent(copy: string, original: string): boolean {
  return startsWithMarker(copy, parserCopyMarker(original));
}

/**
 * The compiler scripts a run may load, best first: the parser-only copy and the slim copy when each
 * is current, then the original.
 */
export function compilerScripts(): string[] {
  const original = originalCompiler();
  const scripts: string[] = [];
  if (parserCopyCurrent(PARSER_COPY, original)) scripts.push(PARSER_COPY);
  if (compilerCopyCurrent(COMPILER_COPY, original)) scripts.push(COMPILER_COPY);
  scripts.push(original);
  return scripts;
}

/** The compiler script a run loads first. */
export function compilerScript(): string {
  return compilerScripts()[0]!;
}

let codeCacheDir: string | undefined;

/**
 * Keeps V8's compiled code of the compiler in `dir` (the tool's user cache directory, never the
 * audited tree), so that a later run loads it without compiling it again: about a third of its
 * load time (measured: ~410 -> ~265 ms CPU). The CLI sets it when the run uses a cache; undefined
 * (the default, and the library's) loads the compiler as a plain require.
 */
export function useTypeScriptCodeCache(dir: string | undefined): void {
  codeCacheDir = dir;
}

/**
 * Runs the compiler's CommonJS script with V8's cached data from `dir` (util/code-cache.ts), and
 * writes new cached data when there was none or it was refused.
 */
export function loadCompilerWithCodeCache(dir: string, script = compilerScript()): { compiler: typeof TS; outcome: CodeCacheOutcome } {
  // One label for every script: the file name holds the script's path, and a run that falls back
  // from one copy to another keeps falling back, so the two never take turns rewriting the cache.
  const loaded = runWithCodeCache(script, dir, 'typescript');
  const compiler = loaded.exports as typeof TS;
  // Parsing a small file first puts the parser's functions, compiled lazily, into the cached data.
  if (loaded.found !== 'used') compiler.createSourceFile('warm-up.ts', 'export const a = (b: number): string => `${b}`;', compiler.ScriptTarget.Latest, true);
  return { compiler, outcome: loaded.save() };
}

/** Whether `loaded` is a compiler that has everything the engine calls. */
function hasParserApi(loaded: unknown): loaded is typeof TS {
  return typeof loaded === 'object' && loaded !== null && PARSER_API.every((name) => (loaded as Record<string, unknown>)[name] !== undefined);
}

/**
 * The first of `scripts` that loads and has PARSER_API, with the code cache in `dir` when it is
 * given, and which script that was; ts-morph's own compiler ('ts-morph') when none does.
 */
export function loadFirstWorking(scripts: readonly string[], dir: string | undefined): { compiler: typeof TS; script: string } {
  for (const script of scripts) {
    try {
      const loaded = dir === undefined ? (require(script) as unknown) : loadCompilerWithCodeCache(dir, script).compiler;
      if (hasParserApi(loaded)) return { compiler: loaded, script };
    } catch {
      // the next script
    }
  }
  return { compiler: (require('ts-morph') as { ts: typeof TS }).ts, script: 'ts-morph' };
}

/** Loads the compiler once (synchronously: it is a CommonJS module) and returns it. */
export function loadTypeScript(): typeof TS {
  if (ts === undefined) ts = loadFirstWorking(compilerScripts(), codeCacheDir).compiler;
  return ts;
}

/** Whether a run has loaded the compiler yet (tests of the lazy loading read it). */
export function typeScriptLoaded(): boolean {
  return ts !== undefined;
}
