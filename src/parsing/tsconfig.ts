import type { TsconfigFacts } from './facts.js';
import { isRecord } from './structured.js';

/** tsconfig.json is JSON with comments and trailing commas. */
/** `exclude` patterns kept, and the longest kept (no real one comes near either). */
const MAX_PATTERNS = 100;
const MAX_PATTERN = 300;

export function parseTsconfig(text: string): TsconfigFacts {
  const facts: TsconfigFacts = { kind: 'tsconfig' };
  const stripped = stripJsonComments(text);
  // TypeScript reads an empty tsconfig (or one of comments only) as `{}`: no error to report.
  if (stripped.trim() === '') return facts;
  const parsed: unknown = JSON.parse(stripped);
  if (!isRecord(parsed)) return facts;
  // TypeScript 5 accepts a list: later entries override earlier ones.
  const ext = typeof parsed.extends === 'string' ? [parsed.extends] : Array.isArray(parsed.extends) ? parsed.extends.filter((e): e is string => typeof e === 'string') : [];
  if (ext.length > 0) facts.extends = ext;
  const options = isRecord(parsed.compilerOptions) ? parsed.compilerOptions : {};
  if (typeof options.outDir === 'string') facts.outDir = options.outDir;
  if (typeof options.rootDir === 'string') facts.rootDir = options.rootDir;
  if (typeof options.baseUrl === 'string') facts.baseUrl = options.baseUrl;
  if (isRecord(options.paths)) {
    facts.paths = Object.keys(options.paths);
    const targets: Record<string, string[]> = {};
    for (const [pattern, list] of Object.entries(options.paths)) {
      // `__proto__` as a key would set the object's prototype instead of a property.
      if (Array.isArray(list) && pattern !== '__proto__') targets[pattern] = list.filter((t): t is string => typeof t === 'string').slice(0, 20);
    }
    facts.pathTargets = targets;
  }
  if (Array.isArray(parsed.exclude)) {
    const exclude = parsed.exclude.filter((e): e is string => typeof e === 'string' && e.length <= MAX_PATTERN).slice(0, MAX_PATTERNS);
    if (exclude.length > 0) facts.exclude = exclude;
  }
  return facts;
}

/**
 * Blanks out line and block comments and trailing commas, keeping every offset and line where it
 * was, so that positions found in the result are positions in the original text.
 */
export function stripJsonComments(text: string): string {
  // Built from slices of the text (and the text itself when there is nothing to blank): a
  // character array of a multi-megabyte generated JSON file cost more than parsing it.
  let out = '';
  let copied = 0;
  const blank = (from: number, to: number) => {
    out += text.slice(copied, from) + text.slice(from, to).replace(/[^\r\n]/g, ' ');
    copied = to;
  };
  const n = text.length;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x22 /* " */) {
      // Skip the string: to its closing quote, stepping over escapes.
      for (i++; i < n; i++) {
        const d = text.charCodeAt(i);
        if (d === 0x5c /* \ */) i++;
        else if (d === 0x22) break;
      }
    } else if (c === 0x2f /* / */ && text.charCodeAt(i + 1) === 0x2f) {
      const end = text.indexOf('\n', i);
      const stop = end < 0 ? n : end;
      blank(i, stop);
      i = stop - 1;
    } else if (c === 0x2f && text.charCodeAt(i + 1) === 0x2a /* * */) {
      const end = text.indexOf('*/', i + 2);
      const stop = end < 0 ? n : end + 2;
      blank(i, stop);
      i = stop - 1;
    } else if (c === 0x2c /* , */) {
      // A trailing comma: the next significant character, past blank space and comments
      // (`"a",  // last one` before `]`), closes the object or array.
      const next = text.charCodeAt(afterBlankAndComments(text, i + 1));
      if (next === 0x7d /* } */ || next === 0x5d /* ] */) blank(i, i + 1);
    }
  }
  return copied === 0 ? text : out + text.slice(copied);
}

/** The index of the first character at or after `from` that is neither blank space nor in a comment. */
function afterBlankAndComments(text: string, from: number): number {
  const n = text.length;
  let j = from;
  while (j < n) {
    const c = text.charCodeAt(j);
    if (c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d) j++;
    else if (c === 0x2f && text.charCodeAt(j + 1) === 0x2f) {
      const end = text.indexOf('\n', j);
      j = end < 0 ? n : end + 1;
    } else if (c === 0x2f && text.charCodeAt(j + 1) === 0x2a) {
      const end = text.indexOf('*/', j + 2);
      j = end < 0 ? n : end + 2;
    } else break;
  }
  return j;
}
