// Secret redaction everywhere: a tree with a live-looking credential of every supported format,
// planted in every file kind the audit reads (and in files that fail to parse), is audited in every
// --format the CLI offers, to stdout and to --output files, with and without --debug. No output may
// hold a secret whole, nor any 8-character window of its random part: evidence keeps at most a
// 4-character prefix and the length.

import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KNOWN_FORMATS, redact } from '../../src/secrets/detect.js';
import { cliFlags, cliFormats, removeDir, runCli, tempDir, type JsonReport } from '../hostile/helpers.js';
import { leakedWindows, tokenFactory, type PlantedSecret } from './tokens.js';

let dir = '';
let outDir = '';
const planted: PlantedSecret[] = [];

function write(rel: string, content: string): void {
  const abs = path.join(dir, rel);
  mkdirSync(path.dirname(abs), { recursive: true });
  writeFileSync(abs, content);
}

/** Every place a credential can be written, for one secret; `i` keeps names unique. */
function plant(s: PlantedSecret, i: number, files: Record<string, string[]>): void {
  const oneLine = !s.value.includes('\n');
  const add = (file: string, line: string) => (files[file] ??= []).push(line);
  add('src/config.ts', `export const apiToken${i} = \`${s.value}\`;`);
  add('src/client.test.ts', `const fixtureToken${i} = \`${s.value}\`;`);
  if (oneLine) {
    add('.env', `SERVICE_TOKEN_${i}=${s.value}`);
    add('compose.yaml', `      - SERVICE_TOKEN_${i}=${s.value}`);
    add('k8s/deployment.yaml', `            - name: SERVICE_TOKEN_${i}\n              value: "${s.value}"`);
    add('Dockerfile', `ENV SERVICE_TOKEN_${i}=${s.value}\nRUN curl -fsS -H "Authorization: Bearer ${s.value}" https://registry.invalid/${i}`);
    add('package.json', `"deploy${i}": "curl -H 'Authorization: ${s.value}' https://x.invalid"`);
    add('config/settings.json', `"token${i}": "${s.value}"`);
    add('scripts/deploy.sh', `export TOKEN_${i}="${s.value}"`);
    add('Procfile', `worker${i}: TOKEN=${s.value} node worker.js`);
    // Broken files: the parser's error message must not quote the secret either.
    add('config/broken.yaml', `token${i}: "${s.value}" : [ {`);
    add('config/broken.json', `{"token${i}": "${s.value}", `);
    // Under a secret-like name: a `named` secret is a secret only by its name.
    add('src/broken.ts', `const token${i} = "${s.value}" +* ;`);
  }
}

beforeAll(() => {
  dir = tempDir('redaction');
  outDir = tempDir('redaction-out');
  const tokens = tokenFactory(0x5ec2e7);
  planted.push(...tokens.all(), tokens.all()[0]!, tokens.urlPassword(), tokens.authHeader(), tokens.named(), tokens.named(40));
  const files: Record<string, string[]> = {};
  planted.forEach((s, i) => plant(s, i, files));
  const named = planted.filter((s) => s.format === 'named');
  named.forEach((s, i) => {
    (files['src/config.ts'] ??= []).push(`export const dbPassword${i} = "${s.value}";`);
    (files['.env'] ??= []).push(`DB_PASSWORD_${i}=${s.value}`);
  });
  write('src/config.ts', `${files['src/config.ts']!.join('\n')}\n`);
  write('src/client.test.ts', `${files['src/client.test.ts']!.join('\n')}\n`);
  write('.env', `${files['.env']!.join('\n')}\n`);
  write('compose.yaml', `services:\n  web:\n    build: .\n    environment:\n${files['compose.yaml']!.join('\n')}\n`);
  write('k8s/deployment.yaml', `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  template:\n    spec:\n      containers:\n        - name: web\n          image: registry.invalid/web@sha256:${'c'.repeat(64)}\n          env:\n${files['k8s/deployment.yaml']!.join('\n')}\n`);
  write('Dockerfile', `FROM node:20.11.1-alpine@sha256:${'d'.repeat(64)}\n${files.Dockerfile!.join('\n')}\nCMD ["node", "server.js"]\n`);
  write('package.json', `{"name": "planted", "private": true, "scripts": {${files['package.json']!.join(', ')}}}\n`);
  write('package-lock.json', '{"name": "planted", "lockfileVersion": 3, "packages": {}}\n');
  write('config/settings.json', `{${files['config/settings.json']!.join(', ')}}\n`);
  write('scripts/deploy.sh', `#!/bin/sh\n${files['scripts/deploy.sh']!.join('\n')}\n`);
  write('Procfile', `${files.Procfile!.join('\n')}\n`);
  write('config/broken.yaml', `${files['config/broken.yaml']!.join('\n')}\n`);
  write('config/broken.json', `${files['config/broken.json']!.join('\n')}\n`);
  write('src/broken.ts', `${files['src/broken.ts']!.join('\n')}\n`);
});

afterAll(() => {
  // KEEP_REDACTION_TREE=1 keeps the planted tree to debug a leak.
  if (process.env.KEEP_REDACTION_TREE) console.log(`kept ${dir}`);
  else removeDir(dir);
  removeDir(outDir);
});

function leaks(text: string, where: string): string[] {
  const out: string[] = [];
  for (const s of planted) {
    if (text.includes(s.value)) out.push(`${where}: ${s.format} printed whole`);
    const windows = leakedWindows(text, s);
    if (windows.length > 0) out.push(`${where}: ${s.format} partly printed (${windows.slice(0, 3).join(', ')})`);
  }
  return out;
}

describe('secret redaction', () => {
  it('plants a generator-built credential for every known format', () => {
    const formats = new Set(planted.map((s) => s.format));
    for (const f of KNOWN_FORMATS) expect(formats.has(f.id), f.id).toBe(true);
  });

  it('finds every planted format (so that the evidence path is exercised) and redacts evidence to a 4-character prefix and the length', async () => {
    const result = await runCli([dir, '--format', 'json']);
    const report = JSON.parse(result.stdout) as JsonReport;
    const secretFindings = report.findings.filter((f) => f.ruleId === 'config/hardcoded-secret');
    const missing = planted.filter((s) => !secretFindings.some((f) => f.evidence === redact(s.format === 'private-key' ? s.value.split('\n')[0]! : s.format === 'url-password' || s.format === 'auth-header' ? s.secretPart : s.value)));
    expect(missing.map((s) => s.format)).toEqual([]);
    for (const f of secretFindings) expect(f.evidence, f.message).toMatch(/^.{0,4}… \(\d+ chars\)$/s);
  });

  it('no output holds a planted secret: every format, stdout and --output, with and without --debug', async () => {
    const formats = await cliFormats();
    expect(formats).toContain('json');
    expect(formats).toContain('stylish');
    const problems: string[] = [];
    let runs = 0;
    for (const format of formats) {
      for (const extra of [[], ['--debug'], ['--quiet'], ['--color']]) {
        const where = `--format ${format} ${extra.join(' ')}`.trim();
        const r = await runCli([dir, '--format', format, ...extra]);
        runs++;
        if (r.code !== 1) problems.push(`${where}: exit ${r.code} (${r.stderr.trim()})`);
        problems.push(...leaks(r.stdout, `${where} stdout`), ...leaks(r.stderr, `${where} stderr`));
        const file = path.join(outDir, `report-${format}${extra.join('')}.out`);
        const w = await runCli([dir, '--format', format, '--output', file, ...extra]);
        runs++;
        problems.push(...leaks(readFileSync(file, 'utf8'), `${where} --output`), ...leaks(w.stdout + w.stderr, `${where} --output console`));
      }
    }
    // Any other file the CLI wrote beside the reports (temp files, caches) is checked too.
    for (const name of readdirSync(outDir)) problems.push(...leaks(readFileSync(path.join(outDir, name), 'utf8'), `written file ${name}`));
    expect(problems).toEqual([]);
    expect(runs).toBe(formats.length * 8);
  }, 300_000);

  it('flags that write state (baseline, cache) never store a planted secret', async () => {
    const flags = await cliFlags();
    const problems: string[] = [];
    // Flags taking a file path, by the names issue 7 and 8 give them; each one that exists is run.
    const stateFlags = ['write-baseline', 'baseline', 'cache-location', 'cache-file'].filter((f) => flags.has(f));
    for (const flag of stateFlags) {
      const target = path.join(outDir, `state-${flag}`);
      const r = await runCli([dir, '--format', 'json', `--${flag}`, target, ...(flag.startsWith('cache') && flags.has('cache') ? ['--cache'] : [])]);
      problems.push(...leaks(r.stdout + r.stderr, `--${flag} console`));
    }
    if (flags.has('cache')) await runCli([dir, '--format', 'json', '--cache']);
    // Whatever was written, in the output folder or in the scanned tree (a cache file, a baseline).
    const scan = (root: string) => {
      for (const e of readdirSync(root, { withFileTypes: true, recursive: true })) {
        if (!e.isFile()) continue;
        const abs = path.join(e.parentPath, e.name);
        if (abs.startsWith(dir) && !/baseline|cache|twelve-factor/i.test(abs)) continue;
        problems.push(...leaks(readFileSync(abs, 'utf8'), `state file ${path.relative(root, abs)}`));
      }
    };
    scan(outDir);
    scan(dir);
    expect(problems).toEqual([]);
  }, 120_000);
});
