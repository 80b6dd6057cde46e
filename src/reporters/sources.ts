// Source lines around findings, for the formats that show code (HTML) or fingerprint it (SARIF).
// Read by the CLI after the audit, only from files inside the audited root, and redacted before any
// writer sees them: a line that holds a secret is never shown whole.

import { readFileSync, realpathSync, statSync } from 'node:fs';
import path from 'node:path';
import { findKnownSecrets, looksLikeSecretValue, isPlaceholder, redact } from '../secrets/detect.js';
import { SECRET_WORD } from '../secrets/vocabulary.js';
import type { Finding } from '../rule-api/types.js';
import { realPathOf } from './report.js';

/** file (POSIX, relative to the root) -> line number (1-based) -> redacted text. */
export type SourceLines = Record<string, Record<number, string>>;

export interface ReadSourcesOptions {
  /** Lines shown above and below each finding's line. */
  context?: number;
  maxFileSize?: number;
}

const MAX_LINE = 400;

export function readSourceLines(root: string, findings: Finding[], options: ReadSourcesOptions = {}): SourceLines {
  const context = options.context ?? 2;
  const maxFileSize = options.maxFileSize ?? 2 * 1024 * 1024;
  const out: SourceLines = {};
  let realRoot: string;
  try {
    realRoot = realpathSync(root);
  } catch {
    return out;
  }
  const byFile = new Map<string, Finding[]>();
  // Keyed by the printed path (what writers look up); a redacted one is opened by its real path.
  const realPath = new Map<string, string>();
  for (const f of findings) {
    realPath.set(f.file, realPathOf(f));
    if (f.factor === null && f.ruleId === 'file-skipped') continue;
    const list = byFile.get(f.file);
    if (list) list.push(f);
    else byFile.set(f.file, [f]);
  }
  for (const [file, list] of [...byFile].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    const text = readInside(realRoot, realPath.get(file) ?? file, maxFileSize);
    if (text === undefined) continue;
    const lines = text.split(/\r\n|\n|\r/);
    const secretLines = new Map<number, string>();
    for (const f of list) if (isSecretFinding(f)) secretLines.set(f.line, f.evidence ?? 'secret');
    const wanted: Record<number, string> = {};
    for (const f of list) {
      const from = Math.max(1, f.line - context);
      const to = Math.min(lines.length, f.line + context);
      for (let n = from; n <= to; n++) {
        if (wanted[n] !== undefined) continue;
        const evidence = secretLines.get(n);
        wanted[n] = evidence !== undefined ? `[line redacted: ${evidence}]` : redactLine(lines[n - 1] ?? '');
      }
    }
    out[file] = wanted;
  }
  return out;
}

/** Findings whose line holds a secret: the secret rules, and any finding whose evidence was redacted. */
export function isSecretFinding(f: Pick<Finding, 'ruleId' | 'evidence'>): boolean {
  return /secret|credential|password|token/i.test(f.ruleId) || (f.evidence?.includes('…') ?? false);
}

const ASSIGNED_VALUE = /([:=]\s*)(["'`]?)([^\s"'`,;]{4,})/g;
/** A run that could be a key: base64/base64url/hex characters, `=` only as padding (not `KEY=value`). */
const LONG_TOKEN = /[A-Za-z0-9+/_\-.~]{20,}={0,2}/g;

/** Redacts whatever on a line looks like a secret: known formats, values of secret-named keys, random tokens. */
export function redactLine(line: string): string {
  let text = line.length > MAX_LINE ? `${line.slice(0, MAX_LINE)}…` : line;
  for (const m of findKnownSecrets(text).sort((a, b) => b.index - a.index)) {
    text = text.slice(0, m.index) + redact(m.value) + text.slice(m.index + m.value.length);
  }
  if (SECRET_WORD.test(text)) {
    text = text.replace(ASSIGNED_VALUE, (all, sep: string, quote: string, value: string) =>
      isPlaceholder(value) || value.includes('…') || (quote === '' && looksLikeCode(value)) ? all : `${sep}${quote}${redact(value)}`,
    );
  }
  text = text.replace(LONG_TOKEN, (token) => (token.includes('…') || !looksLikeSecretValue(token) || /^[a-z0-9.\-/]+$/.test(token) || isWordLike(token) ? token : redact(token)));
  return text;
}

/**
 * Identifiers and paths made of words (`AfricasTalkingSmsProvider`, `DISABLE_USER_REGISTRATION`,
 * `src/lib/email-provider`): every piece is a word of three letters or more, at most one number.
 * Random keys break into many one- and two-character pieces.
 */
function isWordLike(token: string): boolean {
  const pieces = token
    .replace(/=+$/, '')
    .split(/[_\-./~+]+/)
    .filter(Boolean)
    .flatMap((part) => part.match(/[A-Z]?[a-z]+|[A-Z]+(?![a-z])|\d+/g) ?? [part]);
  return pieces.length > 0 && pieces.every((p) => p.length >= 3 || /^\d+$/.test(p)) && pieces.filter((p) => /^\d+$/.test(p)).length <= 1;
}

/** An unquoted value that reads as code, not as a literal: `process.env.X`, `config.secret`, `string`, `null`. */
function looksLikeCode(value: string): boolean {
  return /^[A-Za-z_$][\w$]*(\.[A-Za-z_$][\w$]*)+[,;)]*$/.test(value) || /^[A-Za-z]+[,;)]*$/.test(value) || /^[A-Za-z_$][\w$]*\(/.test(value);
}

function readInside(realRoot: string, file: string, maxFileSize: number): string | undefined {
  if (file === '.' || path.isAbsolute(file) || file.split('/').includes('..')) return undefined;
  try {
    const real = realpathSync(path.join(realRoot, ...file.split('/')));
    const rel = path.relative(realRoot, real);
    if (rel === '' || rel.startsWith('..') || path.isAbsolute(rel)) return undefined;
    const info = statSync(real);
    if (!info.isFile() || info.size > maxFileSize) return undefined;
    const buffer = readFileSync(real);
    if (buffer.subarray(0, 8000).includes(0)) return undefined;
    let text = buffer.toString('utf8');
    if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    return text;
  } catch {
    return undefined;
  }
}
