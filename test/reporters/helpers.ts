// Shared by the reporter tests: run the CLI in-process on a copy of a fixture app (a copy, so that no
// git repository around the checkout leaks into the report), and the validators every output goes
// through: the report's own JSON Schema, the official SARIF 2.1.0 schema.

import { cpSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { Ajv } from 'ajv';
import { expect } from 'vitest';
import { run } from '../../src/cli/main.js';

export const FIXTURES = path.resolve(import.meta.dirname, '__fixtures__');
export const SAMPLE_APP = path.join(FIXTURES, 'sample-app');
/** The fake token in sample-app/src/config.ts (valid checksum, written there in pieces): no output may contain it, nor a long piece of it. */
export const SAMPLE_SECRET = ['ghp_', 'Q7w2Rt9Yk3Lm8Np4Zx6Vb1Hc5Jd0Fs', '1HbRNY'].join('');

export function tempDir(prefix: string): string {
  return mkdtempSync(path.join(os.tmpdir(), `tfa-${prefix}-`));
}

/** A copy of a fixture app in a fresh temp folder named `name`. */
export function copyApp(source: string, name = path.basename(source)): string {
  const dir = path.join(tempDir('app'), name);
  cpSync(source, dir, { recursive: true });
  return dir;
}

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

export async function cli(args: string[], cwd: string): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  const code = await run(args, { stdout: (s) => (stdout += s), stderr: (s) => (stderr += s), isTTY: false, cwd });
  return { code, stdout, stderr };
}

/** A fake .git folder: HEAD on a branch (or detached), refs loose or packed. Never a real git. */
export function fakeGit(dir: string, opts: { branch?: string; commit: string; packed?: boolean; detached?: boolean }): void {
  const git = path.join(dir, '.git');
  mkdirSync(path.join(git, 'refs', 'heads'), { recursive: true });
  const branch = opts.branch ?? 'main';
  writeFileSync(path.join(git, 'HEAD'), opts.detached ? `${opts.commit}\n` : `ref: refs/heads/${branch}\n`);
  if (opts.packed) writeFileSync(path.join(git, 'packed-refs'), `# pack-refs with: peeled fully-peeled sorted\n${opts.commit} refs/heads/${branch}\n`);
  else {
    mkdirSync(path.dirname(path.join(git, 'refs', 'heads', branch)), { recursive: true });
    writeFileSync(path.join(git, 'refs', 'heads', branch), `${opts.commit}\n`);
  }
}

const require = createRequire(import.meta.url);
// Ajv with the draft-04 meta-schema (the SARIF schema's draft); same API as Ajv, CommonJS.
const AjvDraft04 = require('ajv-draft-04') as typeof Ajv;

let reportValidator: ReturnType<Ajv['compile']> | undefined;
export function expectValidReport(value: unknown): void {
  reportValidator ??= new Ajv({ allErrors: true, strict: true }).compile(JSON.parse(readFileSync(path.resolve(import.meta.dirname, '../../schemas/report.schema.json'), 'utf8')) as object);
  const ok = reportValidator(value);
  expect(reportValidator.errors ?? [], 'report schema errors').toEqual([]);
  expect(ok).toBe(true);
}

/** The official SARIF 2.1.0 schema (rtm.5, the one GitHub documents), as shipped by @microsoft/jest-sarif. */
export const SARIF_SCHEMA_FILE = require.resolve('@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json');

let sarifValidator: ReturnType<Ajv['compile']> | undefined;
export function expectValidSarif(value: unknown): void {
  if (!sarifValidator) {
    const schema = JSON.parse(readFileSync(SARIF_SCHEMA_FILE, 'utf8')) as Record<string, unknown>;
    // unicodeRegExp off: the schema's language pattern has a stray ']' that only non-unicode regexps accept.
    const ajv = new AjvDraft04({ allErrors: true, strict: false, unicodeRegExp: false });
    // The formats the SARIF schema uses, checked with the WHATWG URL parser (ajv-formats is not needed for three).
    ajv.addFormat('uri', (s: string) => /^[a-z][a-z0-9+.-]*:/i.test(s) && URL.canParse(s));
    ajv.addFormat('uri-reference', (s: string) => !/\s/.test(s) && URL.canParse(s, 'file:///base/'));
    ajv.addFormat('date-time', (s: string) => /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/.test(s) && !Number.isNaN(Date.parse(s)));
    sarifValidator = ajv.compile(schema);
  }
  const ok = sarifValidator(value);
  expect(sarifValidator.errors ?? [], 'SARIF schema errors').toEqual([]);
  expect(ok).toBe(true);
}
