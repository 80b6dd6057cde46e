// The TypeScript and yaml parsers recurse once (or more) per level of bracket nesting. A hostile file
// of a few kilobytes (`[[[[...`) exhausts the stack, and V8 can abort the whole process (a fatal
// "RegExpCompiler Allocation failed") when a regular expression is compiled that close to the
// stack limit. So nesting is measured first, in one pass, and a file deeper than the limit is
// refused with a parse error before any parser sees it.

export class NestingTooDeepError extends Error {
  constructor(
    readonly limit: number,
    readonly line: number,
    readonly column: number,
  ) {
    super(`nesting deeper than ${limit} levels of brackets`);
  }
}

/**
 * Throws when `([{` nest deeper than `limit`. Brackets inside strings and comments are counted too:
 * that over-counts only text with hundreds of unclosed brackets in strings, which no real file has.
 */
export function assertNestingWithin(text: string, limit: number): void {
  let depth = 0;
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 40 || c === 91 || c === 123) {
      if (++depth > limit) throw new NestingTooDeepError(limit, line, i - lineStart + 1);
    } else if (c === 41 || c === 93 || c === 125) {
      if (depth > 0) depth--;
    } else if (c === 10) {
      line++;
      lineStart = i + 1;
    }
  }
}
