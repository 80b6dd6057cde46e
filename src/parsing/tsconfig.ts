import type { TsconfigFacts } from '../model/facts.js';
import { isRecord } from './structured.js';

/** tsconfig.json is JSON with comments and trailing commas. */
export function parseTsconfig(text: string): TsconfigFacts {
  const parsed: unknown = JSON.parse(stripJsonComments(text));
  const facts: TsconfigFacts = { kind: 'tsconfig' };
  if (!isRecord(parsed)) return facts;
  if (typeof parsed.extends === 'string') facts.extends = parsed.extends;
  const options = isRecord(parsed.compilerOptions) ? parsed.compilerOptions : {};
  if (typeof options.outDir === 'string') facts.outDir = options.outDir;
  if (typeof options.rootDir === 'string') facts.rootDir = options.rootDir;
  if (typeof options.baseUrl === 'string') facts.baseUrl = options.baseUrl;
  if (isRecord(options.paths)) facts.paths = Object.keys(options.paths);
  return facts;
}

export function stripJsonComments(text: string): string {
  let out = '';
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (inString) {
      out += c;
      if (c === '\\') out += text[++i] ?? '';
      else if (c === '"') inString = false;
    } else if (c === '"') {
      inString = true;
      out += c;
    } else if (c === '/' && text[i + 1] === '/') {
      while (i < text.length && text[i] !== '\n') i++;
      out += '\n';
    } else if (c === '/' && text[i + 1] === '*') {
      i += 2;
      while (i < text.length && !(text[i] === '*' && text[i + 1] === '/')) i++;
      i++;
    } else out += c;
  }
  return out.replace(/,(\s*[}\]])/g, '$1');
}
