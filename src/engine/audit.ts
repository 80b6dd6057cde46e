// One audit run: discover, per-file phase (parse once, walk once, facts + findings), project phase
// (model from facts, cross-file rules), then suppression of superseded findings and a stable sort.

import { open } from 'node:fs/promises';
import { discover } from '../discovery/discover.js';
import { isTestPath } from '../discovery/classify.js';
import { ProjectModel, type ModelFile } from '../model/project-model.js';
import type { Finding, RuleDefinition } from '../rule-api/types.js';
import { analyzeFile, type FileInput, type FileResult } from './per-file.js';
import { activateRules, type ActiveRule, type RuleSetting } from './rule-set.js';
import { compareFindings, diagnostic, findingFromDescriptor } from './findings.js';
import { readRepoFacts } from './repo.js';

export interface AuditOptions {
  /** Directory to audit. */
  root: string;
  rules: RuleDefinition[];
  ruleSettings?: Record<string, RuleSetting>;
  /** Bytes; larger files are skipped with a diagnostic. */
  maxFileSize?: number;
  ignore?: string[];
}

export interface AuditResult {
  root: string;
  findings: Finding[];
  /** Files read and parsed, by kind (after YAML/JSON refinement). */
  filesByKind: Record<string, number>;
  filesScanned: number;
  rulesRun: string[];
}

export const DEFAULT_MAX_FILE_SIZE = 2 * 1024 * 1024;
/** Lockfiles of large monorepos run to tens of megabytes; they are parsed line by line or as JSON. */
export const LOCKFILE_MAX_SIZE = 32 * 1024 * 1024;

export async function audit(options: AuditOptions): Promise<AuditResult> {
  const maxFileSize = options.maxFileSize ?? DEFAULT_MAX_FILE_SIZE;
  const active = activateRules(options.rules, options.ruleSettings);
  const discovery = await discover(options.root, { ignore: options.ignore ?? [] });
  const findings: Finding[] = [];
  for (const s of discovery.skipped) findings.push(diagnostic('file-skipped', s.path, `skipped: ${s.reason}`, 1, 1));

  if (discovery.files.some((f) => f.kind === 'ts')) await import('./ts-walk.js');

  const results: FileResult[] = [];
  for (const file of discovery.files) {
    // Lockfiles are often megabytes: they get their own, larger limit, and bun.lockb is binary.
    // Over the limit the lockfile is still known by name (for missing-lockfile), with no contents.
    if (file.kind === 'lockfile') {
      const readable = file.size <= Math.max(maxFileSize, LOCKFILE_MAX_SIZE) && !file.path.endsWith('.lockb');
      const text = readable ? await readText(file.absPath) : '';
      results.push(analyzeFile({ path: file.path, kind: file.kind, text: typeof text === 'string' ? text : '', isTest: false }, active));
      continue;
    }
    if (file.size > maxFileSize) {
      findings.push(diagnostic('file-skipped', file.path, `skipped: ${file.size} bytes is over the ${maxFileSize}-byte limit (maxFileSize)`, 1, 1));
      continue;
    }
    const text = await readText(file.absPath);
    if (typeof text !== 'string') {
      findings.push(diagnostic('file-skipped', file.path, `skipped: ${text.reason}`, 1, 1));
      continue;
    }
    const input: FileInput = { path: file.path, kind: file.kind, text, isTest: isTestPath(file.path) };
    results.push(analyzeFile(input, active));
  }

  const modelFiles: ModelFile[] = [];
  const filesByKind: Record<string, number> = {};
  for (const r of results) {
    findings.push(...r.findings);
    if (!r.kind || !r.facts) continue;
    filesByKind[r.kind] = (filesByKind[r.kind] ?? 0) + 1;
    modelFiles.push({ path: r.path, kind: r.kind, facts: r.facts, isTest: isTestPath(r.path) });
  }

  const model = new ProjectModel(modelFiles, readRepoFacts(discovery.root));
  for (const rule of active) runProjectRule(rule, model, findings);

  return {
    root: discovery.root,
    findings: finalize(findings, active),
    filesByKind: sortKeys(filesByKind),
    filesScanned: modelFiles.length,
    rulesRun: active.map((a) => a.rule.id).sort(),
  };
}

function runProjectRule(active: ActiveRule, model: ProjectModel, sink: Finding[]): void {
  if (!active.rule.checkProject) return;
  try {
    active.rule.checkProject(model, {
      options: active.options,
      report(d) {
        sink.push(findingFromDescriptor(active, d.loc.file, d));
      },
    });
  } catch (err) {
    sink.push(diagnostic('rule-error', '.', `rule ${active.rule.id} failed in the project phase: ${(err as Error).message}`, 1, 1));
  }
}

/** Drops findings a more specific rule made at the same place, removes duplicates, sorts. */
export function finalize(findings: Finding[], active: ActiveRule[]): Finding[] {
  const superseded = new Set<string>();
  for (const a of active) {
    for (const target of a.rule.supersedes ?? []) {
      for (const f of findings) if (f.ruleId === a.rule.id) superseded.add(`${target}\0${f.file}\0${f.line}`);
    }
  }
  const seen = new Set<string>();
  const out: Finding[] = [];
  for (const f of findings.sort(compareFindings)) {
    if (superseded.has(`${f.ruleId}\0${f.file}\0${f.line}`)) continue;
    const key = `${f.ruleId}\0${f.file}\0${f.line}\0${f.column}\0${f.message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(f);
  }
  return out;
}

const BINARY_SNIFF = 8000;

async function readText(absPath: string): Promise<string | { reason: string }> {
  let buffer: Buffer;
  try {
    const handle = await open(absPath, 'r');
    try {
      buffer = await handle.readFile();
    } finally {
      await handle.close();
    }
  } catch (err) {
    return { reason: `cannot be read (${(err as NodeJS.ErrnoException).code ?? 'error'})` };
  }
  const sniff = buffer.subarray(0, BINARY_SNIFF);
  if (sniff.includes(0)) return { reason: 'binary content (NUL bytes)' };
  let text = buffer.toString('utf8');
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  return text;
}

function sortKeys<T>(record: Record<string, T>): Record<string, T> {
  return Object.fromEntries(Object.entries(record).sort(([a], [b]) => (a < b ? -1 : 1)));
}

