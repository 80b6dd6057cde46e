// `npm run bench`: generates the synthetic monorepo at each size, measures the parsing floor and the
// audit (cold with 1 thread and with the default, cold with the cache being written, warm, one file
// changed, --changed-since when the CLI has it), prints a table and writes JSON.
//   node dist/bench/run.js [--sizes 1,50,200,800] [--repo <dir>] [--json bench/results.json] [--repeat 1]
// Every run is a child process: wall time includes start-up, as a user sees it.

import { execFileSync, spawnSync } from 'node:child_process';
import { appendFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { discover } from '../src/discovery/discover.js';
import { generate } from './generate.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const measureJs = path.join(here, 'measure.js');
const repoRoot = path.resolve(here, '..', '..');

interface Args {
  sizes: number[];
  repos: string[];
  json: string;
  repeat: number;
  keep: boolean;
  /** Rewrite the measured section of docs/performance.md. */
  docs: boolean;
  /** Skip cold-default when auto picks one thread (it is then cold-c1) and cold-cN. */
  quick: boolean;
}

function parseArgs(argv: string[]): Args {
  const args: Args = { sizes: [1, 50, 200, 800], repos: [], json: path.join(repoRoot, 'bench', 'results.json'), repeat: 1, keep: false, docs: false, quick: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    const next = () => argv[++i] ?? '';
    if (a === '--sizes') args.sizes = next().split(',').filter(Boolean).map(Number);
    else if (a === '--repo') args.repos.push(path.resolve(next()));
    else if (a === '--json') args.json = path.resolve(next());
    else if (a === '--repeat') args.repeat = Math.max(1, Number(next()));
    else if (a === '--keep') args.keep = true;
    else if (a === '--docs') args.docs = true;
    else if (a === '--quick') args.quick = true;
    else throw new Error(`unknown argument ${a}`);
  }
  return args;
}

interface Measured {
  ms: number;
  cpuMs: number;
  maxRssMb: number;
  [k: string]: unknown;
}

function measure(mode: 'floor' | 'audit', root: string, extra: string[], repeat: number): Measured {
  let best: Measured | null = null;
  for (let i = 0; i < repeat; i++) {
    const t0 = performance.now();
    const child = spawnSync(process.execPath, [measureJs, mode, root, ...extra], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
    const wall = performance.now() - t0;
    if (child.status !== 0) throw new Error(`${mode} ${extra.join(' ')} failed: ${child.stderr}`);
    const lines = child.stdout.trim().split('\n');
    const inner = JSON.parse(lines[lines.length - 1]!) as Measured;
    const m = { ...inner, innerMs: inner.ms, ms: wall };
    if (!best || m.ms < best.ms) best = m;
  }
  return best!;
}

function git(cwd: string, ...args: string[]): void {
  execFileSync('git', args, { cwd, stdio: 'ignore', env: { ...process.env, GIT_AUTHOR_NAME: 'bench', GIT_AUTHOR_EMAIL: 'bench@example.com', GIT_COMMITTER_NAME: 'bench', GIT_COMMITTER_EMAIL: 'bench@example.com', GIT_AUTHOR_DATE: '2026-01-01T00:00:00Z', GIT_COMMITTER_DATE: '2026-01-01T00:00:00Z' } });
}

function cliHas(flag: string): boolean {
  const help = spawnSync(process.execPath, [path.join(repoRoot, 'bin', 'twelve-factor-audit.js'), '--help'], { encoding: 'utf8' });
  return help.stdout.includes(flag);
}

async function inventory(root: string): Promise<{ files: number; mb: number; byKind: Record<string, { files: number; mb: number }> }> {
  const { files } = await discover(root);
  const byKind: Record<string, { files: number; mb: number }> = {};
  let bytes = 0;
  for (const f of files) {
    const k = (byKind[f.kind] ??= { files: 0, mb: 0 });
    k.files++;
    k.mb += f.size / 1e6;
    bytes += f.size;
  }
  for (const k of Object.values(byKind)) k.mb = round(k.mb, 2);
  return { files: files.length, mb: round(bytes / 1e6, 2), byKind };
}

const round = (n: number, d = 1) => Math.round(n * 10 ** d) / 10 ** d;

interface Row {
  name: string;
  files: number;
  mb: number;
  byKind: Record<string, { files: number; mb: number }>;
  runs: Record<string, { ms: number; cpuMs: number; cpuRatioToFloor: number; filesPerS: number; mbPerS: number; maxRssMb: number; ratioToFloor: number; note?: string }>;
  reportsIdentical: boolean;
}

async function benchTree(name: string, root: string, repeat: number, editTarget: string | null, changedSince: boolean, quick: boolean): Promise<Row> {
  const inv = await inventory(root);
  const cacheFile = path.join(mkdtempSync(path.join(os.tmpdir(), 'tfa-bench-cache-')), 'cache.json');
  const reportDir = mkdtempSync(path.join(os.tmpdir(), 'tfa-bench-report-'));
  const rep = (label: string) => ['--format', 'json', '--output', path.join(reportDir, `${label}.json`), '--fail-on', 'never', '--no-progress'];
  const runs: Row['runs'] = {};
  const record = (label: string, m: Measured, note?: string) => {
    const floorMs = runs.floor?.ms ?? m.ms;
    const floorCpu = runs.floor?.cpuMs ?? m.cpuMs;
    runs[label] = {
      ms: round(m.ms, 0),
      cpuMs: round(m.cpuMs, 0),
      cpuRatioToFloor: round(m.cpuMs / floorCpu, 2),
      filesPerS: round(inv.files / (m.ms / 1000), 0),
      mbPerS: round(inv.mb / (m.ms / 1000), 2),
      maxRssMb: round(m.maxRssMb, 0),
      ratioToFloor: round(m.ms / floorMs, 2),
      ...(note ? { note } : {}),
    };
    process.stderr.write(`  ${name} ${label}: ${round(m.ms, 0)} ms wall, ${round(m.cpuMs, 0)} ms CPU, ${round(m.maxRssMb, 0)} MB\n`);
  };
  record('floor', measure('floor', root, [], repeat));
  record('cold-c1', measure('audit', root, [...rep('c1'), '--concurrency', '1'], repeat));
  const cores = os.availableParallelism();
  if (quick && autoThreads(inv.files) === 1) writeFileSync(path.join(reportDir, 'default.json'), readFileSync(path.join(reportDir, 'c1.json')));
  else record('cold-default', measure('audit', root, rep('default'), repeat), `auto = ${autoThreads(inv.files)} thread(s)`);
  if (cores > 1 && !quick) record(`cold-c${cores}`, measure('audit', root, [...rep(`c${cores}`), '--concurrency', String(cores)], repeat));
  rmSync(cacheFile, { force: true });
  record('cold-cache-write', measure('audit', root, [...rep('cache-write'), '--cache', '--cache-location', cacheFile], 1));
  record('warm', measure('audit', root, [...rep('warm'), '--cache', '--cache-location', cacheFile], repeat));
  if (editTarget) {
    const abs = path.join(root, editTarget);
    const original = readFileSync(abs, 'utf8');
    appendFileSync(abs, '\nexport const benchEdit = 1;\n');
    record('one-file-changed', measure('audit', root, [...rep('changed'), '--cache', '--cache-location', cacheFile], 1));
    if (changedSince) {
      git(root, 'commit', '-q', '-am', 'one file');
      record('changed-since', measure('audit', root, [...rep('changed-since'), '--changed-since', 'HEAD~1'], repeat));
      git(root, 'reset', '-q', '--hard', 'HEAD~1');
    }
    writeFileSync(abs, original);
  }
  const ref = readFileSync(path.join(reportDir, 'c1.json'), 'utf8');
  const identical = ['default', 'cache-write', 'warm'].every((l) => readFileSync(path.join(reportDir, `${l}.json`), 'utf8') === ref);
  rmSync(reportDir, { recursive: true, force: true });
  rmSync(path.dirname(cacheFile), { recursive: true, force: true });
  return { name, ...inv, runs, reportsIdentical: identical };
}

function autoThreads(files: number): number {
  // Mirrors resolveConcurrency('auto') for the note only; the audit decides for itself.
  const cores = os.availableParallelism();
  return cores < 3 ? 1 : Math.max(1, Math.min(cores, Math.floor(files / 400)));
}

function table(rows: Row[]): string {
  const labels = [...new Set(rows.flatMap((r) => Object.keys(r.runs)))];
  const lines = ['| tree | files | MB | run | wall ms | CPU ms | files/s | MB/s | peak RSS MB | × floor (wall) | × floor (CPU) |', '|---|---:|---:|---|---:|---:|---:|---:|---:|---:|---:|'];
  for (const r of rows) {
    for (const l of labels) {
      const m = r.runs[l];
      if (!m) continue;
      lines.push(`| ${r.name} | ${r.files} | ${r.mb} | ${l}${m.note ? ` (${m.note})` : ''} | ${m.ms} | ${m.cpuMs} | ${m.filesPerS} | ${m.mbPerS} | ${m.maxRssMb} | ${m.ratioToFloor} | ${m.cpuRatioToFloor} |`);
    }
  }
  lines.push('', '| tree | files by kind (files / MB) | reports identical (c1, default, cache, warm) |', '|---|---|---|');
  for (const r of rows) lines.push(`| ${r.name} | ${Object.entries(r.byKind).sort().map(([k, v]) => `${k} ${v.files} / ${v.mb}`).join(', ')} | ${r.reportsIdentical ? 'yes' : '**no**'} |`);
  return lines.join('\n');
}

const args = parseArgs(process.argv.slice(2));
const changedSince = cliHas('--changed-since');
const rows: Row[] = [];
for (const size of args.sizes) {
  const root = mkdtempSync(path.join(os.tmpdir(), `tfa-bench-${size}-`));
  process.stderr.write(`generating ${size} service(s) in ${root}\n`);
  const corpus = generate(root, size);
  git(root, 'init', '-q');
  git(root, 'add', '-A');
  git(root, 'commit', '-q', '-m', 'synthetic monorepo');
  rows.push(await benchTree(`synthetic ${size} svc`, root, size <= 50 ? Math.max(3, args.repeat) : args.repeat, corpus.editTarget, changedSince, args.quick));
  if (!args.keep) rmSync(root, { recursive: true, force: true });
}
for (const repo of args.repos) rows.push(await benchTree(path.basename(repo), repo, args.repeat, null, false, args.quick));

const machine = { nproc: os.availableParallelism(), cpu: os.cpus()[0]?.model ?? 'unknown', node: process.version, platform: `${os.platform()} ${os.release()}`, date: new Date().toISOString(), loadAverage: os.loadavg().map((l) => round(l, 1)) };
const text = `${table(rows)}\n\nMachine: ${machine.nproc} cores, ${machine.cpu}, Node ${machine.node}, ${machine.platform}; load average at the end ${machine.loadAverage.join(' ')}. --changed-since: ${changedSince ? 'measured' : 'not measured (the CLI has no --changed-since yet)'}.\n`;
process.stdout.write(text);
writeFileSync(args.json, `${JSON.stringify({ machine, changedSince, rows }, null, 2)}\n`);
process.stderr.write(`wrote ${args.json}\n`);
if (args.docs) {
  const docsPath = path.join(repoRoot, 'docs', 'performance.md');
  const doc = readFileSync(docsPath, 'utf8');
  const start = '<!-- bench:start -->';
  const end = '<!-- bench:end -->';
  const i = doc.indexOf(start);
  const j = doc.indexOf(end);
  if (i === -1 || j < i) throw new Error(`${docsPath} has no ${start} ... ${end} section`);
  writeFileSync(docsPath, `${doc.slice(0, i + start.length)}\n${text}${doc.slice(j)}`);
  process.stderr.write(`updated ${docsPath}\n`);
}
