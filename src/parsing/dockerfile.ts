// Dockerfiles: stages, instructions, ENV/ARG, and every image reference with ARG defaults resolved,
// so that `FROM node:${NODE_VERSION}` is judged by its default and an ARG with no default is known to
// be unknowable (hadolint's most reported false positive is judging the unresolved text).

import { createRequire } from 'node:module';
import type { Instruction } from 'dockerfile-ast';

// Loaded on first use (about 40 files with its language-server dependencies).
let parser: (typeof import('dockerfile-ast'))['DockerfileParser'] | undefined;
function dockerfileParser(): (typeof import('dockerfile-ast'))['DockerfileParser'] {
  parser ??= (createRequire(import.meta.url)('dockerfile-ast') as typeof import('dockerfile-ast')).DockerfileParser;
  return parser;
}
import type { DockerfileFacts, DockerInstruction, DockerStage, ImageRef, Scalar } from './facts.js';
import { parseShellLine } from './shell.js';
import { leadingComment } from './leading-comment.js';

// COPY and ADD have a JSON form too (`COPY ["a b.md", "./"]`, for paths with spaces): its words are
// the paths, which a split on blanks would cut at the brackets and quotes.
const EXEC_FORM_KEYWORDS = new Set(['RUN', 'CMD', 'ENTRYPOINT', 'SHELL', 'COPY', 'ADD']);
const SHELL_KEYWORDS = new Set(['RUN', 'CMD', 'ENTRYPOINT']);

export function parseDockerfile(text: string): DockerfileFacts {
  const dockerfile = dockerfileParser().parse(text);
  const lines = text.split(/\r?\n/);
  const globalArgs: DockerfileFacts['globalArgs'] = [];
  const stages: DockerStage[] = [];
  const stageNames = new Set<string>();
  // Variables known before each FROM: global ARG defaults (a stage can read them by redeclaring).
  const globalValues = new Map<string, string | null>();

  let current: DockerStage | null = null;
  for (const instruction of dockerfile.getInstructions()) {
    const keyword = instruction.getKeyword().toUpperCase();
    const range = instruction.getRange();
    const pos = {
      line: range.start.line + 1,
      column: range.start.character + 1,
      endLine: range.end.line + 1,
      endColumn: range.end.character + 1,
    };
    const text = argumentText(lines, instruction);
    if (keyword === 'FROM') {
      const { image, name } = splitFrom(text);
      const resolved = substitute(image, globalValues);
      const imageRange = (instruction as unknown as { getImageRange?: () => { start: { line: number; character: number }; end: { line: number; character: number } } | null }).getImageRange?.();
      const imagePos = imageRange
        ? { line: imageRange.start.line + 1, column: imageRange.start.character + 1, endLine: imageRange.end.line + 1, endColumn: imageRange.end.character + 1 }
        : { line: pos.line, column: pos.column };
      const ref: ImageRef = { raw: image, resolved, ...imagePos, ...(resolved ? splitImage(resolved) : {}) };
      current = {
        index: stages.length,
        ...(name ? { name } : {}),
        image: ref,
        ...(resolved && stageNames.has(resolved.toLowerCase()) ? { fromStage: resolved } : {}),
        isFinal: false,
        instructions: [],
        env: [],
        ...pos,
      };
      if (name) stageNames.add(name.toLowerCase());
      stages.push(current);
      continue;
    }
    if (!current) {
      if (keyword === 'ARG') {
        for (const { name, value, hasValue } of properties(text)) {
          globalArgs.push({ name, value: value ?? '', hasValue, ...pos });
          globalValues.set(name, hasValue ? (value ?? '') : null);
        }
      }
      continue;
    }
    const fact: DockerInstruction = { keyword, text: text.replace(/^((--[a-z-]+(=\S*)?)\s+)+/, ''), flags: flagsOf(text), ...pos };
    if (EXEC_FORM_KEYWORDS.has(keyword)) {
      const exec = execForm(fact.text);
      if (exec) fact.execForm = exec;
      else if (SHELL_KEYWORDS.has(keyword)) fact.commands = parseShellLine(physicalText(lines, instruction));
    }
    current.instructions.push(fact);
    if (keyword === 'ENV' || keyword === 'ARG') {
      for (const { name, value, hasValue } of properties(text)) {
        current.env.push({ name, value: value ?? '', hasValue, instruction: keyword, ...pos } satisfies Scalar & { name: string; instruction: 'ENV' | 'ARG'; hasValue: boolean });
      }
    }
  }
  const last = stages[stages.length - 1];
  if (last) last.isFinal = true;
  const header = leadingComment(text);
  return { kind: 'dockerfile', globalArgs, stages, ...(header ? { leadingComment: header } : {}) };
}

/** The instruction's argument text with continuations joined (comments inside continuations dropped). */
function argumentText(lines: string[], instruction: Instruction): string {
  const range = instruction.getRange();
  const parts: string[] = [];
  for (let l = range.start.line; l <= range.end.line; l++) {
    let line = lines[l] ?? '';
    if (l === range.start.line) line = line.slice(range.start.character).replace(/^\s*\S+\s*/, '');
    else if (/^\s*#/.test(line)) continue;
    parts.push(line.replace(/\\\s*$/, '').trim());
  }
  return parts.filter(Boolean).join(' ').trim();
}

/**
 * The argument text with its line structure kept (comment lines blanked), so that each parsed
 * command knows the physical line it starts on (`lineOffset`).
 */
function physicalText(lines: string[], instruction: Instruction): string {
  const range = instruction.getRange();
  const parts: string[] = [];
  // The instruction's flags (`--mount=type=cache,target=/root/.npm`) come before the command, on the
  // first line or on continuation lines of their own (`RUN \` then `--mount=... \` then `pnpm i`).
  let inFlags = true;
  for (let l = range.start.line; l <= range.end.line; l++) {
    let line = lines[l] ?? '';
    if (l === range.start.line) line = line.slice(range.start.character).replace(/^\s*\S+\s*/, '');
    else if (/^\s*#/.test(line)) line = '';
    if (inFlags && line.trim() !== '') {
      const continued = /\\\s*$/.test(line);
      const rest = line.replace(/\\\s*$/, '').replace(/^\s*((--[a-z-]+(=\S*)?)(\s+|$))+/, '');
      if (rest.trim() === '') line = continued ? '\\' : '';
      else {
        line = continued ? `${rest.trimEnd()} \\` : rest;
        inFlags = false;
      }
    }
    parts.push(line);
  }
  return parts.join('\n');
}

function flagsOf(text: string): string[] {
  const flags: string[] = [];
  const re = /^(--[a-z-]+(?:=\S*)?)\s+/;
  let rest = text;
  for (let m = re.exec(rest); m; m = re.exec(rest)) {
    flags.push(m[1]!);
    rest = rest.slice(m[0].length);
  }
  return flags;
}

function execForm(text: string): string[] | null {
  if (!text.startsWith('[')) return null;
  try {
    const parsed: unknown = JSON.parse(text);
    return Array.isArray(parsed) && parsed.every((x) => typeof x === 'string') ? parsed : null;
  } catch {
    return null;
  }
}

function splitFrom(text: string): { image: string; name?: string } {
  const words = text.split(/\s+/).filter((w) => !w.startsWith('--'));
  const image = words[0] ?? '';
  const as = words.findIndex((w) => w.toLowerCase() === 'as');
  const name = as >= 0 ? words[as + 1] : undefined;
  return name ? { image, name } : { image };
}

/** `NAME=value NAME2="v 2"` or the legacy `NAME value` form of ENV; `NAME` alone for ARG. */
function properties(text: string): Array<{ name: string; value?: string; hasValue: boolean }> {
  const out: Array<{ name: string; value?: string; hasValue: boolean }> = [];
  const legacy = /^([A-Za-z_][A-Za-z0-9_.-]*)\s+(?!\S*=)(.*)$/.exec(text);
  if (legacy && !text.includes('=')) return [{ name: legacy[1]!, value: unquote(legacy[2]!.trim()), hasValue: true }];
  const re = /([A-Za-z_][A-Za-z0-9_.-]*)(?:=("(?:[^"\\]|\\.)*"|'[^']*'|\S*))?/g;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    out.push(m[2] === undefined ? { name: m[1]!, hasValue: false } : { name: m[1]!, value: unquote(m[2]), hasValue: true });
  }
  return out;
}

function unquote(value: string): string {
  if (value.length >= 2 && ((value.startsWith('"') && value.endsWith('"')) || (value.startsWith("'") && value.endsWith("'")))) {
    return value.slice(1, -1).replace(/\\(.)/g, '$1');
  }
  return value;
}

/**
 * Substitutes `$VAR`, `${VAR}`, `${VAR:-default}`, `${VAR-default}` and `${VAR:+alt}`. Returns null
 * when a variable has no known value and no default: such an image cannot be judged statically.
 */
export function substitute(text: string, values: Map<string, string | null>): string | null {
  let unknown = false;
  const out = text.replace(/\$\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?[-+])([^}]*))?\}|\$([A-Za-z_][A-Za-z0-9_]*)/g, (_m, braced, op, word, bare) => {
    const name = (braced ?? bare) as string;
    const value = values.has(name) ? values.get(name)! : null;
    if (op === ':-' || op === '-') return value !== null && (op === '-' || value !== '') ? value : (word as string);
    if (op === ':+' || op === '+') return value !== null && value !== '' ? (word as string) : '';
    if (value === null) unknown = true;
    return value ?? '';
  });
  return unknown ? null : out;
}

/** `registry:5000/team/app:1.2@sha256:...` -> name, tag, digest. */
export function splitImage(image: string): { name: string; tag?: string; digest?: string } {
  let rest = image;
  let digest: string | undefined;
  const at = rest.indexOf('@');
  if (at >= 0) {
    digest = rest.slice(at + 1);
    rest = rest.slice(0, at);
  }
  const slash = rest.lastIndexOf('/');
  const colon = rest.lastIndexOf(':');
  const out: { name: string; tag?: string; digest?: string } = { name: colon > slash ? rest.slice(0, colon) : rest };
  if (colon > slash) out.tag = rest.slice(colon + 1);
  if (digest) out.digest = digest;
  return out;
}
