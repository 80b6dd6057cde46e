// A fast path for JSON files (package.json, config JSON): JSON.parse for the value and one linear
// scan for the positions, instead of the YAML parser, which reads JSON as flow YAML at a tenth of
// the speed. It must give exactly what parseStructured's YAML path gives (the same value, the same
// pointer -> position map, the same document line); a test compares the two. Anything unusual
// (comments, trailing commas, several documents, deep nesting, `__proto__`) returns null, and the
// YAML path takes over with its own errors and limits.

import { createHash } from 'node:crypto';
import type { StructuredDoc } from './facts.js';
import { escapePointer, setPositionSource } from './structured.js';

type Positions = StructuredDoc['positions'];

/**
 * `positionsOnDemandAbove`: a text longer than this (in characters) gets a document without
 * positions, marked `positionsOnDemand` with the digest of the text; they are scanned from the text
 * when first asked for (a generated typedoc or OpenAPI file has hundreds of thousands, and rules
 * read a handful). The structure is still checked in full, so the fast path takes and refuses the
 * same texts either way.
 */
export function parseJsonFast(text: string, maxDepth: number, positionsOnDemandAbove = Infinity): StructuredDoc[] | null {
  const first = firstNonSpace(text, 0);
  if (first === -1) return null;
  const c = text.charCodeAt(first);
  // Only objects and arrays: a bare scalar file is rare and YAML reads some of them differently.
  if (c !== 0x7b /* { */ && c !== 0x5b /* [ */) return null;
  if (text.includes('__proto__')) return null;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return null;
  }
  const onDemand = text.length > positionsOnDemandAbove;
  const scanner = new PositionScanner(text, maxDepth);
  try {
    const positions: Positions = {};
    const end = scanner.value(first, '', onDemand ? null : positions, 0);
    if (firstNonSpace(text, end) !== -1) return null;
    const line = scanner.pos(first)[0];
    if (!onDemand) return [{ value, positions, line }];
    const doc: StructuredDoc = { value, positions: {}, line, positionsOnDemand: { digest: textDigest(text), index: 0 } };
    setPositionSource(doc, () => {
      const all: Positions = {};
      new PositionScanner(text, maxDepth).value(first, '', all, 0);
      return all;
    });
    return [doc];
  } catch {
    return null;
  }
}

/** The digest `positionsOnDemand` records: of the text the positions are parsed from. */
export function textDigest(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

function firstNonSpace(text: string, from: number): number {
  for (let i = from; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c !== 0x20 && c !== 0x0a && c !== 0x0d && c !== 0x09) return i;
  }
  return -1;
}

class PositionScanner {
  /** Offsets where each line starts (split on \n, as the yaml LineCounter does), found on first use. */
  private lineStarts: number[] | undefined;
  private lastLine = 0;

  constructor(
    private readonly text: string,
    private readonly maxDepth: number,
  ) {}

  /** 1-based [line, column] of an offset. Offsets arrive in increasing order, so the search starts at the last line. */
  pos(offset: number): [number, number] {
    const starts = (this.lineStarts ??= lineStartsOf(this.text));
    let line = this.lastLine;
    if (starts[line]! > offset) line = 0;
    while (line + 1 < starts.length && starts[line + 1]! <= offset) line++;
    this.lastLine = line;
    return [line + 1, offset - starts[line]! + 1];
  }

  /**
   * Scans the value at `at` (a non-space offset) and returns the offset after it. With `positions`
   * null the structure and depth are checked and nothing is recorded (no pointer is built).
   */
  value(at: number, pointer: string, positions: Positions | null, depth: number): number {
    if (depth > this.maxDepth) throw new Error('too deep');
    const text = this.text;
    const c = text.charCodeAt(at);
    if (positions && !(pointer in positions)) positions[pointer] = this.pos(at);
    if (c === 0x7b /* { */) {
      let i = firstNonSpace(text, at + 1);
      if (text.charCodeAt(i) === 0x7d /* } */) return i + 1;
      for (;;) {
        const keyStart = i;
        const keyEnd = this.stringEnd(keyStart);
        let child = '';
        if (positions) {
          const raw = text.slice(keyStart + 1, keyEnd - 1);
          const key = raw.includes('\\') ? (JSON.parse(text.slice(keyStart, keyEnd)) as string) : raw;
          child = `${pointer}/${escapePointer(key)}`;
          positions[child] = this.pos(keyStart);
        }
        i = firstNonSpace(text, keyEnd);
        if (text.charCodeAt(i) !== 0x3a /* : */) throw new Error('expected :');
        const valueStart = firstNonSpace(text, i + 1);
        const vc = text.charCodeAt(valueStart);
        if (positions && vc !== 0x7b && vc !== 0x5b) positions[`${child}#value`] = this.pos(valueStart);
        i = firstNonSpace(text, this.value(valueStart, child, positions, depth + 1));
        const sep = text.charCodeAt(i);
        if (sep === 0x7d) return i + 1;
        if (sep !== 0x2c /* , */) throw new Error('expected , or }');
        i = firstNonSpace(text, i + 1);
      }
    }
    if (c === 0x5b /* [ */) {
      let i = firstNonSpace(text, at + 1);
      if (text.charCodeAt(i) === 0x5d /* ] */) return i + 1;
      for (let index = 0; ; index++) {
        const child = positions ? `${pointer}/${index}` : '';
        if (positions) positions[child] = this.pos(i);
        i = firstNonSpace(text, this.value(i, child, positions, depth + 1));
        const sep = text.charCodeAt(i);
        if (sep === 0x5d) return i + 1;
        if (sep !== 0x2c) throw new Error('expected , or ]');
        i = firstNonSpace(text, i + 1);
      }
    }
    if (c === 0x22 /* " */) return this.stringEnd(at);
    // number, true, false, null: up to the next delimiter
    let i = at;
    while (i < text.length) {
      const d = text.charCodeAt(i);
      if (d === 0x2c || d === 0x7d || d === 0x5d || d === 0x20 || d === 0x0a || d === 0x0d || d === 0x09) break;
      i++;
    }
    return i;
  }

  /** Offset after the closing quote of the string starting at `at`. */
  private stringEnd(at: number): number {
    const text = this.text;
    if (text.charCodeAt(at) !== 0x22) throw new Error('expected a string');
    for (let i = at + 1; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === 0x5c /* \ */) i++;
      else if (c === 0x22) return i + 1;
    }
    throw new Error('unterminated string');
  }
}

function lineStartsOf(text: string): number[] {
  const starts = [0];
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return starts;
}
