// Baseline: adopt the tool on a legacy codebase by recording today's findings and hiding them on
// later runs. An entry is matched by rule, file and a fingerprint of the finding's evidence (or its
// message), never by line, so that moving code does not resurrect it. The file is sorted JSON, one
// entry per distinct finding with a count, and holds no secret values: evidence is already redacted
// by the rules, the fingerprint is a hash, and a known token format in a path or message (a file
// named after a credential) is written redacted, as every report prints it.

import { createHash } from 'node:crypto';
import type { Finding } from '../rule-api/types.js';
import { WorkflowError } from '../util/errors.js';
import { redactKnownTokens } from '../secrets/detect.js';
import { diagnostics } from './diagnostics.js';

export const BASELINE_VERSION = 1;

export interface BaselineEntry {
  file: string;
  ruleId: string;
  fingerprint: string;
  /** How many findings share this rule, file and fingerprint. */
  count: number;
  /** For the reader of the diff only; matching never uses it. */
  message: string;
}

export interface Baseline {
  version: number;
  entries: BaselineEntry[];
}

/** Line and column numbers inside a message (`see src/x.ts:12`, `on line 4`) change when code moves. */
function stableText(text: string): string {
  // Each step runs only where it can change the text: a report fingerprints every finding.
  const numbered = /\d/.test(text) ? text.replace(/\b(lines?|ln|col|column)\s+\d+(\s*[-\u2013]\s*\d+)?/gi, '$1 #').replace(/:\d+(:\d+)?\b/g, ':#') : text;
  return (/\s\s|[^\S ]/.test(numbered) ? numbered.replace(/\s+/g, ' ') : numbered).trim();
}

/** The path as reports print it: what the baseline stores and matches on (identity for most paths). */
function printedFile(f: Finding): string {
  return redactKnownTokens(f.file);
}

export function fingerprintOf(f: Finding): string {
  const basis = `${f.ruleId}\0${printedFile(f)}\0${stableText(redactKnownTokens(f.evidence ?? f.message))}`;
  return createHash('sha256').update(basis).digest('hex').slice(0, 20);
}

/** Only rule findings are baselined: engine and directive diagnostics say the audit is incomplete. */
export function isBaselinable(f: Finding): boolean {
  return f.factor !== null;
}

export function buildBaseline(findings: readonly Finding[]): Baseline {
  const byKey = new Map<string, BaselineEntry>();
  for (const f of findings) {
    if (!isBaselinable(f)) continue;
    const fingerprint = fingerprintOf(f);
    const file = printedFile(f);
    const key = `${file}\0${f.ruleId}\0${fingerprint}`;
    const entry = byKey.get(key);
    if (entry) entry.count++;
    else byKey.set(key, { file, ruleId: f.ruleId, fingerprint, count: 1, message: redactKnownTokens(f.message) });
  }
  return { version: BASELINE_VERSION, entries: [...byKey.values()].sort(compareEntries) };
}

function compareEntries(a: BaselineEntry, b: BaselineEntry): number {
  const cmp = (x: string, y: string) => (x < y ? -1 : x > y ? 1 : 0);
  return cmp(a.file, b.file) || cmp(a.ruleId, b.ruleId) || cmp(a.fingerprint, b.fingerprint);
}

/** One entry per line group, keys in a fixed order: a diff shows exactly what was added or removed. */
export function formatBaseline(baseline: Baseline): string {
  const entries = baseline.entries.map((e) => ({ file: e.file, ruleId: e.ruleId, fingerprint: e.fingerprint, count: e.count, message: e.message }));
  return `${JSON.stringify({ version: baseline.version, tool: 'twelve-factor-audit', entries }, null, 2)}\n`;
}

export function parseBaseline(text: string, display: string): Baseline {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (err) {
    throw new WorkflowError(`${display}: the baseline is not valid JSON (${(err as Error).message}); rewrite it with --write-baseline`);
  }
  const obj = data as { version?: unknown; entries?: unknown };
  if (!obj || typeof obj !== 'object' || obj.version !== BASELINE_VERSION || !Array.isArray(obj.entries)) {
    throw new WorkflowError(`${display}: not a twelve-factor-audit baseline (expected {"version": ${BASELINE_VERSION}, "entries": [...]}); rewrite it with --write-baseline`);
  }
  const entries: BaselineEntry[] = [];
  obj.entries.forEach((e: unknown, i: number) => {
    const x = e as Partial<BaselineEntry> | null;
    if (!x || typeof x.file !== 'string' || typeof x.ruleId !== 'string' || typeof x.fingerprint !== 'string') {
      throw new WorkflowError(`${display}: entries[${i}] needs file, ruleId and fingerprint strings; rewrite the baseline with --write-baseline`);
    }
    const count = typeof x.count === 'number' && Number.isInteger(x.count) && x.count > 0 ? x.count : 1;
    entries.push({ file: x.file, ruleId: x.ruleId, fingerprint: x.fingerprint, count, message: typeof x.message === 'string' ? x.message : '' });
  });
  return { version: BASELINE_VERSION, entries };
}

export interface BaselineMatch {
  /** Findings not in the baseline. */
  kept: Finding[];
  hidden: number;
  /** The findings the baseline hid (SARIF emits them as suppressed). */
  hiddenFindings: Finding[];
  /** Entries (with the count still unmatched) that no finding matches any more. */
  stale: BaselineEntry[];
}

export function applyBaseline(findings: readonly Finding[], baseline: Baseline): BaselineMatch {
  const remaining = new Map<string, number>();
  for (const e of baseline.entries) {
    const key = `${e.file}\0${e.ruleId}\0${e.fingerprint}`;
    remaining.set(key, (remaining.get(key) ?? 0) + e.count);
  }
  const kept: Finding[] = [];
  const hiddenFindings: Finding[] = [];
  let hidden = 0;
  for (const f of findings) {
    if (!isBaselinable(f)) {
      kept.push(f);
      continue;
    }
    const key = `${printedFile(f)}\0${f.ruleId}\0${fingerprintOf(f)}`;
    const left = remaining.get(key) ?? 0;
    if (left > 0) {
      remaining.set(key, left - 1);
      hidden++;
      hiddenFindings.push(f);
    } else kept.push(f);
  }
  const stale: BaselineEntry[] = [];
  for (const e of baseline.entries) {
    const key = `${e.file}\0${e.ruleId}\0${e.fingerprint}`;
    const left = remaining.get(key) ?? 0;
    if (left <= 0) continue;
    stale.push({ ...e, count: Math.min(left, e.count) });
    remaining.set(key, left - Math.min(left, e.count));
  }
  return { kept, hidden, hiddenFindings, stale };
}

export function staleFinding(e: BaselineEntry): Finding {
  return diagnostics.staleBaselineEntry(e);
}
