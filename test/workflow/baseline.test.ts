import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli, findings, makeRepo, TOKEN, writeFiles } from './helpers.js';

const token2 = ['ghp_', 'Qm3vT9xKp2LwZ7rBn5YdH8cJf1Gs4A', '0qKHmz'].join(''); // valid checksum, like TOKEN

describe('baseline', () => {
  it('records findings, hides them on later runs even when lines move, reports new ones and stale entries', async () => {
    const dir = makeRepo({
      'src/a.ts': `export const a = "${TOKEN}";\nexport const b = "${token2}";\n`,
      Dockerfile: 'FROM node\n',
    });
    const written = await cli(['--write-baseline', 'tfa-baseline.json'], dir);
    expect(written).toMatchObject({ code: 0, stderr: 'twelve-factor-audit: wrote 4 finding(s) to tfa-baseline.json\n' });

    const text = readFileSync(path.join(dir, 'tfa-baseline.json'), 'utf8');
    const data = JSON.parse(text) as { version: number; entries: Array<{ file: string; ruleId: string; fingerprint: string; count: number }> };
    expect(data.version).toBe(1);
    expect(data.entries.map((e) => `${e.file} ${e.ruleId} ${e.count}`)).toEqual([
      // The temp folder is not a git work tree.
      '. codebase/not-version-controlled 1',
      'Dockerfile build-release-run/unpinned-image 1',
      // Both tokens redact to the same evidence (ghp_… (40 chars)): one entry, counted twice.
      'src/a.ts config/hardcoded-secret 2',
    ]);
    expect(data.entries.every((e) => /^[0-9a-f]{20}$/.test(e.fingerprint))).toBe(true);
    // No secret value in the file: at most the redacted 4-character prefix.
    expect(text).not.toContain(TOKEN.slice(0, 12));
    expect(text).not.toContain(token2.slice(0, 12));

    expect(await findings(['--baseline', 'tfa-baseline.json'], dir)).toMatchObject({ code: 0, list: [], stderr: 'twelve-factor-audit: 4 finding(s) hidden by the baseline tfa-baseline.json\n' });

    // Lines move, a new violation appears: only the new one is reported.
    writeFiles(dir, { 'src/a.ts': `// header\n\nexport const b = "${token2}";\nexport const a = "${TOKEN}";\nexport const c = "${TOKEN}";\n` });
    expect((await findings(['--baseline', 'tfa-baseline.json'], dir)).list).toEqual(['error config/hardcoded-secret src/a.ts:5']);

    // Fixing one: its entry is reported as stale (info), and --write-baseline prunes it.
    writeFiles(dir, { 'src/a.ts': `export const a = "${TOKEN}";\n`, Dockerfile: `FROM node:20.11-alpine3.19@sha256:${'a1'.repeat(32)}\n` });
    const stale = await findings(['--baseline', 'tfa-baseline.json'], dir);
    expect(stale).toMatchObject({ code: 0, list: ['info stale-baseline-entry Dockerfile:1', 'info stale-baseline-entry src/a.ts:1'] });
    const rewritten = await cli(['--baseline', 'tfa-baseline.json', '--write-baseline', 'tfa-baseline.json'], dir);
    expect(rewritten.stderr).toBe('twelve-factor-audit: wrote 2 finding(s) to tfa-baseline.json (2 stale entries pruned)\n');
    expect(await findings(['--baseline', 'tfa-baseline.json'], dir)).toMatchObject({ code: 0, list: [] });
  });

  it('counts repeated identical findings', async () => {
    // Images of the project's own (a compose file of only backing services is a local dev set-up).
    const dir = makeRepo({ 'compose.yml': 'services:\n  a:\n    image: acme/api\n  b:\n    image: acme/api\n' });
    await cli(['--write-baseline', 'b.json'], dir);
    writeFiles(dir, { 'compose.yml': 'services:\n  a:\n    image: acme/api\n  b:\n    image: acme/api\n  c:\n    image: acme/api\n' });
    expect((await findings(['--baseline', 'b.json'], dir)).list).toEqual(['error build-release-run/unpinned-image compose.yml:7']);
  });

  it('is byte-for-byte stable for the same findings', async () => {
    const dir = makeRepo({ 'src/a.ts': `export const a = "${TOKEN}";\n`, Dockerfile: 'FROM node\n' });
    await cli(['--write-baseline', 'one.json'], dir);
    await cli(['--write-baseline', 'two.json'], dir);
    expect(readFileSync(path.join(dir, 'one.json'), 'utf8')).toBe(readFileSync(path.join(dir, 'two.json'), 'utf8'));
  });

  it('a missing or broken baseline is a one-line error (exit 2)', async () => {
    const dir = makeRepo({ 'src/a.ts': 'export const a = 1;\n', 'bad.json': '{"entries": 3}' });
    expect(await cli(['--baseline', 'nope.json'], dir)).toMatchObject({ code: 2, stderr: 'twelve-factor-audit: nope.json: baseline file not found (create it with --write-baseline nope.json)\n' });
    expect(await cli(['--baseline', 'bad.json'], dir)).toMatchObject({ code: 2, stderr: 'twelve-factor-audit: bad.json: not a twelve-factor-audit baseline (expected {"version": 1, "entries": [...]}); rewrite it with --write-baseline\n' });
  });
});
