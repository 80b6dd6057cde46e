// Source lines around findings, for the formats that show code (HTML) or fingerprint it (SARIF).
// Read by the CLI after the audit, only from files inside the audited root, and redacted before any
// writer sees them: a line that holds a secret is never shown whole.

import path from 'node:path';
import { readGuardedText } from '../util/guarded-read.js';
import { findKnownSecrets, isPlaceholder, isWordLike, looksLikeSecretValue, redact } from '../secrets/detect.js';
import { isSecretName, SECRET_WORD } from '../secrets/vocabulary.js';
import type { Finding, RuleDefinition } from '../rule-api/types.js';
import { realPathOf } from './report.js';

/** file (POSIX, relative to the root) -> line number (1-based) -> redacted text. */
export type SourceLines = Record<string, Record<number, string>>;

export interface ReadSourcesOptions {
  /** Ids of the rules whose findings point at a secret (secretRuleIds of the rules that ran): their lines are never shown. */
  secretRules: ReadonlySet<string>;
  /** Lines shown above and below each finding's line. */
  context?: number;
  maxFileSize?: number;
}

const MAX_LINE = 400;

export function readSourceLines(root: string, findings: Finding[], options: ReadSourcesOptions): SourceLines {
  const context = options.context ?? 2;
  const maxFileSize = options.maxFileSize ?? 2 * 1024 * 1024;
  const out: SourceLines = {};
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
    const text = readInside(root, realPath.get(file) ?? file, maxFileSize);
    if (text === undefined) continue;
    const lines = text.split(/\r\n|\n|\r/);
    const secretLines = new Map<number, string>();
    const redactSpan = (from: number, evidence: string) => {
      // The whole value: a YAML block scalar or a quoted value continues on the lines below the key.
      for (let n = from; n <= valueEnd(lines, from); n++) if (!secretLines.has(n)) secretLines.set(n, evidence);
    };
    for (const f of list) if (isSecretFinding(f, options.secretRules)) redactSpan(f.line, f.evidence ?? 'secret');
    // A secret-named key whose value starts on the next line, with or without a finding (a placeholder check may have kept it silent).
    for (let n = 1; n <= lines.length; n++) if (namesSecret(lines[n - 1]!) && valueEnd(lines, n) > n) redactSpan(n, 'secret-named value');
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

/** The rules that say their findings are secrets or credentials (`security: true`), by id. */
export function secretRuleIds(rules: readonly Pick<RuleDefinition, 'id' | 'security'>[]): Set<string> {
  return new Set(rules.filter((r) => r.security).map((r) => r.id));
}

/** Findings whose line holds a secret: those of the secret rules, and any finding whose evidence was redacted. */
export function isSecretFinding(f: Pick<Finding, 'ruleId' | 'evidence'>, secretRules: ReadonlySet<string>): boolean {
  return secretRules.has(f.ruleId) || (f.evidence?.includes('…') ?? false);
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

/** An unquoted value that reads as code, not as a literal: `process.env.X`, `config.secret`, `string`, `null`. */
function looksLikeCode(value: string): boolean {
  return /^[A-Za-z_$][\w$]*(\.[A-Za-z_$][\w$]*)+[,;)]*$/.test(value) || /^[A-Za-z]+[,;)]*$/.test(value) || /^[A-Za-z_$][\w$]*\(/.test(value);
}

/**
 * The last line of the value that starts on line `line` (1-based): the line itself, or the end of a
 * YAML block scalar (`key: |`, `key: >-`: the lines below indented deeper, and blank lines among
 * them), or of a quoted value left open on its line (`KEY="abc` ... `def"`, in .env files, YAML and
 * compose). Bounded by MAX_SPAN lines.
 */
export function valueEnd(lines: readonly string[], line: number): number {
  const text = lines[line - 1] ?? '';
  const last = Math.min(lines.length, line + MAX_SPAN);
  if (/:\s*[|>][-+0-9]*\s*(#.*)?$/.test(text)) {
    const indent = indentOf(text);
    let end = line;
    for (let n = line + 1; n <= last; n++) {
      const l = lines[n - 1]!;
      if (l.trim() === '') continue;
      if (indentOf(l) <= indent) break;
      end = n;
    }
    return end;
  }
  const open = openQuote(text);
  if (open) {
    for (let n = line + 1; n <= last; n++) if (lines[n - 1]!.includes(open)) return n;
    return last;
  }
  return line;
}

const MAX_SPAN = 200;

/** A `key: ...` / `KEY=...` line whose key the detector calls secret (`db_password: |`, `SECRET_KEY="...`). */
function namesSecret(line: string): boolean {
  const m = /^\s*(?:-\s+)?(?:export\s+)?["']?([A-Za-z_][\w.-]{0,100})["']?\s*[:=]/.exec(line);
  return m !== null && isSecretName(m[1]!);
}

function indentOf(line: string): number {
  let i = 0;
  while (i < line.length && (line[i] === ' ' || line[i] === '\t')) i++;
  return i;
}

/** The quote a `key = "value` or `key: 'value` line leaves open, if any. */
function openQuote(line: string): string | undefined {
  const m = /[:=]\s*(["'])/.exec(line);
  if (!m) return undefined;
  const quote = m[1]!;
  const rest = line.slice(m.index + m[0].length);
  // An escaped quote does not close a double-quoted value.
  for (let i = 0; i < rest.length; i++) {
    if (quote === '"' && rest[i] === '\\') i++;
    else if (rest[i] === quote) return undefined;
  }
  return quote;
}

/** A file under the root by its report path: through the guarded reader (regular, inside, capped, no link out). */
function readInside(root: string, file: string, maxFileSize: number): string | undefined {
  if (file === '.' || path.isAbsolute(file) || file.split('/').includes('..')) return undefined;
  const text = readGuardedText(path.join(root, ...file.split('/')), { boundary: root, maxSize: maxFileSize });
  if (typeof text !== 'string' || text.slice(0, 8000).includes('\0')) return undefined;
  return text;
}
