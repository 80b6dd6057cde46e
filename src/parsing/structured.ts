// JSON and YAML documents with a position for every node, keyed by JSON pointer. The yaml package
// reads both (JSON is YAML), so one adapter serves compose files, Kubernetes manifests, package.json
// and any config file the secret rules read.

import { createRequire } from 'node:module';
import type { Node } from 'yaml';

// Loaded on first use (about 80 files): a cached run that parses no YAML never loads it.
type YamlModule = typeof import('yaml');
let yamlModule: YamlModule | undefined;
function yaml(): YamlModule {
  yamlModule ??= createRequire(import.meta.url)('yaml') as YamlModule;
  return yamlModule;
}
import type { StructuredDoc } from './facts.js';
import { parseJsonFast } from './json-fast.js';
import { assertNestingWithin, NestingTooDeepError } from './nesting.js';

export class StructuredParseError extends Error {
  constructor(
    message: string,
    readonly line: number,
    readonly column: number,
  ) {
    super(message);
  }
}

/**
 * Limits that keep hostile YAML (alias bombs, absurd nesting) from hanging or exhausting memory. The
 * yaml library counts every node an alias expands to: a large compose file of ordinary merge keys
 * (getsentry/self-hosted: 788 lines, 133 `<<: *defaults`) needs more than a fixed 1,000, while an
 * alias bomb grows exponentially past any budget proportional to its own size.
 */
const MAX_ALIAS_COUNT = 1000;
/** Expanded nodes allowed per character of the document, above MAX_ALIAS_COUNT, up to MAX_ALIAS_COUNT_CAP. */
const ALIAS_COUNT_PER_CHAR = 1 / 8;
const MAX_ALIAS_COUNT_CAP = 10_000;
const MAX_DEPTH = 200;
/** Flow nesting (`[[{...`) checked before parsing: the yaml parser overflows the stack near 1,000. */
const MAX_FLOW_DEPTH = 256;

/**
 * `positionsOnDemandAbove`: JSON longer than this (characters) keeps its positions on demand
 * (json-fast.ts); YAML is not concerned (its positions come from the parser's own tree).
 */
export function parseStructured(text: string, options: { positionsOnDemandAbove?: number } = {}): StructuredDoc[] {
  // JSON (package.json, config files) through JSON.parse and a position scan: same result, ~10x faster.
  return parseJsonFast(text, MAX_DEPTH, options.positionsOnDemandAbove) ?? parseYamlDocs(text);
}

/** Merge keys (`<<: *defaults`) whose source is not a map: the document is read as written instead. */
const BAD_MERGE = /merge sources must be maps/i;
/** Nodes walked again through aliases and merge keys, per document: an alias bomb gets no more positions. */
const MAX_ALIAS_WALK = 20_000;

/**
 * The YAML path (every YAML file, and JSON the fast path leaves to it). Merge keys are applied, as
 * docker compose, kubectl and GitHub Actions do: a service that merges `<<: *defaults` has the
 * defaults' keys, and their positions are the anchor's lines, where the values are written.
 */
export function parseYamlDocs(text: string): StructuredDoc[] {
  try {
    return parseYamlDocsWith(text, true);
  } catch (err) {
    if (err instanceof StructuredParseError && BAD_MERGE.test(err.message)) return parseYamlDocsWith(text, false);
    throw err;
  }
}

function parseYamlDocsWith(text: string, merge: boolean): StructuredDoc[] {
  const maxAliasCount = Math.min(MAX_ALIAS_COUNT_CAP, Math.max(MAX_ALIAS_COUNT, Math.floor(text.length * ALIAS_COUNT_PER_CHAR)));
  const { LineCounter, parseAllDocuments, isAlias, isMap, isPair, isScalar, isSeq } = yaml();
  const lineCounter = new LineCounter();
  try {
    assertNestingWithin(text, MAX_FLOW_DEPTH);
  } catch (err) {
    if (err instanceof NestingTooDeepError) throw new StructuredParseError(err.message, err.line, err.column);
    throw err;
  }
  let documents: ReturnType<YamlModule['parseAllDocuments']>;
  try {
    // logLevel 'error': the yaml package otherwise prints its warnings (a templated key such as
    // `{{ .Values.name }}: x` read as a collection key) on stderr through process.emitWarning.
    documents = parseAllDocuments(text, { lineCounter, prettyErrors: false, uniqueKeys: false, merge, logLevel: 'error' });
  } catch (err) {
    // The yaml composer recurses per level of flow nesting (`[[[[...`): a deep enough file
    // exhausts the stack before MAX_DEPTH below can say so.
    if (err instanceof RangeError) throw new StructuredParseError(`nesting too deep to parse (${err.message})`, 1, 1);
    throw err;
  }
  const list = Array.isArray(documents) ? documents : [documents];
  const out: StructuredDoc[] = [];
  for (const doc of list) {
    const error = doc.errors[0];
    if (error) {
      const pos = lineCounter.linePos(error.pos[0]);
      const first = error.message.split('\n')[0] ?? error.message;
      // The yaml parser records its own stack overflow on `[[[[...` as a document error.
      const message = /call stack/i.test(first) ? `nesting too deep to parse (${first})` : first;
      throw new StructuredParseError(message, pos.line, pos.col);
    }
    if (doc.contents === null) continue;
    const positions: Record<string, [number, number]> = {};
    const at = (node: Node): [number, number] => {
      const offset = node.range?.[0] ?? 0;
      const p = lineCounter.linePos(offset);
      return [p.line, p.col];
    };
    // `merged`: the node is reached through an alias or a merge key; it only fills positions that the
    // node's own keys do not give (explicit keys win over merged ones, as in the value).
    let aliasWalk = 0;
    const expanding = new Set<Node>();
    const setPos = (key: string, p: [number, number], merged: boolean) => {
      if (!merged || !(key in positions)) positions[key] = p;
    };
    const walkAlias = (alias: Node, pointer: string, depth: number) => {
      const target = (alias as unknown as { resolve(d: unknown): Node | undefined }).resolve(doc);
      if (!target || expanding.has(target) || aliasWalk > MAX_ALIAS_WALK) return;
      expanding.add(target);
      walk(target, pointer, depth + 1, true);
      expanding.delete(target);
    };
    const walk = (node: unknown, pointer: string, depth: number, merged: boolean) => {
      if (depth > MAX_DEPTH) throw new StructuredParseError(`nesting deeper than ${MAX_DEPTH} levels`, 1, 1);
      if (merged && ++aliasWalk > MAX_ALIAS_WALK) return;
      if (isMap(node)) {
        if (!(pointer in positions)) positions[pointer] = at(node);
        for (const pair of node.items) {
          if (!isPair(pair)) continue;
          const keyValue: unknown = isScalar(pair.key) ? pair.key.value : pair.key;
          // With merge keys on, the parser gives `<<` as a symbol.
          const isMergeKey = merge && (keyValue === '<<' || (typeof keyValue === 'symbol' && keyValue.description === '<<'));
          const key = String(keyValue);
          if (isMergeKey && (isAlias(pair.value) || isSeq(pair.value) || isMap(pair.value))) {
            // The merged keys belong to this map, at this pointer: no `<<` in the value.
            const sources = isSeq(pair.value) ? pair.value.items : [pair.value];
            for (const source of sources) {
              if (isAlias(source)) walkAlias(source as Node, pointer, depth);
              else if (isMap(source)) walk(source, pointer, depth + 1, true);
            }
            continue;
          }
          const child = `${pointer}/${escapePointer(key)}`;
          setPos(child, pair.key && (pair.key as Node).range ? at(pair.key as Node) : at(node), merged);
          // Scalar values get their own entry so that a finding can point at the value itself.
          if (isScalar(pair.value)) setPos(`${child}#value`, at(pair.value), merged);
          walk(pair.value, child, depth + 1, merged);
        }
      } else if (isSeq(node)) {
        if (!(pointer in positions)) positions[pointer] = at(node);
        node.items.forEach((item, index) => {
          const child = `${pointer}/${index}`;
          if (item && (item as Node).range) setPos(child, at(item as Node), merged);
          walk(item, child, depth + 1, merged);
        });
      } else if (isAlias(node)) {
        if (!(pointer in positions)) positions[pointer] = at(node as Node);
        // `environment: *common`: the values under it are written at the anchor.
        walkAlias(node as Node, pointer, depth);
      } else if (isScalar(node)) {
        if (!(pointer in positions)) positions[pointer] = at(node as Node);
      }
    };
    walk(doc.contents, '', 0, false);
    let value: unknown;
    try {
      value = doc.toJS({ maxAliasCount });
    } catch (err) {
      const pos = at(doc.contents as Node);
      // The library's wording calls the file an attack; the reader needs the limit and its reason.
      const message = /excessive alias count/i.test((err as Error).message) ? `its aliases expand to more nodes than ${maxAliasCount} (the guard against alias bombs), so it was not read` : (err as Error).message;
      throw new StructuredParseError(`cannot expand document: ${message}`, pos[0], pos[1]);
    }
    if (isCircular(value)) {
      const pos = at(doc.contents as Node);
      // `a: &a [*a]` becomes a value that contains itself: every walker over it would never end.
      throw new StructuredParseError('an alias refers to a node that contains it (circular document)', pos[0], pos[1]);
    }
    out.push({ value, positions, line: at(doc.contents as Node)[0] });
  }
  return out;
}

/** Does the value contain itself? Iterative, with the ancestors of each node on the stack. */
function isCircular(root: unknown): boolean {
  if (typeof root !== 'object' || root === null) return false;
  const ancestors = new Set<object>();
  // Each frame: the object, and whether its children were pushed (exit marker).
  const stack: Array<[object, boolean]> = [[root, false]];
  while (stack.length > 0) {
    const [node, exiting] = stack.pop()!;
    if (exiting) {
      ancestors.delete(node);
      continue;
    }
    if (ancestors.has(node)) return true;
    ancestors.add(node);
    stack.push([node, true]);
    for (const child of Array.isArray(node) ? node : Object.values(node)) {
      if (typeof child === 'object' && child !== null) stack.push([child, false]);
    }
  }
  return false;
}

export function escapePointer(key: string): string {
  if (!key.includes('~') && !key.includes('/')) return key;
  return key.replace(/~/g, '~0').replace(/\//g, '~1');
}

type Positions = StructuredDoc['positions'];

/**
 * Where the positions of a document with `positionsOnDemand` come from: a function the engine
 * registers when it builds the project model (it knows the file and the audited root), which reads
 * the file again. Kept on the document under a symbol, not in its data, so that facts stay plain
 * JSON; a symbol (not a map keyed by the document) because the model may hand rules the document
 * through a proxy that records what they read (model/dependencies.ts), and a symbol read passes
 * through it to the document itself.
 */
const POSITION_SOURCE = Symbol('positions on demand');
type PositionSource = () => Positions | undefined;
type WithSource = StructuredDoc & { [POSITION_SOURCE]?: PositionSource };
/** The positions last parsed again, a few documents' worth: rules ask for several pointers of one document in a row. */
const recentPositions: Array<[PositionSource, Positions]> = [];
const RECENT_POSITIONS = 2;

/** Sets (or with undefined, drops) where the positions of a document with `positionsOnDemand` come from. */
export function setPositionSource(doc: StructuredDoc, source: PositionSource | undefined): void {
  const previous = (doc as WithSource)[POSITION_SOURCE];
  if (source) Object.defineProperty(doc, POSITION_SOURCE, { value: source, configurable: true, enumerable: false, writable: true });
  else delete (doc as WithSource)[POSITION_SOURCE];
  const recent = recentPositions.findIndex(([s]) => s === previous);
  if (recent !== -1) recentPositions.splice(recent, 1);
}

/** The document's positions: its own, or from its source (empty when it has none or that fails). */
export function positionsOf(doc: StructuredDoc): Positions {
  if (!doc.positionsOnDemand) return doc.positions;
  const source = (doc as WithSource)[POSITION_SOURCE];
  if (!source) return doc.positions;
  for (const [s, positions] of recentPositions) if (s === source) return positions;
  const positions = computePositions(doc);
  recentPositions.unshift([source, positions]);
  if (recentPositions.length > RECENT_POSITIONS) recentPositions.pop();
  return positions;
}

/** positionsOf without keeping the result among the recent ones. */
export function computePositions(doc: StructuredDoc): Positions {
  if (!doc.positionsOnDemand) return doc.positions;
  try {
    return (doc as WithSource)[POSITION_SOURCE]?.() ?? doc.positions;
  } catch {
    return doc.positions;
  }
}

/** Lets go of the positions parsed again (the per-file phase calls it after each file). */
export function forgetRecentPositions(): void {
  recentPositions.length = 0;
}

/** Position of a node by pointer, falling back to the nearest ancestor that has one. */
export function positionOf(doc: StructuredDoc, pointer: string): { line: number; column: number } {
  const positions = positionsOf(doc);
  let p = pointer;
  for (;;) {
    const hit = positions[p];
    if (hit) return { line: hit[0], column: hit[1] };
    if (p === '') return { line: doc.line, column: 1 };
    p = p.slice(0, p.lastIndexOf('/'));
  }
}

/** Position of a scalar value (not its key) when known. */
export function valuePositionOf(doc: StructuredDoc, pointer: string): { line: number; column: number } {
  const hit = positionsOf(doc)[`${pointer}#value`];
  return hit ? { line: hit[0], column: hit[1] } : positionOf(doc, pointer);
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

type Leaf = string | number | boolean;

/** A container being walked by scalarLeaves: an array or the entries of a map, the next child, and where it is. */
interface LeafFrame {
  items: unknown[] | undefined;
  entries: Array<[string, unknown]> | undefined;
  /** The array or map itself. */
  container: unknown[] | Record<string, unknown>;
  next: number;
  pointer: string;
  /** How many map keys lead to this container. */
  depth: number;
}

/**
 * Every scalar leaf with its key path, for rules that scan any config file (secrets), depth first
 * in document order. `accept` skips leaves before their pointer and keys are built: generated
 * JSON/YAML has hundreds of thousands of leaves and a rule reads few. One generator and an explicit
 * stack (not one generator per level, which passes every leaf up through all its ancestors).
 * `parent` is the array or map holding the leaf (undefined for a document that is one scalar).
 */
export function* scalarLeaves(value: unknown, accept?: (value: Leaf) => boolean): Generator<{ pointer: string; keys: string[]; value: Leaf; parent: unknown }> {
  const isLeaf = (v: unknown): v is Leaf => typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean';
  if (isLeaf(value)) {
    if (!accept || accept(value)) yield { pointer: '', keys: [], value, parent: undefined };
    return;
  }
  const keys: string[] = [];
  const stack: LeafFrame[] = [];
  const enter = (node: unknown, pointer: string) => {
    if (Array.isArray(node)) stack.push({ items: node, entries: undefined, container: node, next: 0, pointer, depth: keys.length });
    else if (isRecord(node)) stack.push({ items: undefined, entries: Object.entries(node), container: node, next: 0, pointer, depth: keys.length });
  };
  enter(value, '');
  while (stack.length > 0) {
    const frame = stack[stack.length - 1]!;
    keys.length = frame.depth;
    let child: unknown;
    let key: string | undefined;
    let index = 0;
    if (frame.items) {
      if (frame.next >= frame.items.length) {
        stack.pop();
        continue;
      }
      index = frame.next++;
      child = frame.items[index];
    } else {
      if (frame.next >= frame.entries!.length) {
        stack.pop();
        continue;
      }
      [key, child] = frame.entries![frame.next++]!;
    }
    // The pointer's last segment is made only for what is yielded or entered.
    if (isLeaf(child)) {
      if (accept && !accept(child)) continue;
      if (key !== undefined) keys.push(key);
      const segment = key === undefined ? String(index) : escapePointer(key);
      yield { pointer: `${frame.pointer}/${segment}`, keys: keys.slice(), value: child, parent: frame.container };
    } else if (typeof child === 'object' && child !== null) {
      if (key !== undefined) keys.push(key);
      enter(child, `${frame.pointer}/${key === undefined ? String(index) : escapePointer(key)}`);
    }
  }
}
