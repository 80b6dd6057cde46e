// Shared by the hostile-input, secrets and safety suites: run the CLI in-process and capture what it
// prints, make temporary trees, a seeded random generator (failures must reproduce), and checks that
// every run must pass whatever the input.

import { mkdtempSync, rmSync } from 'node:fs';
import { afterAll } from 'vitest';
import os from 'node:os';
import path from 'node:path';
import { run } from '../../src/cli/main.js';
import { FORMAT_NAMES } from '../../src/cli/formats.js';

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
  ms: number;
}

export async function runCli(argv: string[], cwd = process.cwd()): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  const started = performance.now();
  const code = await run(argv, {
    stdout: (s) => {
      stdout += s;
    },
    stderr: (s) => {
      stderr += s;
    },
    isTTY: false,
    cwd,
  });
  return { code, stdout, stderr, ms: performance.now() - started };
}

/** The `--format` choices the CLI offers (its own list, so that new formats are covered). */
export async function cliFormats(): Promise<string[]> {
  const formats = [...FORMAT_NAMES];
  // The list must be the one the CLI really accepts: each name is offered in the help.
  const help = (await runCli(['--help'])).stdout;
  for (const f of formats) if (!help.includes(f)) throw new Error(`format ${f} is not in the CLI help`);
  return formats;
}

/** Long option names the CLI offers (`--output`, `--baseline`...), from its help. */
export async function cliFlags(): Promise<Set<string>> {
  const help = (await runCli(['--help'])).stdout;
  return new Set([...help.matchAll(/(?:^|\s)--([a-z][a-z-]*)/g)].map((m) => m[1]!));
}

export function tempDir(prefix: string): string {
  return mkdtempSync(path.join(os.tmpdir(), `tfa-${prefix}-`));
}

export function removeDir(dir: string): void {
  rmSync(dir, { recursive: true, force: true, maxRetries: 3 });
}

/** A temp-dir maker for one test file: every folder it made is removed after the file's tests. */
export function tempDirs(): (prefix: string) => string {
  const made: string[] = [];
  afterAll(() => made.forEach(removeDir));
  return (prefix) => {
    const d = tempDir(prefix);
    made.push(d);
    return d;
  };
}

/** Seeded generator (mulberry32, shared with the bench): the same seed gives the same hostile files on every machine. */
export { rng as seededRandom } from '../../bench/generate.js';

export function randomBytes(rand: () => number, length: number, options: { noNul?: boolean } = {}): Buffer {
  const out = Buffer.alloc(length);
  for (let i = 0; i < length; i++) {
    let b = Math.floor(rand() * 256);
    if (options.noNul && b === 0) b = 1;
    out[i] = b;
  }
  return out;
}

/** Node's and V8's stack-trace lines: `    at fn (file:1:2)`. */
export const STACK_TRACE = /^\s+at .+(?:\(.*:\d+:\d+\)|:\d+:\d+)$/m;

export interface JsonFinding {
  ruleId: string;
  severity: string;
  message: string;
  file: string;
  line: number;
  column: number;
  evidence?: string;
}

export interface JsonReport {
  findings: JsonFinding[];
  summary: { filesScanned: number };
}

/**
 * What every run must satisfy whatever it was given: exit 0 or 1, a JSON report that parses, no
 * stack trace, no internal error, no rule crash, every path relative and inside the root. Returns
 * the problems found (empty when the run is sound).
 */
export function soundnessProblems(result: CliRun): { problems: string[]; report: JsonReport | null } {
  const problems: string[] = [];
  if (result.code !== 0 && result.code !== 1) problems.push(`exit code ${result.code}: ${result.stderr.trim()}`);
  if (STACK_TRACE.test(result.stdout) || STACK_TRACE.test(result.stderr)) problems.push('printed a stack trace');
  if (/internal error/i.test(result.stderr)) problems.push(`internal error: ${result.stderr.trim()}`);
  let report: JsonReport | null = null;
  try {
    report = JSON.parse(result.stdout) as JsonReport;
  } catch {
    problems.push(`stdout is not a JSON report: ${result.stdout.slice(0, 200)}`);
  }
  for (const f of report?.findings ?? []) {
    if (f.ruleId === 'rule-error') problems.push(`rule crash on ${f.file}: ${f.message}`);
    if (!isRelativeInside(f.file)) problems.push(`path not relative to the root: ${f.file}`);
  }
  return { problems, report };
}

export function isRelativeInside(file: string): boolean {
  if (file === '.') return true;
  // A backslash is an ordinary character in a POSIX file name; `..` segments and absolute paths are not allowed.
  return !path.isAbsolute(file) && !/^[A-Za-z]:[\\/]/.test(file) && !file.split('/').includes('..');
}
