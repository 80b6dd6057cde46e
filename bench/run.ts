// `npm run bench`: generates the synthetic monorepo at each size, measures the parsing floor and the
// audit (cold with 1 thread and with the default, cold with the cache being written, warm, one file
// changed with and without a change of its facts, --changed-since without a cache and with a cache
// restored onto another checkout path), prints a table and writes JSON. See benchTree.
//   node dist/bench/run.js [--sizes 1,50,200,800] [--repo <dir> [--edit <file in it>]] [--json bench/results.json] [--repeat <rounds>] [--quick] [--docs]
// Every run is a child process: wall time includes start-up, as a user sees it; each mode keeps its
// run of least CPU time over the interleaved rounds (the steadier figure on a shared machine).

import { execFileSync, spawnSync } from 'node:child_process';
import { appendFileSync, cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
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
  /** File of each --repo to edit in the edit modes (default: its first TS file under a src/ folder). */
  edit?: string;
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
    else if (a === '--edit') args.edit = next();
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

/**
 * The environment of a measured child: the bench's own, without NODE_EXTRA_CA_CERTS. A machine behind
 * a TLS proxy sets it, and Node then parses the whole CA bundle at start-up (~30 ms CPU per process
 * here, 20 % of a warm run's instructions): a cost of that machine, not of an audit, which opens no
 * connection. Every mode, the floor included, runs without it.
 */
const measuredEnv = (() => {
  const { NODE_EXTRA_CA_CERTS: _, ...rest } = process.env;
  return rest;
})();

/** One measured child process: wall time as the user waits, CPU time (all threads), peak RSS. */
function measureOnce(mode: 'floor' | 'audit', root: string, extra: string[]): Measured {
  const t0 = performance.now();
  const child = spawnSync(process.execPath, [measureJs, mode, root, ...extra], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, env: measuredEnv });
  const wall = performance.now() - t0;
  if (child.status !== 0) throw new Error(`${mode} ${extra.join(' ')} failed: ${child.stderr}`);
  const lines = child.stdout.trim().split('\n');
  const inner = JSON.parse(lines[lines.length - 1]!) as Measured;
  return { ...inner, innerMs: inner.ms, ms: wall };
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
  runs: Record<string, { ms: number; cpuMs: number; cpuRatioToFloor: number; cpuRatioToCold: number; filesPerS: number; mbPerS: number; maxRssMb: number; ratioToFloor: number; note?: string }>;
  reportsIdentical: boolean;
}

/**
 * Every mode of one tree, in rounds: each round runs every mode once, in the same order, from a
 * fresh cache, so that a load spike on the shared machine hits every mode alike; each mode keeps
 * its run of least CPU time. The tree must be a git work tree with a committed HEAD (the edit modes
 * commit their edit and reset it).
 *
 * - floor, cold-c1, cold-default, cold-cN: as before;
 * - cold-cache-write: cold with the cache written to a cache folder (`--cache-location <dir>/`);
 * - warm: nothing changed;
 * - one-file-changed: `editTarget` edited below its last line (a new export: its facts stay the same);
 * - one-file-changed-facts: a line inserted at the top of `editTarget` (every fact in it moves);
 * - one-file-changed-env-read: an env var read appended to `editTarget` (a new fact, on any tree);
 * - changed-since: `--changed-since HEAD~1` after committing that edit, without a cache (CI today);
 * - changed-since-restored: the same, on a copy of the tree at another path, with a copy of the
 *   cache folder written on the original (a CI cache restored onto another checkout path),
 *   `--cache-strategy content`.
 */
async function benchTree(name: string, root: string, rounds: number, editTarget: string | null, changedSince: boolean, quick: boolean): Promise<Row> {
  const inv = await inventory(root);
  const scratch = mkdtempSync(path.join(os.tmpdir(), 'tfa-bench-'));
  const cacheDir = path.join(scratch, 'cache') + path.sep;
  const reportDir = path.join(scratch, 'reports');
  mkdirSync(reportDir);
  const rep = (label: string) => ['--format', 'json', '--output', path.join(reportDir, `${label}.json`), '--fail-on', 'never', '--no-progress'];
  const cache = (dir = cacheDir) => ['--cache', '--cache-location', dir];
  const best: Record<string, Measured & { note?: string }> = {};
  const keep = (label: string, m: Measured, note?: string) => {
    process.stderr.write(`  ${name} ${label}: ${round(m.ms, 0)} ms wall, ${round(m.cpuMs, 0)} ms CPU, ${round(m.maxRssMb, 0)} MB\n`);
    if (!best[label] || m.cpuMs < best[label]!.cpuMs) best[label] = { ...m, ...(note ? { note } : {}) };
  };
  const cores = os.availableParallelism();
  const copyRoot = path.join(scratch, 'elsewhere', path.basename(root));
  for (let round = 0; round < rounds; round++) {
    keep('floor', measureOnce('floor', root, []));
    keep('cold-c1', measureOnce('audit', root, [...rep('c1'), '--concurrency', '1']));
    if (!quick || autoThreads(inv.files) > 1) keep('cold-default', measureOnce('audit', root, rep('default')), `auto = ${autoThreads(inv.files)} thread(s)`);
    if (cores > 1 && !quick) keep(`cold-c${cores}`, measureOnce('audit', root, [...rep(`c${cores}`), '--concurrency', String(cores)]));
    rmSync(cacheDir, { recursive: true, force: true });
    keep('cold-cache-write', measureOnce('audit', root, [...rep('cache-write'), ...cache()]));
    keep('warm', measureOnce('audit', root, [...rep('warm'), ...cache()]));
    if (!editTarget) continue;
    const abs = path.join(root, editTarget);
    const original = readFileSync(abs, 'utf8');
    // A copy of the cache as written by the cold run, for the restored-cache mode.
    const restored = path.join(scratch, 'restored') + path.sep;
    rmSync(restored, { recursive: true, force: true });
    cpSync(cacheDir, restored, { recursive: true });
    appendFileSync(abs, '\nexport const benchEdit = 1;\n');
    keep('one-file-changed', measureOnce('audit', root, [...rep('changed'), ...cache()]));
    writeFileSync(abs, `// bench edit\n${original}`);
    keep('one-file-changed-facts', measureOnce('audit', root, [...rep('changed-facts'), ...cache()]));
    writeFileSync(abs, `${original}\nexport const benchEnvRead = process.env.TFA_BENCH_EDIT;\n`);
    keep('one-file-changed-env-read', measureOnce('audit', root, [...rep('changed-env-read'), ...cache()]));
    writeFileSync(abs, original);
    if (changedSince) {
      // The same one-line edit as a commit on a copy of the tree at another path (another CI checkout).
      rmSync(path.dirname(copyRoot), { recursive: true, force: true });
      mkdirSync(path.dirname(copyRoot), { recursive: true });
      cpSync(root, copyRoot, { recursive: true });
      writeFileSync(path.join(copyRoot, editTarget), `// bench edit\n${original}`);
      git(copyRoot, 'commit', '-q', '-am', 'one file');
      keep('changed-since', measureOnce('audit', copyRoot, [...rep('changed-since'), '--changed-since', 'HEAD~1']));
      keep('changed-since-restored', measureOnce('audit', copyRoot, [...rep('changed-since-restored'), '--changed-since', 'HEAD~1', ...cache(restored), '--cache-strategy', 'content']));
    }
  }
  const runs: Row['runs'] = {};
  const floor = best.floor!;
  const cold = best['cold-c1']!;
  for (const [label, m] of Object.entries(best)) {
    runs[label] = {
      ms: round(m.ms, 0),
      cpuMs: round(m.cpuMs, 0),
      cpuRatioToFloor: round(m.cpuMs / floor.cpuMs, 2),
      cpuRatioToCold: round(m.cpuMs / cold.cpuMs, 2),
      filesPerS: round(inv.files / (m.ms / 1000), 0),
      mbPerS: round(inv.mb / (m.ms / 1000), 2),
      maxRssMb: round(m.maxRssMb, 0),
      ratioToFloor: round(m.ms / floor.ms, 2),
      ...(m.note ? { note: m.note } : {}),
    };
  }
  const ref = readFileSync(path.join(reportDir, 'c1.json'), 'utf8');
  const same = (a: string, b: string) => !existsSync(path.join(reportDir, `${a}.json`)) || readFileSync(path.join(reportDir, `${a}.json`), 'utf8') === (b === 'c1' ? ref : readFileSync(path.join(reportDir, `${b}.json`), 'utf8'));
  const identical = ['default', 'cache-write', 'warm'].every((l) => same(l, 'c1')) && same('changed-since-restored', 'changed-since');
  rmSync(scratch, { recursive: true, force: true });
  return { name, ...inv, runs, reportsIdentical: identical };
}

function autoThreads(files: number): number {
  // Mirrors resolveConcurrency('auto') for the note only; the audit decides for itself.
  const cores = os.availableParallelism();
  return cores < 3 ? 1 : Math.max(1, Math.min(cores, Math.floor(files / 400)));
}

function table(rows: Row[]): string {
  const labels = [...new Set(rows.flatMap((r) => Object.keys(r.runs)))];
  const lines = ['| tree | files | MB | run | wall ms | CPU ms | files/s | peak RSS MB | × floor (wall) | × floor (CPU) | × cold (CPU) |', '|---|---:|---:|---|---:|---:|---:|---:|---:|---:|---:|'];
  for (const r of rows) {
    for (const l of labels) {
      const m = r.runs[l];
      if (!m) continue;
      lines.push(`| ${r.name} | ${r.files} | ${r.mb} | ${l}${m.note ? ` (${m.note})` : ''} | ${m.ms} | ${m.cpuMs} | ${m.filesPerS} | ${m.maxRssMb} | ${m.ratioToFloor} | ${m.cpuRatioToFloor} | ${m.cpuRatioToCold} |`);
    }
  }
  lines.push('', '| tree | files by kind (files / MB) | reports identical (c1, default, cache, warm; changed-since with and without the restored cache) |', '|---|---|---|');
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
  rows.push(await benchTree(`synthetic ${size} svc`, root, size <= 50 ? Math.max(2, args.repeat) : args.repeat, corpus.editTarget, changedSince, args.quick));
  if (!args.keep) rmSync(root, { recursive: true, force: true });
}
for (const repo of args.repos) {
  // A copy: the edit modes edit and commit, and the checkout given may be read-only.
  const copy = path.join(mkdtempSync(path.join(os.tmpdir(), 'tfa-bench-repo-')), path.basename(repo));
  process.stderr.write(`copying ${repo} to ${copy}\n`);
  cpSync(repo, copy, { recursive: true });
  const { files } = await discover(copy);
  const target = args.edit ?? files.find((f) => f.kind === 'ts' && /(^|\/)src\//.test(f.path) && !/test|spec|__/.test(f.path))?.path ?? null;
  rows.push(await benchTree(path.basename(repo), copy, args.repeat, target, changedSince, args.quick));
  if (!args.keep) rmSync(path.dirname(copy), { recursive: true, force: true });
}

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
