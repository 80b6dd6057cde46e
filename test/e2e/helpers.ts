import path from 'node:path';
import { run } from '../../src/cli/main.js';
import { expectValidReport } from '../reporters/helpers.js';
import type { Report } from '../../src/reporters/report.js';

export const ROOT = path.resolve(import.meta.dirname, '..', '..');
export const VIOLATING_APP = path.join(ROOT, 'fixtures', 'apps', 'violating-app');
export const COMPLIANT_APP = path.join(ROOT, 'fixtures', 'apps', 'compliant-app');

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the CLI in-process, as `twelve-factor-audit ...args` from `cwd`. */
export async function cli(args: string[], cwd = ROOT, isTTY = false): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  const code = await run(args, {
    stdout: (s) => {
      stdout += s;
    },
    stderr: (s) => {
      stderr += s;
    },
    isTTY,
    cwd,
  });
  return { code, stdout, stderr };
}

/** Parses a JSON report and validates it against schemas/report.schema.json (every JSON output is). */
export function parseReport(text: string): Report {
  const report = JSON.parse(text) as unknown;
  expectValidReport(report);
  return report as Report;
}
