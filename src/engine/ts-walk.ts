// One parse and one walk per TS/JS file. Every enabled rule's handlers and the fact collector are
// merged into one table keyed by SyntaxKind, and the tree is walked once, iteratively (a file nested
// 10,000 levels deep must not overflow the stack), as ESLint does with its merged visitor.

import type { Finding, TsFileContext, TsVisitors } from '../rule-api/types.js';
import { createTsFactCollector, pos } from '../model/ts-facts.js';
import { parseTypeScript, ts } from '../parsing/typescript.js';
import { diagnostic, findingFromDescriptor } from './findings.js';
import { registerTsAnalyzer, ruleCrash, type FileInput, type FileResult } from './per-file.js';
import { mayVisit, type ActiveRule } from './rule-set.js';

type Handler = (node: ts.Node) => void;

/** SyntaxKind name -> numeric kind, for the names rules use as handler keys. */
const KIND_BY_NAME = new Map<string, number>();
for (const [name, value] of Object.entries(ts.SyntaxKind)) {
  // SyntaxKind has aliases (FirstToken...): keep the first, canonical name of each number.
  if (typeof value === 'number' && !KIND_BY_NAME.has(name)) KIND_BY_NAME.set(name, value);
}

export function analyzeTsFile(input: FileInput, rules: ActiveRule[]): FileResult {
  const findings: Finding[] = [];
  let parsed;
  try {
    parsed = parseTypeScript(input.path, input.text);
  } catch (err) {
    // The parser recurses: a pathologically nested file can exhaust the stack.
    findings.push(diagnostic('parse-error', input.path, `cannot parse TS/JS source: ${(err as Error).message}`, 1, 1));
    return { path: input.path, kind: null, facts: null, findings };
  }
  const { sourceFile } = parsed;
  if (parsed.error) {
    findings.push(diagnostic('parse-error', input.path, `syntax error: ${parsed.error.message}`, parsed.error.line, parsed.error.column));
  }

  const table = new Map<number, Handler[]>();
  const exits: Array<() => void> = [];
  const add = (kindName: string, handler: Handler) => {
    const kind = KIND_BY_NAME.get(kindName);
    if (kind === undefined) throw new Error(`unknown node kind ${kindName}`);
    const list = table.get(kind);
    if (list) list.push(handler);
    else table.set(kind, [handler]);
  };

  const collector = createTsFactCollector(sourceFile);
  for (const [name, handler] of Object.entries(collector.handlers)) add(name, handler);

  for (const active of rules) {
    if (!mayVisit(active, 'ts')) continue;
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
      report(d) {
        const at = d.node ? pos(d.node, sourceFile) : undefined;
        findings.push(findingFromDescriptor(active, input.path, d, at));
      },
    };
    let crashed = false;
    const guard = (fn: () => void) => {
      if (crashed) return;
      try {
        fn();
      } catch (err) {
        crashed = true;
        findings.push(ruleCrash(active, input.path, err));
      }
    };
    for (const [name, handler] of Object.entries(visitors)) {
      if (!handler) continue;
      if (name === 'Program:exit') exits.push(() => guard(() => (handler as NonNullable<TsVisitors['Program:exit']>)(sourceFile, ctx)));
      else add(name, (node) => guard(() => (handler as (n: ts.Node, c: TsFileContext) => void)(node, ctx)));
    }
  }

  // Pre-order, children in source order, with an explicit stack.
  const stack: ts.Node[] = [sourceFile];
  const children: ts.Node[] = [];
  // One callback for the whole walk, not a closure per node.
  const collect = (child: ts.Node): undefined => {
    children.push(child);
    return undefined;
  };
  while (stack.length > 0) {
    const node = stack.pop()!;
    const handlers = table.get(node.kind);
    if (handlers) for (const h of handlers) h(node);
    children.length = 0;
    node.forEachChild(collect);
    for (let i = children.length - 1; i >= 0; i--) stack.push(children[i]!);
  }
  for (const exit of exits) exit();

  return { path: input.path, kind: 'ts', facts: collector.finish(), findings };
}

registerTsAnalyzer(analyzeTsFile);
