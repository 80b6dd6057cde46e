// `npm run accuracy -- <folder of checkouts>`: precision of the audit on the real-world corpus.
// The corpus is data: accuracy/manifest.json pins each repository by commit, and
// accuracy/verdicts/<owner>+<name>.csv holds one human verdict per judged finding (TP, FP, DEBATABLE).
// The checkouts are brought by the user (`git clone` + `git checkout <commit>`, folder named
// <owner>+<name>); this script never fetches anything and never runs anything from a checkout: it runs
// the tool's own CLI in this process on each folder, exactly as a user's default run would (recommended
// preset, no config file, JSON report), and matches the findings to the verdicts by (repo, rule, file,
// line). `--preset strict` runs every rule at its strict severity instead, so that rules kept out of
// the default can be judged too; each rule's row then says whether it meets the bar for `recommended`.
//   node dist/accuracy/run.js <folder> [--preset recommended|strict] [--markdown | --json | --docs] [--unjudged] [--only owner+name,...]
// --docs rewrites the corpus section and the precision section of that preset in docs/accuracy.md
// (between their markers).

import { execFileSync } from 'node:child_process';
import { existsSync, lstatSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { run as runCli } from '../src/cli/main.js';
import { presetSeverity, type Preset } from '../src/config/resolve.js';
import type { Report } from '../src/reporters/report.js';
import { rules as builtInRules } from '../rules/index.js';
import { replaceSection } from './marked-sections.js';
import { writeRulePages } from './rule-pages.js';
import { emptyTally, finish, tallyOf, type Evidence, type Tally } from './tally.js';

export const VERDICTS = ['TP', 'FP', 'DEBATABLE'] as const;
export type Verdict = (typeof VERDICTS)[number];
/** Only these are judged; info findings are counted, never judged. */
export const JUDGED_SEVERITIES = ['error', 'warning'] as const;
export const PRESETS: readonly Preset[] = ['recommended', 'strict'];
/** Issue 13: a rule earns `recommended` with this precision over at least BAR_MIN_JUDGED judged findings. */
export const BAR_MIN_JUDGED = 10;
export const BAR_PRECISION = { error: 0.95, warning: 0.9 } as const;

/** Where a rule stands against the bar, at the severity it ran with. */
export interface Bar {
  severity: 'error' | 'warning';
  /** The precision it needs at that severity. */
  needs: number;
  status: 'meets' | 'below' | 'not measured';
}

export interface ManifestEntry {
  repo: string;
  commit: string;
  monorepo: boolean;
  files: number;
  why: string;
}

export interface VerdictRow {
  repo: string;
  rule: string;
  file: string;
  line: number;
  verdict: Verdict;
  reason: string;
}

export interface AuditedFinding {
  repo: string;
  rule: string;
  severity: string;
  file: string;
  line: number;
  message: string;
  /** Other places of the same cause that the finding lists (a grouped finding). */
  related?: { file: string; line: number }[];
}

export interface RepoSummary {
  repo: string;
  commit: string;
  /** Commit found in the checkout's .git, when it can be read without running git. */
  checkedOut: string | null;
  errors: number;
  warnings: number;
  infos: number;
  judged: number;
  unjudged: number;
}

export interface AccuracyResult {
  /** The preset the audits ran with. */
  preset: Preset;
  repos: RepoSummary[];
  missing: string[];
  byRule: Record<string, Tally>;
  /** Per rule of byRule: the bar for `recommended` at the severity the rule ran with. */
  bar: Record<string, Bar>;
  bySeverity: Record<string, Tally>;
  total: Tally;
  unjudged: AuditedFinding[];
  /** Verdicts TP whose finding is no longer reported at all: recall regressions. */
  lostTP: VerdictRow[];
  /** Verdicts TP whose finding is now reported as info only: out of the default view. */
  demotedTP: VerdictRow[];
  /** Verdicts TP whose place is now listed among the related places of a finding of the same rule. */
  groupedTP: VerdictRow[];
  /** Verdicts FP or DEBATABLE whose finding is no longer reported: fixed (or moved) noise. */
  goneNonTP: number;
  /** Verdicts FP whose finding is still reported at error or warning: the noise left to fix. */
  stillFalse: VerdictRow[];
}

/** The folder a checkout of `owner/name` is expected in. */
export function checkoutName(repo: string): string {
  return repo.replace('/', '+');
}

export function readManifest(file: string): ManifestEntry[] {
  const data = JSON.parse(readFileSync(file, 'utf8')) as unknown;
  if (!Array.isArray(data)) throw new Error(`${file}: expected a JSON array of repositories`);
  for (const e of data as ManifestEntry[]) {
    if (typeof e?.repo !== 'string' || !/^[\w.-]+\/[\w.-]+$/.test(e.repo)) throw new Error(`${file}: bad repo ${JSON.stringify(e?.repo)}`);
    if (typeof e.commit !== 'string' || !/^[0-9a-f]{40}$/.test(e.commit)) throw new Error(`${file}: ${e.repo}: commit must be 40 hex digits`);
  }
  return data as ManifestEntry[];
}

/** RFC 4180: fields separated by commas, optionally quoted with "" for a quote; CRLF or LF rows. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  let i = 0;
  while (i < text.length) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i += 2;
        continue;
      }
      if (c === '"') quoted = false;
      else field += c;
      i++;
      continue;
    }
    if (c === '"' && field === '') quoted = true;
    else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += c;
    i++;
  }
  if (field !== '' || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  return rows.filter((r) => !(r.length === 1 && r[0] === ''));
}

export function readVerdicts(file: string, repo: string): VerdictRow[] {
  const rows = parseCsv(readFileSync(file, 'utf8'));
  const header = rows.shift();
  const expected = ['rule', 'file', 'line', 'verdict', 'reason'];
  if (!header || header.join(',') !== expected.join(',')) throw new Error(`${file}: header must be ${expected.join(',')}`);
  return rows.map((r, i) => {
    const [rule, f, line, verdict, reason] = r;
    const where = `${file}:${i + 2}`;
    if (r.length !== 5) throw new Error(`${where}: expected 5 fields, found ${r.length}`);
    if (!(VERDICTS as readonly string[]).includes(verdict!)) throw new Error(`${where}: verdict must be TP, FP or DEBATABLE`);
    const n = Number(line);
    if (!Number.isInteger(n) || n < 1) throw new Error(`${where}: line must be a positive integer`);
    return { repo, rule: rule!, file: f!, line: n, verdict: verdict as Verdict, reason: reason! };
  });
}

/**
 * The commit a checkout is at, read from .git without running git (a checkout's git config could run
 * programs). Handles a detached HEAD, loose refs and packed-refs; null when it cannot tell.
 */
export function checkedOutCommit(dir: string): string | null {
  const gitDir = path.join(dir, '.git');
  const read = (p: string): string | null => {
    try {
      return lstatSync(p).isFile() ? readFileSync(p, 'utf8') : null;
    } catch {
      return null;
    }
  };
  const head = read(path.join(gitDir, 'HEAD'))?.trim();
  if (!head) return null;
  if (/^[0-9a-f]{40}$/.test(head)) return head;
  const ref = /^ref: (refs\/[\w./-]+)$/.exec(head)?.[1];
  if (!ref || ref.includes('..')) return null;
  const loose = read(path.join(gitDir, ...ref.split('/')))?.trim();
  if (loose && /^[0-9a-f]{40}$/.test(loose)) return loose;
  for (const line of (read(path.join(gitDir, 'packed-refs')) ?? '').split('\n')) {
    const [sha, name] = line.split(' ');
    if (name === ref && sha && /^[0-9a-f]{40}$/.test(sha)) return sha;
  }
  return null;
}

/** The command-line flags that select a preset (the CLI's own --preset; the default run gives none). */
export function presetFlags(preset: Preset): string[] {
  return preset === 'recommended' ? [] : ['--preset', preset];
}

/** A config-free run of the CLI, in this process, JSON report: the default run unless `preset` says strict. */
export async function defaultRun(dir: string, preset: Preset = 'recommended'): Promise<Report> {
  let out = '';
  let err = '';
  const code = await runCli([dir, '--format', 'json', '--fail-on', 'never', '--no-progress', '--no-config', ...presetFlags(preset)], {
    stdout: (s) => {
      out += s;
    },
    stderr: (s) => {
      err += s;
    },
    isTTY: false,
    cwd: process.cwd(),
  });
  if (code !== 0) throw new Error(`audit of ${dir} exited ${code}: ${err.trim()}`);
  return JSON.parse(out) as Report;
}

export function findingKey(f: { repo: string; rule: string; file: string; line: number }): string {
  return `${f.repo}\u0000${f.rule}\u0000${f.file}\u0000${f.line}`;
}

/** The bar for `recommended` (issue 13) applied to one rule's tally at the severity it ran with. */
export function barFor(t: Tally, severity: 'error' | 'warning'): Bar {
  const needs = BAR_PRECISION[severity];
  // Judged but never decided (every verdict debatable): a user reads each one to dismiss it, so below.
  const status = t.judged < BAR_MIN_JUDGED ? 'not measured' : (t.precision ?? 0) >= needs ? 'meets' : 'below';
  return { severity, needs, status };
}

/** The severity a rule runs with under a preset, for the bar: null for ids that are no rule (tool diagnostics). */
export function ruleSeverityIn(preset: Preset): (rule: string) => 'error' | 'warning' | null {
  return (id) => {
    const rule = builtInRules.find((r) => r.id === id);
    if (!rule) return null;
    const s = presetSeverity(rule, preset);
    return s === 'error' || s === 'warning' ? s : null;
  };
}

/** Matches one run's findings (all repos) to the verdicts; pure, so the test can feed it directly. */
export function score(
  findings: AuditedFinding[],
  verdicts: VerdictRow[],
  repos: Omit<RepoSummary, 'errors' | 'warnings' | 'infos' | 'judged' | 'unjudged'>[],
  missing: string[] = [],
  preset: Preset = 'recommended',
  /** The severity a rule ran with; null or absent: the highest severity its findings had. */
  severityOf: (rule: string) => 'error' | 'warning' | null = () => null,
): AccuracyResult {
  const byKey = new Map<string, VerdictRow>();
  for (const v of verdicts) byKey.set(findingKey(v), v);
  const reported = new Set<string>();
  const byRule: Record<string, Tally> = {};
  const bySeverity: Record<string, Tally> = {};
  const total = emptyTally();
  const unjudged: AuditedFinding[] = [];
  const stillFalse: VerdictRow[] = [];
  const perRepo = new Map<string, RepoSummary>(repos.map((r) => [r.repo, { ...r, errors: 0, warnings: 0, infos: 0, judged: 0, unjudged: 0 }]));
  const anySeverity = new Set<string>();
  const listed = new Set<string>();
  const seenError = new Set<string>();
  for (const f of findings) {
    anySeverity.add(findingKey(f));
    for (const r of f.related ?? []) listed.add(findingKey({ repo: f.repo, rule: f.rule, file: r.file, line: r.line }));
    const summary = perRepo.get(f.repo);
    if (summary) {
      if (f.severity === 'error') summary.errors++;
      else if (f.severity === 'warning') summary.warnings++;
      else summary.infos++;
    }
    if (!(JUDGED_SEVERITIES as readonly string[]).includes(f.severity)) continue;
    const key = findingKey(f);
    reported.add(key);
    if (f.severity === 'error') seenError.add(f.rule);
    const rule = (byRule[f.rule] ??= emptyTally());
    const sev = (bySeverity[f.severity] ??= emptyTally());
    const v = byKey.get(key);
    for (const t of [rule, sev, total]) {
      if (v) {
        t.judged++;
        t[v.verdict]++;
      } else t.unjudged++;
    }
    if (v) {
      if (summary) summary.judged++;
      if (v.verdict === 'FP') stillFalse.push(v);
    } else {
      unjudged.push(f);
      if (summary) summary.unjudged++;
    }
  }
  const audited = new Set(repos.map((r) => r.repo));
  const gone = verdicts.filter((v) => audited.has(v.repo) && !reported.has(findingKey(v)));
  const sortRecord = (r: Record<string, Tally>) => Object.fromEntries(Object.entries(r).sort(([a], [b]) => a.localeCompare(b)).map(([k, t]) => [k, finish(t)]));
  const ruleTallies = sortRecord(byRule);
  const bar = Object.fromEntries(Object.entries(ruleTallies).map(([id, t]) => [id, barFor(t, severityOf(id) ?? (seenError.has(id) ? 'error' : 'warning'))]));
  return {
    preset,
    repos: [...perRepo.values()],
    missing,
    byRule: ruleTallies,
    bar,
    bySeverity: sortRecord(bySeverity),
    total: finish(total),
    unjudged,
    lostTP: gone.filter((v) => v.verdict === 'TP' && !anySeverity.has(findingKey(v)) && !listed.has(findingKey(v))),
    demotedTP: gone.filter((v) => v.verdict === 'TP' && anySeverity.has(findingKey(v))),
    groupedTP: gone.filter((v) => v.verdict === 'TP' && !anySeverity.has(findingKey(v)) && listed.has(findingKey(v))),
    goneNonTP: gone.filter((v) => v.verdict !== 'TP').length,
    stillFalse,
  };
}

export interface RunOptions {
  folder: string;
  manifest: string;
  verdictsDir: string;
  only?: string[];
  onRepo?: (repo: string, ms: number) => void;
  /** recommended (the default run) or strict (every rule on). */
  preset?: Preset;
  /** Runs one audit; the default is the CLI's config-free run at `preset`. */
  auditFolder?: (dir: string, preset: Preset) => Promise<Report>;
}

export async function runAccuracy(options: RunOptions): Promise<AccuracyResult> {
  const manifest = readManifest(options.manifest).filter((e) => !options.only?.length || options.only.includes(checkoutName(e.repo)));
  const auditFolder = options.auditFolder ?? defaultRun;
  const preset = options.preset ?? 'recommended';
  const findings: AuditedFinding[] = [];
  const verdicts: VerdictRow[] = [];
  const repos: Omit<RepoSummary, 'errors' | 'warnings' | 'infos' | 'judged' | 'unjudged'>[] = [];
  const missing: string[] = [];
  for (const entry of manifest) {
    const name = checkoutName(entry.repo);
    const dir = path.join(options.folder, name);
    if (!existsSync(dir) || !lstatSync(dir).isDirectory()) {
      missing.push(entry.repo);
      continue;
    }
    const verdictFile = path.join(options.verdictsDir, `${name}.csv`);
    if (existsSync(verdictFile)) verdicts.push(...readVerdicts(verdictFile, entry.repo));
    const t0 = performance.now();
    const report = await auditFolder(dir, preset);
    options.onRepo?.(entry.repo, performance.now() - t0);
    repos.push({ repo: entry.repo, commit: entry.commit, checkedOut: checkedOutCommit(dir) });
    for (const f of report.findings) {
      const related = (f as { related?: { file: string; line: number }[] }).related?.map((r) => ({ file: r.file, line: r.line }));
      findings.push({ repo: entry.repo, rule: f.ruleId, severity: f.severity, file: f.file, line: f.line, message: f.message, ...(related?.length ? { related } : {}) });
    }
  }
  return score(findings, verdicts, repos, missing, preset, ruleSeverityIn(preset));
}

const pct = (x: number | null) => (x === null ? '–' : x.toFixed(2));

function tallyRows(record: Record<string, Tally>): string[][] {
  return Object.entries(record).map(([k, t]) => [k, String(t.judged), String(t.TP), String(t.FP), String(t.DEBATABLE), pct(t.precision), pct(t.share), pct(t.lenient), String(t.unjudged)]);
}

/** Numbers right-aligned: every column but the first, unless `left` names it. */
function table(header: string[], rows: string[][], markdown: boolean, left: number[] = [0]): string {
  if (markdown) {
    const line = (cells: string[]) => `| ${cells.map((c) => c.replace(/\|/g, '\\|')).join(' | ')} |`;
    return [line(header), line(header.map((_, i) => (left.includes(i) ? '---' : '---:'))), ...rows.map(line)].join('\n');
  }
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) => cells.map((c, i) => (left.includes(i) ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ').trimEnd();
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
}

/** `lists: false` prints the counts of lost, grouped and demoted TP without listing them (a second table of the same verdicts). */
export function formatResult(r: AccuracyResult, opts: { markdown: boolean; unjudged: boolean; lists?: boolean }): string {
  const md = opts.markdown;
  const out: string[] = [];
  const head = (s: string) => out.push(md ? `\n#### ${s}\n` : `\n${s}`);
  const tallyHeader = ['', 'judged', 'TP', 'FP', 'DEBATABLE', 'precision', 'TP share', 'lenient', 'not judged'];
  const runName = r.preset === 'recommended' ? 'default run' : `${r.preset} preset`;
  // The bar columns: the severity the rule ran with, and meets / below / not measured at it.
  const barCells = (id: string) => {
    const b = r.bar[id];
    return b ? [b.severity, b.status === 'below' ? `below ${b.needs.toFixed(2)}` : b.status] : ['', ''];
  };
  head(`Per rule (errors and warnings of the ${runName})`);
  out.push(
    table(
      ['rule', ...tallyHeader.slice(1), 'severity', 'bar'],
      [...tallyRows(r.byRule).map((row) => [...row, ...barCells(row[0]!)]), [md ? '**all**' : 'all', ...tallyRows({ all: r.total })[0]!.slice(1), '', '']],
      md,
      [0, 9, 10],
    ),
  );
  line0(out, md, `precision = TP / (TP + FP); TP share = TP / judged. bar: precision ${BAR_PRECISION.warning.toFixed(2)} (${BAR_PRECISION.error.toFixed(2)} at error) over at least ${BAR_MIN_JUDGED} judged findings; fewer judged: not measured.`);
  head('Per severity');
  out.push(table(['severity', ...tallyHeader.slice(1)], tallyRows(r.bySeverity), md));
  head(`Per repository (${runName})`);
  out.push(
    table(
      ['repository', 'errors', 'warnings', 'errors+warnings', 'info', 'judged', 'not judged', 'checkout'],
      r.repos.map((s) => [
        s.repo,
        String(s.errors),
        String(s.warnings),
        String(s.errors + s.warnings),
        String(s.infos),
        String(s.judged),
        String(s.unjudged),
        s.checkedOut === null ? 'HEAD unknown' : s.checkedOut === s.commit ? 'HEAD = manifest' : `HEAD ${s.checkedOut.slice(0, 12)} ≠ manifest`,
      ]),
      md,
    ),
  );
  // Markdown: one bullet per line, items nested under it; text: items indented.
  const item = md ? '  - ' : '  ';
  const line = (s: string) => out.push(md ? `- ${s}` : s);
  out.push('');
  const lists = opts.lists ?? true;
  const listed = (title: string, rows: VerdictRow[]) => {
    line(`${title}: ${rows.length}`);
    if (lists) for (const v of rows) out.push(`${item}${v.repo} ${v.rule} ${v.file}:${v.line}`);
  };
  listed('lost TP (true findings in the verdicts no longer reported at their place, nor listed as a related place)', r.lostTP);
  listed('TP now listed as another place of a grouped finding', r.groupedTP);
  listed('TP now reported as info only', r.demotedTP);
  line(`verdicts FP/DEBATABLE no longer reported: ${r.goneNonTP}`);
  // Always listed: the false errors and warnings a user still sees, each with the judge's reason.
  line(`FP still reported at error or warning: ${r.stillFalse.length}`);
  for (const v of r.stillFalse) out.push(`${item}${v.repo} ${v.rule} ${v.file}:${v.line}  ${v.reason.slice(0, 160)}`);
  line(`errors and warnings not judged: ${r.unjudged.length}${r.unjudged.length && !opts.unjudged ? ' (list them with --unjudged)' : ''}`);
  if (opts.unjudged) for (const f of r.unjudged) out.push(`${item}${f.repo} ${f.severity} ${f.rule} ${f.file}:${f.line}  ${f.message.slice(0, 160)}`);
  if (r.missing.length) line(`missing checkouts (not audited): ${r.missing.map(checkoutName).join(', ')}`);
  return `${out.join('\n').trim()}\n`;
}

function line0(out: string[], md: boolean, s: string): void {
  out.push(md ? `\n${s}` : s);
}

export function formatCorpus(manifest: ManifestEntry[]): string {
  return table(
    ['repository', 'commit', 'monorepo', 'files', 'why'],
    manifest.map((e) => [`[${e.repo}](https://github.com/${e.repo})`, `\`${e.commit}\``, e.monorepo ? 'yes' : 'no', String(e.files), e.why]),
    true,
    [0, 1, 2, 4],
  );
}

/** The file of the evidence (tally.ts), committed beside the verdicts. */
export const EVIDENCE_FILE = 'evidence.json';

export function formatEvidence(r: AccuracyResult, commit: string): string {
  const rules: Evidence['rules'] = {};
  for (const id of Object.keys(r.byRule).sort()) {
    const t = r.byRule[id]!;
    rules[id] = { judged: t.judged, TP: t.TP, FP: t.FP, DEBATABLE: t.DEBATABLE, unjudged: t.unjudged };
  }
  const evidence: Evidence = { measuredWith: commit, repositories: r.repos.length, rules };
  return `${JSON.stringify(evidence, null, 2)}\n`;
}

/** The marked section of docs/accuracy.md that holds a preset's precision table. */
export function presetSection(preset: Preset): string {
  return preset === 'recommended' ? 'precision-table' : `precision-table-${preset}`;
}

function toolCommit(repoRoot: string): string {
  try {
    return execFileSync('git', ['rev-parse', '--short=12', 'HEAD'], { cwd: repoRoot, encoding: 'utf8' }).trim();
  } catch {
    return 'unknown';
  }
}

async function main(argv: string[]): Promise<number> {
  const here = path.dirname(fileURLToPath(import.meta.url));
  // dist/accuracy/run.js or accuracy/run.ts: the data sits in <repo>/accuracy either way.
  const dataDir = existsSync(path.join(here, 'manifest.json')) ? here : path.resolve(here, '..', '..', 'accuracy');
  let folder: string | undefined;
  let markdown = false;
  let json = false;
  let listUnjudged = false;
  let docs = false;
  let only: string[] = [];
  let preset: Preset = 'recommended';
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--markdown') markdown = true;
    else if (a === '--json') json = true;
    else if (a === '--unjudged') listUnjudged = true;
    else if (a === '--docs') docs = true;
    else if (a === '--only') only = (argv[++i] ?? '').split(',').filter(Boolean);
    else if (a === '--preset') {
      const p = argv[++i] ?? '';
      if (!(PRESETS as readonly string[]).includes(p)) throw new Error(`--preset must be one of ${PRESETS.join(', ')}, not ${JSON.stringify(p)}`);
      preset = p as Preset;
    }
    else if (a.startsWith('-')) throw new Error(`unknown option ${a}`);
    else folder = a;
  }
  if (!folder) {
    process.stderr.write('usage: npm run accuracy -- <folder of checkouts named owner+name> [--preset recommended|strict] [--markdown | --json | --docs] [--unjudged] [--only owner+name,...]\n');
    return 2;
  }
  if (!existsSync(folder) || !lstatSync(folder).isDirectory()) throw new Error(`${folder} is not a folder`);
  const result = await runAccuracy({
    folder: path.resolve(folder),
    manifest: path.join(dataDir, 'manifest.json'),
    verdictsDir: path.join(dataDir, 'verdicts'),
    only,
    preset,
    onRepo: (repo, ms) => process.stderr.write(`audited ${repo} in ${(ms / 1000).toFixed(1)} s\n`),
  });
  if (result.missing.length) process.stderr.write(`missing checkouts: ${result.missing.map(checkoutName).join(', ')}\n`);
  if (docs) {
    // Our own repository (trusted): its commit names the engine that produced the table.
    const repoRoot = path.resolve(dataDir, '..');
    const docFile = path.join(repoRoot, 'docs', 'accuracy.md');
    const stamp = `Measured on ${new Date().toISOString().slice(0, 10)} with twelve-factor-audit at commit \`${toolCommit(repoRoot)}\` (\`npm run accuracy -- <checkouts>${preset === 'recommended' ? '' : ` --preset ${preset}`} --docs\`).`;
    let doc = readFileSync(docFile, 'utf8');
    doc = replaceSection(doc, 'corpus-table', formatCorpus(readManifest(path.join(dataDir, 'manifest.json'))));
    // The default run's section lists the lost and grouped TP; the strict section only counts them.
    doc = replaceSection(doc, presetSection(preset), `${stamp}\n\n${formatResult(result, { markdown: true, unjudged: false, lists: preset === 'recommended' })}`);
    writeFileSync(docFile, doc);
    process.stderr.write(`wrote ${path.relative(process.cwd(), docFile)}\n`);
    // The strict run (every rule on) is the evidence the presets are held to (accuracy/presets.test.ts).
    if (preset === 'strict' && only.length === 0 && result.missing.length === 0) {
      const evidenceFile = path.join(dataDir, EVIDENCE_FILE);
      const evidence = formatEvidence(result, toolCommit(repoRoot));
      writeFileSync(evidenceFile, evidence);
      process.stderr.write(`wrote ${path.relative(process.cwd(), evidenceFile)}\n`);
      // Each rule page's measured line follows the evidence it was just given (rule-pages.ts).
      const pages = writeRulePages(repoRoot, builtInRules.map((r) => r.id), JSON.parse(evidence) as Evidence);
      process.stderr.write(`rewrote the measured line of ${pages.length} rule page(s)\n`);
    }
  }
  process.stdout.write(json ? `${JSON.stringify(listUnjudged ? result : { ...result, unjudged: result.unjudged.length }, null, 2)}\n` : formatResult(result, { markdown, unjudged: listUnjudged }));
  return 0;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (err: unknown) => {
      process.stderr.write(`accuracy: ${(err as Error).message}\n`);
      process.exitCode = 2;
    },
  );
}

