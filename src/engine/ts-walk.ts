// One parse and one walk per TS/JS file. Every enabled rule's handlers and the fact collector are
// merged into one table keyed by SyntaxKind, and the tree is walked once, iteratively (a file nested
// 10,000 levels deep must not overflow the stack), as ESLint does with its merged visitor.

import type { AnyReportDescriptor, Finding, TsFileContext, TsVisitors } from '../rule-api/types.js';
import { createTsFactCollector, pos } from '../model/ts-facts.js';
import { parseTypeScript, ts } from '../parsing/typescript.js';
import { findingFromDescriptor, ruleCrash } from './findings.js';
import { diagnostics } from './diagnostics.js';
import type { FileInput, FileResult } from './per-file.js';
import { Budget } from './budget.js';
import { hintIndex, rulesVisiting, type ActiveRule } from './rule-set.js';
import { currentPerFileTimings } from './timing.js';
import { templateTagNear } from './template-tags.js';

type RuleHandler = (node: ts.Node, ctx: TsFileContext) => void;
/** One enabled rule on this file: its context, and whether it has thrown. */
interface RuleSlot {
  active: ActiveRule;
  ctx: TsFileContext;
  crashed: boolean;
  /** TIMING bucket name, made once per file when timings are on. */
  bucket: string;
}
/** A handler in the dispatch table; `slot` is null for the fact collector (which never throws on purpose). */
interface Entry {
  fn: RuleHandler;
  slot: RuleSlot | null;
}

/** SyntaxKind name -> numeric kind, for the names rules use as handler keys (built once TypeScript is loaded). */
let kindByName: Map<string, number> | undefined;
function kindsByName(): Map<string, number> {
  if (!kindByName) {
    kindByName = new Map();
    // SyntaxKind has aliases (FirstToken...): keep the first, canonical name of each number.
    for (const [name, value] of Object.entries(ts.SyntaxKind)) if (typeof value === 'number' && !kindByName.has(name)) kindByName.set(name, value);
  }
  return kindByName;
}

const TS_VISITOR = ['ts'];

/** Nodes walked between two looks at the clock. */
const BUDGET_CHECK_EVERY = 2048;

export function analyzeTsFile(input: FileInput, rules: ActiveRule[], budget = new Budget(input.budgetMs)): FileResult {
  const findings: Finding[] = [];
  let parsed;
  try {
    parsed = parseTypeScript(input.path, input.text);
  } catch (err) {
    // The parser recurses: a pathologically nested file can exhaust the stack.
    findings.push(diagnostics.parseError(input.path, 'TS/JS source', (err as Error).message));
    return { path: input.path, kind: null, facts: null, findings };
  }
  const { sourceFile } = parsed;
  if (budget.exceeded) return budget.skip(input.path);
  const KIND_BY_NAME = kindsByName();
  const KIND_COUNT = ts.SyntaxKind.Count;
  if (parsed.error) {
    // Flow annotations (`(x: any)` casts, `import type` forms TS lacks) are valid code TypeScript
    // cannot read: not a problem of the repository, so info, and the rules still walk what parsed.
    if (isFlowTyped(input.text)) findings.push(diagnostics.flowSyntax(input.path, parsed.error.message, parsed.error.line, parsed.error.column));
    // A server-side template of JS (EJS `<%- %>`, Jinja/Nunjucks `{% %}`, Handlebars `{{ }}`) is
    // rendered before it runs: its tags are no syntax error of the repository.
    else {
      const template = templateTagNear(input.text, parsed.error.line);
      if (template) findings.push(diagnostics.templateSyntax(input.path, template, parsed.error.line, parsed.error.column));
      // JSX saved under .ts: no TypeScript build compiles it as written (tsc reads JSX in .tsx only),
      // so it is a snippet or a draft, not shipped code; the rules still walk what parsed.
      else if (isJsxSavedAsTs(input.path, input.text)) findings.push(diagnostics.jsxInTs(input.path, parsed.error.line, parsed.error.column));
      // JSON saved as .js (haste-server's config.js, which server.js reads with JSON.parse): data.
      else if (isJsonSavedAsJs(input.path, input.text)) findings.push(diagnostics.jsonInJs(input.path, parsed.error.line, parsed.error.column));
      else {
        // Syntax of a Babel proposal plugin the project compiles itself (Mailtrain's client binds
        // handlers with `::this.onClose`): valid code in its build, not a problem of the repository.
        const proposal = babelProposalAt(input.text, parsed.error.line, parsed.error.column);
        if (proposal) findings.push(diagnostics.proposalSyntax(input.path, proposal, parsed.error.line, parsed.error.column));
        else findings.push(diagnostics.syntaxError(input.path, parsed.error.message, parsed.error.line, parsed.error.column));
      }
    }
  }

  // Indexed by SyntaxKind (a dense range of small integers): an array lookup per node, not a hash.
  // Entries are plain records called in the loop below: no closure is made per node or per call.
  // The array itself is the module's, emptied again when the file is done, not ~360 slots made
  // again for every file; a nested call gets its own.
  const table: Array<Entry[] | undefined> = sharedTable ?? new Array(KIND_COUNT);
  sharedTable = undefined;
  const used: number[] = [];
  try {
    return walkFile(input, rules, budget, sourceFile, table, used, findings, KIND_BY_NAME);
  } finally {
    for (const kind of used) table[kind] = undefined;
    sharedTable = table;
  }
}

/** The dispatch table analyzeTsFile lends to the file it walks (absent while one is walked). */
let sharedTable: Array<Entry[] | undefined> | undefined;

function walkFile(
  input: FileInput,
  rules: ActiveRule[],
  budget: Budget,
  sourceFile: ts.SourceFile,
  table: Array<Entry[] | undefined>,
  used: number[],
  findings: Finding[],
  KIND_BY_NAME: Map<string, number>,
): FileResult {
  const exits: Array<{ slot: RuleSlot; fn: NonNullable<TsVisitors['Program:exit']> }> = [];
  const add = (kindName: string, entry: Entry) => {
    const kind = KIND_BY_NAME.get(kindName);
    if (kind === undefined) throw new Error(`unknown node kind ${kindName}`);
    const list = table[kind];
    if (list) list.push(entry);
    else {
      table[kind] = [entry];
      used.push(kind);
    }
  };

  const collector = createTsFactCollector(sourceFile);
  // for-in over the handler tables (plain object literals: own keys only), not Object.entries: no
  // array of pairs per table per file.
  for (const table of collector.handlers) for (const name in table) add(name, { fn: table[name] as RuleHandler, slot: null });

  const timings = currentPerFileTimings();
  const passing = hintIndex(rules).passing(input.path, input.text);
  for (const active of rulesVisiting(rules, TS_VISITOR)) {
    if (!passing.has(active)) continue;
    let visitors: TsVisitors | undefined;
    try {
      visitors = active.rule.create!(active.options).ts;
    } catch (err) {
      findings.push(ruleCrash(active, input.path, err));
      continue;
    }
    if (!visitors) continue;
    const ctx: TsFileContext = {
      path: input.path,
      kind: 'ts',
      text: input.text,
      isTest: input.isTest,
      options: active.options,
      sourceFile,
      report(d: AnyReportDescriptor) {
        const at = d.node ? pos(d.node, sourceFile) : undefined;
        findings.push(findingFromDescriptor(active, input.path, d, at));
      },
    };
    const slot: RuleSlot = { active, ctx, crashed: false, bucket: timings ? `file-rule:${active.rule.id}` : '' };
    for (const name in visitors) {
      // A plugin's visitors may inherit enumerable keys; Object.entries took own keys only.
      if (!Object.hasOwn(visitors, name)) continue;
      const handler = visitors[name as keyof TsVisitors];
      if (!handler) continue;
      if (name === 'Program:exit') exits.push({ slot, fn: handler as NonNullable<TsVisitors['Program:exit']> });
      else add(name, { fn: handler as RuleHandler, slot });
    }
  }

  // A rule that throws is reported once (rule-error) and not called again on this file.
  const call = (entry: Entry, node: ts.Node) => {
    const slot = entry.slot;
    if (slot === null) return entry.fn(node, undefined as unknown as TsFileContext); // the fact collector
    if (slot.crashed) return;
    const t0 = timings ? performance.now() : 0;
    try {
      entry.fn(node, slot.ctx);
    } catch (err) {
      slot.crashed = true;
      findings.push(ruleCrash(slot.active, input.path, err));
    }
    if (timings) timings.add(slot.bucket, performance.now() - t0);
  };

  // Pre-order, children in source order, with an explicit stack: a node's children are pushed as
  // forEachChild gives them, then that run of the stack is reversed so that the first is popped first.
  const stack: ts.Node[] = [sourceFile];
  // One callback for the whole walk, not a closure per node (undefined: forEachChild stops on a truthy return).
  const push = (child: ts.Node): undefined => {
    stack.push(child);
    return undefined;
  };
  let walked = 0;
  while (stack.length > 0) {
    if (++walked % BUDGET_CHECK_EVERY === 0 && budget.exceeded) return budget.skip(input.path);
    const node = stack.pop()!;
    const entries = table[node.kind];
    if (entries) for (let i = 0; i < entries.length; i++) call(entries[i]!, node);
    const first = stack.length;
    node.forEachChild(push);
    for (let i = first, j = stack.length - 1; i < j; i++, j--) {
      const t = stack[i]!;
      stack[i] = stack[j]!;
      stack[j] = t;
    }
  }
  for (const exit of exits) {
    if (budget.exceeded) return budget.skip(input.path);
    if (exit.slot.crashed) continue;
    try {
      exit.fn(sourceFile, exit.slot.ctx);
    } catch (err) {
      exit.slot.crashed = true;
      findings.push(ruleCrash(exit.slot.active, input.path, err));
    }
  }

  return { path: input.path, kind: 'ts', facts: collector.finish(), findings };
}

/** A JavaScript file whose whole text is a JSON object or array. Asked only after a syntax error. */
export function isJsonSavedAsJs(path: string, text: string): boolean {
  if (!/\.[cm]?js$/i.test(path)) return false;
  const trimmed = text.trim();
  if (!(trimmed.startsWith('{') || trimmed.startsWith('['))) return false;
  try {
    JSON.parse(trimmed);
    return true;
  } catch {
    return false;
  }
}

/**
 * The Babel proposal whose operator stands where TypeScript stopped (1-based line and column of its
 * first error): function bind (`::this.go`, `obj::fn`) or the pipeline operator (`x |> f`). Neither
 * token is valid TypeScript or JavaScript anywhere outside strings and comments, and the parser
 * stops on the operator itself (on its second character for a statement that starts `obj::`, read
 * as a label), so the text at the error says which proposal it is; any other error is not one.
 */
export function babelProposalAt(text: string, line: number, column: number): string | undefined {
  let offset = 0;
  for (let l = 1; l < line; l++) {
    offset = text.indexOf('\n', offset) + 1;
    if (offset === 0) return undefined;
  }
  offset += column - 1;
  if (text.startsWith('::', offset) || text.startsWith('::', offset - 1)) return 'the function-bind operator `::`';
  if (text.startsWith('|>', offset) || text.startsWith('|>', offset - 1)) return 'the pipeline operator `|>`';
  return undefined;
}

/** A `.ts` file that does not parse as TypeScript but parses cleanly as TSX. Asked only after a syntax error. */
export function isJsxSavedAsTs(path: string, text: string): boolean {
  if (!/\.ts$/i.test(path) || !text.includes('<')) return false;
  try {
    return parseTypeScript(`${path}x`, text).error === undefined;
  } catch {
    return false;
  }
}

/**
 * A file whose leading comments carry the Flow pragma (`// @flow`, `/* @flow strict *\/`): Flow only
 * honours it before the first token of code, and so does this test.
 */
export function isFlowTyped(text: string): boolean {
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  if (text.startsWith('#!', i)) i = text.indexOf('\n', i) < 0 ? text.length : text.indexOf('\n', i);
  // Comments before code are short; a file that opens with a huge comment block is not looked through.
  const limit = Math.min(text.length, i + 4096);
  while (i < limit) {
    const c = text[i]!;
    if (c === ' ' || c === '\t' || c === '\n' || c === '\r') {
      i++;
      continue;
    }
    let body: string;
    if (text.startsWith('//', i)) {
      const end = text.indexOf('\n', i);
      body = text.slice(i + 2, end < 0 ? text.length : end);
      i = end < 0 ? text.length : end + 1;
    } else if (text.startsWith('/*', i)) {
      const end = text.indexOf('*/', i + 2);
      if (end < 0) return false;
      body = text.slice(i + 2, end);
      i = end + 2;
    } else return false;
    if (/(^|[\s*])@flow(?![\w-])/.test(body)) return true;
  }
  return false;
}
