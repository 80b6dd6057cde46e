// Docker bake files: the `target` blocks (dockerfile, target, context, args, tags, inherits) of
// docker-bake.hcl, read by a small tolerant reader of just those blocks, and the same fields of
// docker-bake.json. Nothing is evaluated: a string may use a `variable` block's plain default
// (`${TAG}`, or the bare name), any other expression (a function call, a conditional, an attribute of
// another block) leaves the field unknown, which drops it.

import type { DockerBakeFacts, DockerBakeTarget } from './facts.js';

type Value = string | string[] | Record<string, string> | undefined;

interface Token {
  /** `ident`, `string` (text unquoted, interpolations kept), `heredoc`, or the punctuation itself. */
  type: string;
  text: string;
  line: number;
  column: number;
}

export function parseDockerBakeHcl(text: string): DockerBakeFacts {
  const tokens = tokenize(text);
  const variables = new Map<string, string>();
  const targets: Array<DockerBakeTarget & { raw: Map<string, Token[]> }> = [];
  let i = 0;
  const at = (k: number) => tokens[k];
  /** Skips a balanced group from an opening token; returns the index after it. */
  const skipGroup = (k: number): number => {
    let depth = 0;
    for (; k < tokens.length; k++) {
      const t = tokens[k]!.type;
      if (t === '{' || t === '[' || t === '(') depth++;
      else if (t === '}' || t === ']' || t === ')') {
        depth--;
        if (depth <= 0) return k + 1;
      }
    }
    return k;
  };
  /** The tokens of an attribute's value (to the end of its line, or a balanced group); returns the index after it. */
  const valueTokens = (k: number): [Token[], number] => {
    const start = k;
    const line = at(k)?.line;
    while (k < tokens.length) {
      const t = tokens[k]!;
      if (t.type === '{' || t.type === '[' || t.type === '(') {
        k = skipGroup(k);
        continue;
      }
      if (t.type === '}' || (k > start && t.line !== line && tokens[k - 1]!.type !== '?' && tokens[k - 1]!.type !== ':')) break;
      k++;
    }
    return [tokens.slice(start, k), k];
  };
  /** The attributes of a block body from after its `{`; returns them and the index after its `}`. */
  const body = (k: number): [Map<string, Token[]>, number] => {
    const attrs = new Map<string, Token[]>();
    while (k < tokens.length && at(k)!.type !== '}') {
      const t = at(k)!;
      if ((t.type === 'ident' || t.type === 'string') && at(k + 1)?.type === '=') {
        const [value, next] = valueTokens(k + 2);
        attrs.set(t.text, value);
        k = next;
        continue;
      }
      // A nested block or anything unknown: skipped whole.
      if (t.type === '{') k = skipGroup(k);
      else k++;
    }
    return [attrs, k + 1];
  };

  while (i < tokens.length) {
    const t = at(i)!;
    if (t.type === 'ident' && (t.text === 'variable' || t.text === 'target' || t.text === 'group' || t.text === 'function') && at(i + 1)?.type === 'string' && at(i + 2)?.type === '{') {
      const [attrs, next] = body(i + 3);
      const name = at(i + 1)!.text;
      if (t.text === 'variable') {
        const def = attrs.get('default');
        const value = def ? plainString(def, new Map()) : undefined;
        if (value !== undefined) variables.set(name, value);
      } else if (t.text === 'target') targets.push({ name, line: t.line, column: t.column, args: {}, tags: [], inherits: [], raw: attrs });
      i = next;
      continue;
    }
    if (t.type === '{') {
      i = skipGroup(i);
      continue;
    }
    i++;
  }
  // Variables are read before the targets use them, wherever they are written.
  const out: DockerBakeTarget[] = targets.map(({ raw, ...target }) => {
    for (const key of ['context', 'dockerfile', 'target'] as const) {
      const v = raw.get(key);
      const s = v ? valueOf(v, variables) : undefined;
      if (typeof s === 'string') target[key] = s;
    }
    const args = raw.get('args');
    const argValues = args ? valueOf(args, variables) : undefined;
    if (argValues && typeof argValues === 'object' && !Array.isArray(argValues)) target.args = argValues;
    for (const key of ['tags', 'inherits'] as const) {
      const v = raw.get(key);
      const list = v ? valueOf(v, variables) : undefined;
      if (Array.isArray(list)) target[key] = list;
    }
    return target;
  });
  return { kind: 'docker-bake', targets: out };
}

/** The targets of a docker-bake.json document (`{"target": {"api": {...}}}`); positions from the document's pointers. */
export function bakeTargetsFromJson(value: unknown, positions: Record<string, [number, number]>): DockerBakeTarget[] {
  if (!isRecord(value) || !isRecord(value.target)) return [];
  const variables = new Map<string, string>();
  if (isRecord(value.variable)) for (const [k, v] of Object.entries(value.variable)) if (isRecord(v) && typeof v.default === 'string') variables.set(k, v.default);
  const out: DockerBakeTarget[] = [];
  for (const [name, t] of Object.entries(value.target)) {
    if (!isRecord(t)) continue;
    const [line, column] = positions[`/target/${name.replace(/~/g, '~0').replace(/\//g, '~1')}`] ?? [1, 1];
    const target: DockerBakeTarget = { name, line, column, args: {}, tags: [], inherits: [] };
    const str = (v: unknown) => (typeof v === 'string' ? interpolate(v, variables) : undefined);
    for (const key of ['context', 'dockerfile', 'target'] as const) {
      const s = str(t[key]);
      if (s !== undefined) target[key] = s;
    }
    if (isRecord(t.args)) {
      for (const [k, v] of Object.entries(t.args)) {
        const s = str(v);
        if (s !== undefined && k !== '__proto__') target.args[k] = s;
      }
    }
    for (const key of ['tags', 'inherits'] as const) {
      const list = t[key];
      if (Array.isArray(list)) target[key] = list.map(str).filter((s): s is string => s !== undefined);
    }
    out.push(target);
  }
  return out;
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** A value of plain strings, a list of them or a map of them; undefined for any other expression. */
function valueOf(tokens: Token[], variables: Map<string, string>): Value {
  const first = tokens[0];
  if (!first) return undefined;
  if (first.type === '[') {
    // Items are split at the list's own commas; an item that is not one plain token (a function
    // call) is left out, the others kept.
    const items: string[] = [];
    let item: Token[] = [];
    let depth = 0;
    for (let k = 1; k < tokens.length; k++) {
      const t = tokens[k]!;
      if (depth === 0 && (t.type === ',' || t.type === ']')) {
        const s = plainString(item, variables);
        if (s !== undefined) items.push(s);
        item = [];
        if (t.type === ']') break;
        continue;
      }
      if (t.type === '(' || t.type === '[' || t.type === '{') depth++;
      else if (t.type === ')' || t.type === ']' || t.type === '}') depth--;
      item.push(t);
    }
    return items;
  }
  if (first.type === '{') {
    const map: Record<string, string> = {};
    let depth = 0;
    for (let k = 1; k < tokens.length - 1; k++) {
      const key = tokens[k]!;
      if (key.type === '(' || key.type === '[' || key.type === '{') depth++;
      else if (key.type === ')' || key.type === ']' || key.type === '}') depth--;
      // Only the map's own keys (a nested map's are not build arguments).
      else if (depth === 0 && (key.type === 'ident' || key.type === 'string') && (tokens[k + 1]?.type === '=' || tokens[k + 1]?.type === ':')) {
        const v = tokens[k + 2];
        const after = tokens[k + 3]?.type;
        const s = v ? plainString([v], variables) : undefined;
        if (s !== undefined && key.text !== '__proto__' && (after === ',' || after === '}' || tokens[k + 3]?.line !== v!.line)) map[key.text] = s;
        k += 1;
      }
    }
    return map;
  }
  return plainString(tokens, variables);
}

/** One string literal or variable name, with `${VAR}` of plain variables substituted. */
function plainString(tokens: Token[], variables: Map<string, string>): string | undefined {
  if (tokens.length !== 1) return undefined;
  const t = tokens[0]!;
  if (t.type === 'string') return interpolate(t.text, variables);
  if (t.type === 'ident') return variables.get(t.text);
  if (t.type === 'number') return t.text;
  return undefined;
}

/** `${VAR}` of known variables substituted; undefined when another interpolation is in the string. */
function interpolate(text: string, variables: Map<string, string>): string | undefined {
  let unknown = false;
  // Each `${` up to the first `}` after it, left to right, as /\$\{([^}]*)\}/g would match, in one
  // pass: that pattern rescans the rest of the text from every `${` that has no `}` after it.
  let out = '';
  let from = 0;
  for (;;) {
    const open = text.indexOf('${', from);
    const close = open < 0 ? -1 : text.indexOf('}', open + 2);
    if (close < 0) break;
    const name = text.slice(open + 2, close).trim();
    const v = /^[A-Za-z_][\w-]*$/.test(name) ? variables.get(name) : undefined;
    if (v === undefined) unknown = true;
    out += text.slice(from, open) + (v ?? '');
    from = close + 1;
  }
  out += text.slice(from);
  return unknown ? undefined : out.replace(/\$\$\{/g, '${');
}

const WORD = /[A-Za-z_][\w-]*/y;
const NUMBER = /\d[\d.eE+-]*/y;

/** HCL tokens: identifiers, numbers, strings (escapes decoded), punctuation; comments and heredocs dropped. */
function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let line = 1;
  let lineStart = 0;
  let i = 0;
  const n = text.length;
  while (i < n) {
    const c = text[i]!;
    if (c === '\n') {
      line++;
      lineStart = ++i;
      continue;
    }
    if (c === ' ' || c === '\t' || c === '\r') {
      i++;
      continue;
    }
    const column = i - lineStart + 1;
    if (c === '#' || (c === '/' && text[i + 1] === '/')) {
      while (i < n && text[i] !== '\n') i++;
      continue;
    }
    if (c === '/' && text[i + 1] === '*') {
      const end = text.indexOf('*/', i + 2);
      const stop = end < 0 ? n : end + 2;
      for (let k = i; k < stop; k++) if (text[k] === '\n') { line++; lineStart = k + 1; }
      i = stop;
      continue;
    }
    if (c === '"') {
      let s = '';
      let k = i + 1;
      let braces = 0;
      for (; k < n; k++) {
        const d = text[k]!;
        if (d === '\n') break;
        if (d === '\\' && k + 1 < n) {
          const e = text[++k]!;
          s += e === 'n' ? '\n' : e === 't' ? '\t' : e;
          continue;
        }
        // A quote inside an interpolation (`${foo("x")}`) does not end the string.
        if (d === '$' && text[k + 1] === '{') braces++;
        else if (d === '}' && braces > 0) braces--;
        else if (d === '"' && braces === 0) break;
        s += d;
      }
      tokens.push({ type: 'string', text: s, line, column });
      i = k + 1;
      continue;
    }
    if (c === '<' && text[i + 1] === '<') {
      // Heredoc: `<<EOT` or `<<-EOT` to a line holding only the marker; kept as an unknown value.
      const m = /^<<-?([A-Za-z_]\w*)/.exec(text.slice(i, i + 200));
      if (m) {
        const marker = m[1]!;
        let k = text.indexOf('\n', i);
        while (k >= 0 && k < n) {
          line++;
          lineStart = k + 1;
          const next = text.indexOf('\n', k + 1);
          const row = text.slice(k + 1, next < 0 ? n : next).trim();
          k = next;
          if (row === marker) break;
        }
        tokens.push({ type: 'heredoc', text: '', line, column });
        i = k < 0 ? n : k;
        continue;
      }
    }
    WORD.lastIndex = i;
    const word = WORD.exec(text);
    if (word) {
      tokens.push({ type: 'ident', text: word[0], line, column });
      i += word[0].length;
      continue;
    }
    NUMBER.lastIndex = i;
    const num = NUMBER.exec(text);
    if (num) {
      tokens.push({ type: 'number', text: num[0], line, column });
      i += num[0].length;
      continue;
    }
    tokens.push({ type: c, text: c, line, column });
    i++;
  }
  return tokens;
}
