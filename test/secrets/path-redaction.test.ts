// A credential as a file or folder name: reports print repository paths, so a tree with
// `config/ghp_….json` would put the whole token in every output. Paths (and the messages that embed
// them, the audited folder's name, the baseline) print a known token format redacted, as evidence
// does: a 4-character prefix and the length. Planted here as file names, folder names and the audited
// folder itself, each file with a real finding inside so that its path is printed, and audited in
// every --format, to stdout and to --output, with --badge and with a written and an applied baseline.

import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { redact, redactKnownTokens } from '../../src/secrets/detect.js';
import { cliFormats, removeDir, runCli, tempDir, type JsonReport } from '../hostile/helpers.js';
import { leakedWindows, tokenFactory, type PlantedSecret } from './tokens.js';

const tokens = tokenFactory(0x9a7e);
const github = tokens.byFormat['github-token']!();
const aws = tokens.byFormat['aws-access-key-id']!();
const awsJoined = tokens.byFormat['aws-access-key-id']!();
const rootToken = tokens.byFormat['github-token']!();
/** Path tokens; the credential inside config/<github>.json is a finding of its own, redacted as evidence. */
const planted: PlantedSecret[] = [github, aws, awsJoined, rootToken];

let base = '';
let dir = '';
let outDir = '';

/** The planted files, relative to the audited folder, and the finding each must give. */
const FILES = (): Array<{ rel: string; content: string; ruleId: RegExp }> => [
  { rel: `config/${github.value}.json`, content: `{"apiToken": "${tokens.byFormat['stripe-live-key']!().value}"}\n`, ruleId: /secret/ },
  { rel: `ops/${aws.value}/Dockerfile`, content: 'FROM node:latest\nCMD ["node", "server.js"]\n', ruleId: /image/ },
  { rel: `keys/backup_${awsJoined.value}.env`, content: `DB_PASSWORD=${tokens.byFormat['npm-token']!().value}\n`, ruleId: /secret/ },
];

beforeAll(() => {
  base = tempDir('path-redaction');
  dir = path.join(base, `svc-${rootToken.value}`);
  outDir = tempDir('path-redaction-out');
  for (const f of FILES()) {
    mkdirSync(path.dirname(path.join(dir, f.rel)), { recursive: true });
    writeFileSync(path.join(dir, f.rel), f.content);
  }
});

afterAll(() => {
  removeDir(base);
  removeDir(outDir);
});

function leaks(text: string, where: string): string[] {
  const out: string[] = [];
  for (const s of planted) {
    if (text.includes(s.value)) out.push(`${where}: ${s.format} ${s.value.slice(0, 4)}… printed whole`);
    const windows = leakedWindows(text, s);
    if (windows.length > 0) out.push(`${where}: ${s.format} partly printed (${windows.slice(0, 3).join(', ')})`);
  }
  return out;
}

describe('secrets in paths', () => {
  it('redactKnownTokens changes known formats only, deterministically and once', () => {
    expect(redactKnownTokens(`config/${github.value}.json`)).toBe(`config/${redact(github.value)}.json`);
    expect(redactKnownTokens(`keys/backup_${aws.value}_old.env`)).toBe(`keys/backup_${redact(aws.value)}_old.env`);
    const once = redactKnownTokens(`a/${github.value}/b/${aws.value}`);
    expect(redactKnownTokens(once)).toBe(once);
    // Ordinary names, long random-looking ones included, are never changed: no entropy guessing.
    for (const p of ['src/index.ts', 'assets/3f9a1c7e5b2d4a6f8e0c1b3d5f7a9e2c.png', 'node_modules/.cache/ghp_notes.md', 'docs/AKIA-keys.md', 'keys/AKIAIOSFODNN7EXAMPLE.env']) {
      expect(redactKnownTokens(p)).toBe(p);
    }
  });

  it('each planted path is reported, redacted', async () => {
    const report = JSON.parse((await runCli([dir, '--format', 'json'])).stdout) as JsonReport & { target: { name: string } };
    for (const f of FILES()) {
      const shown = redactKnownTokens(f.rel);
      expect(shown).not.toBe(f.rel);
      expect(report.findings.filter((x) => x.file === shown && f.ruleId.test(x.ruleId)).map((x) => x.ruleId), shown).not.toEqual([]);
    }
    expect(report.target.name).toBe(`svc-${redact(rootToken.value)}`);
  });

  it('no output holds a token of a path: every format, stdout and --output, badge, baseline', async () => {
    const formats = await cliFormats();
    const problems: string[] = [];
    for (const format of formats) {
      for (const extra of [[], ['--debug']]) {
        const where = `--format ${format} ${extra.join(' ')}`.trim();
        const r = await runCli([dir, '--format', format, ...extra]);
        if (r.code !== 0 && r.code !== 1) problems.push(`${where}: exit ${r.code} (${r.stderr.trim()})`);
        problems.push(...leaks(r.stdout, `${where} stdout`), ...leaks(r.stderr, `${where} stderr`));
        const file = path.join(outDir, `report-${format}${extra.join('')}.out`);
        const w = await runCli([dir, '--format', format, '--output', file, ...extra]);
        problems.push(...leaks(w.stdout + w.stderr, `${where} --output console`));
      }
    }
    const baseline = path.join(outDir, 'baseline.json');
    const written = await runCli([dir, '--format', 'json', '--write-baseline', baseline, '--badge', path.join(outDir, 'badge.svg')]);
    problems.push(...leaks(written.stdout + written.stderr, '--write-baseline console'));
    // Matching uses the redacted path: the baseline written above hides every rule finding.
    const applied = await runCli([dir, '--format', 'json', '--baseline', baseline]);
    problems.push(...leaks(applied.stdout + applied.stderr, '--baseline console'));
    const left = (JSON.parse(applied.stdout) as JsonReport).findings.filter((f) => f.ruleId.includes('/') && FILES().some((x) => redactKnownTokens(x.rel) === f.file));
    expect(left).toEqual([]);
    expect(readFileSync(baseline, 'utf8')).toContain(redact(github.value));
    for (const name of readdirSync(outDir)) problems.push(...leaks(readFileSync(path.join(outDir, name), 'utf8'), `written file ${name}`));
    expect(readdirSync(outDir).length).toBe(formats.length * 2 + 2);
    expect(problems).toEqual([]);
  }, 300_000);
});

describe('secrets in paths: the cache', () => {
  it('the cache file holds no token of a path (such files are analysed again, not stored)', async () => {
    writeFileSync(path.join(dir, 'ok.ts'), 'export const port = 8080;\n');
    const cache = path.join(outDir, 'cache.json');
    for (let i = 0; i < 2; i++) {
      const r = await runCli([dir, '--format', 'json', '--cache', '--cache-location', cache]);
      expect(leaks(r.stdout + r.stderr, 'cache run')).toEqual([]);
    }
    expect(readFileSync(cache, 'utf8')).toContain('ok.ts');
    // The index and every file written beside it (the facts file).
    const written = readdirSync(outDir).filter((n) => n.startsWith('cache.json'));
    expect(written.length).toBeGreaterThan(1);
    for (const name of written) expect(leaks(readFileSync(path.join(outDir, name), 'utf8'), name)).toEqual([]);
  });
});
