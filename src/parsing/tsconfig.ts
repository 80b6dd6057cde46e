import type { TsconfigFacts } from '../model/facts.js';
import { isRecord } from './structured.js';

/** tsconfig.json is JSON with comments and trailing commas. */
export function parseTsconfig(text: string): TsconfigFacts {
  const parsed: unknown = JSON.parse(stripJsonComments(text));
  const facts: TsconfigFacts = { kind: 'tsconfig' };
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
  return facts;
}

/**
 * Blanks out line and block comments and trailing commas, keeping every offset and line where it
 * was, so that positions found in the result are positions in the original text.
 */
export function stripJsonComments(text: string): string {
  const out = text.split('');
  let inString = false;
  const blank = (from: number, to: number) => {
    for (let k = from; k < to; k++) if (out[k] !== '\n' && out[k] !== '\r') out[k] = ' ';
  };
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (inString) {
      if (c === '\\') i++;
      else if (c === '"') inString = false;
    } else if (c === '"') {
      inString = true;
    } else if (c === '/' && text[i + 1] === '/') {
      const end = text.indexOf('\n', i);
      const stop = end < 0 ? text.length : end;
      blank(i, stop);
      i = stop - 1;
    } else if (c === '/' && text[i + 1] === '*') {
      const end = text.indexOf('*/', i + 2);
      const stop = end < 0 ? text.length : end + 2;
      blank(i, stop);
      i = stop - 1;
    } else if (c === ',') {
      // A trailing comma: the next significant character closes the object or array.
      let j = i + 1;
      while (j < text.length && /\s/.test(text[j]!)) j++;
      if (text[j] === '}' || text[j] === ']') out[i] = ' ';
    }
  }
  return out.join('');
}
