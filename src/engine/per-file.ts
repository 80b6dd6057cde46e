// The per-file phase: parse one file once, walk it once with every rule's visitors, and return its
// findings and facts as plain JSON. Nothing here touches other files, so this can run in a worker.

import { withoutQuotedSource } from '../util/safe-text.js';
import type { FileFacts, FileKind } from '../parsing/facts.js';
import { FACT_KINDS, NAME_KINDS, visitorsOfKind, type CandidateKind, type FactKind, type ParseResult } from '../discovery/file-kinds.js';
import type { AnyReportDescriptor, FileContext, Finding, PerFileVisitors, TsFileContext } from '../rule-api/types.js';
import { rulesVisiting, type ActiveRule } from './rule-set.js';
import { StructuredParseError } from '../parsing/structured.js';
import { findingFromDescriptor, ruleCrash } from './findings.js';
import { diagnostics } from './diagnostics.js';
import { analyzeTsFile } from './ts-walk.js';
import { configTemplateNear } from './template-tags.js';
import { detachLargePositions } from './positions-on-demand.js';
import { Budget } from './budget.js';
import { currentPerFileTimings } from './timing.js';
import { scanDirectives, type Directive } from './suppressions.js';

export interface FileInput {
  path: string;
  kind: CandidateKind;
  text: string;
  isTest: boolean;
  /** Per-file time budget in ms (fileTimeBudget); 0 or absent: none. */
  budgetMs?: number;
}

export interface FileResult {
  path: string;
  kind: FileKind | null;
  facts: FileFacts | null;
  findings: Finding[];
  /** Inline suppression directives (applied after the project phase); absent when there are none. */
  directives?: Directive[];
  /** The analysis stopped on the time budget: the result is not cached. */
  incomplete?: true;
}

export function analyzeFile(input: FileInput, rules: ActiveRule[]): FileResult {
  const result = analyzeFileContent(input, rules);
  if (result.incomplete) return result;
  const directives = scanDirectives(input.text, input.kind);
  if (directives.length > 0) result.directives = directives;
  return result;
}

/**
 * Whether a `.json` text that did not parse is JSON Lines: its first two non-empty lines are each a
 * whole JSON object or array (BigQuery import files, exported logs). Read as data by JSON.parse,
 * at most two lines of bounded length.
 */
function isJsonLines(text: string): boolean {
  let seen = 0;
  let start = 0;
  while (seen < 2 && start < text.length) {
    let end = text.indexOf('\n', start);
    if (end < 0) end = text.length;
    const line = text.slice(start, end).trim();
    start = end + 1;
    if (line === '') continue;
    if (line.length > 1_000_000 || !(line.startsWith('{') || line.startsWith('['))) return false;
    try {
      JSON.parse(line);
    } catch {
      return false;
    }
    seen++;
  }
  return seen === 2;
}

/** Config files that deployments render from templates (envsubst, an entrypoint's sed, Helm-like tools). */
const TEMPLATED_KINDS: ReadonlySet<CandidateKind> = new Set(['json', 'yaml', 'tsconfig', 'package-json']);

function analyzeFileContent(input: FileInput, rules: ActiveRule[]): FileResult {
  const budget = new Budget(input.budgetMs);
  const findings: Finding[] = [];
  const base = input.path.slice(input.path.lastIndexOf('/') + 1);
  let facts: ParseResult;
  try {
    facts = parseFacts(input, base);
  } catch (err) {
    const e = err as Error & { line?: number; column?: number };
    const what = NAME_KINDS[input.kind].label;
    const template = e.line !== undefined && TEMPLATED_KINDS.has(input.kind) ? configTemplateNear(input.text, e.line) : undefined;
    if (template) findings.push(diagnostics.templatedConfig(input.path, what, template, e.line!, e.column ?? 1));
    else if (input.kind === 'json' && isJsonLines(input.text)) findings.push(diagnostics.jsonLines(input.path, e.line ?? 1, e.column ?? 1));
    else findings.push(diagnostics.parseError(input.path, what, withoutQuotedSource(e.message), e.line ?? 1, e.column ?? 1));
    return { path: input.path, kind: null, facts: null, findings };
  }
  if (facts === 'ts') return analyzeTsFile(input, rules, budget);
  if (facts === null) return { path: input.path, kind: null, facts: null, findings };
  if (budget.exceeded) return budget.skip(input.path);

  for (const active of rulesVisiting(rules, visitorsOfKind(facts.kind))) {
    if (budget.exceeded) return budget.skip(input.path);
    const ctx = makeContext(input, facts.kind, active, findings);
    const timings = currentPerFileTimings();
    const t0 = timings ? performance.now() : 0;
    try {
      visit(active.rule.create!(active.options), facts, ctx);
    } catch (err) {
      findings.push(ruleCrash(active, input.path, err));
    }
    if (timings) timings.add(`file-rule:${active.rule.id}`, performance.now() - t0);
  }
  detachLargePositions(facts, input.text);
  return { path: input.path, kind: facts.kind, facts, findings };
}

/**
 * Makes the strings of a result kept for the rest of the run its own: V8 keeps the whole text a
 * string was cut from alive as long as the cut lives (a slice of 13 characters or more), and facts
 * are cut from the file's text (an import specifier, an env var name, a YAML value). On the
 * 25,000-file bench tree the specifiers alone kept 9,500 source texts (12 MB) to the end of the
 * run. Results that come from a worker thread were copied already.
 */
export function detachFromText(result: FileResult): void {
  if (result.facts) ownStrings(result.facts);
  ownStrings(result.findings);
  if (result.directives) ownStrings(result.directives);
}

/** V8 copies a cut shorter than this (SlicedString::kMinLength). */
const MIN_SLICE = 13;

function ownStrings(value: object): void {
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const v: unknown = value[i];
      if (typeof v === 'string') {
        if (v.length >= MIN_SLICE) value[i] = ownString(v);
      } else if (typeof v === 'object' && v !== null) ownStrings(v);
    }
    return;
  }
  const record = value as Record<string, unknown>;
  for (const key in record) {
    const v = record[key];
    if (typeof v === 'string') {
      if (v.length >= MIN_SLICE) record[key] = ownString(v);
    } else if (typeof v === 'object' && v !== null) ownStrings(v);
  }
}

/** A copy of `s` that shares nothing: the concatenation is flattened into a new string before it is cut. */
function ownString(s: string): string {
  return (' ' + s).slice(1);
}

type AnyVisitor = ((facts: FileFacts, ctx: FileContext) => void) | undefined;

/** Calls the visitors the file-kind table names for these facts (compose: `compose`, then `structured` with its documents). */
function visit(visitors: PerFileVisitors, facts: FileFacts, ctx: FileContext): void {
  const row: FactKind = FACT_KINDS[facts.kind];
  const byKey = visitors as Record<string, AnyVisitor>;
  if (row.visitor && row.visitor !== 'ts') byKey[row.visitor]?.(facts, ctx);
  if (row.alsoStructured && 'docs' in facts) visitors.structured?.({ kind: 'structured', format: 'yaml', docs: facts.docs }, ctx);
}

export function parseFacts(input: FileInput, base: string): ParseResult {
  return NAME_KINDS[input.kind].parse(input.text, input.path, base);
}

export function makeContext(input: FileInput, kind: FileKind, active: ActiveRule, sink: Finding[]): FileContext {
  return {
    path: input.path,
    kind,
    text: input.text,
    isTest: input.isTest,
    options: active.options,
    report(descriptor: AnyReportDescriptor) {
      sink.push(findingFromDescriptor(active, input.path, descriptor));
    },
  };
}

export type { TsFileContext };
export { StructuredParseError };
