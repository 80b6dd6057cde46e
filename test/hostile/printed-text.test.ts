// Class: every string from the tree that reaches a terminal or a log goes through one redaction and
// one escaping function (src/util/safe-text.ts), whatever prints it: config errors, CLI errors,
// warnings, `model`, parse-error messages. And a file is audited whatever bytes its name is made of.

import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { safeText, withoutQuotedSource } from '../../src/util/safe-text.js';
import { removeDir, runCli, soundnessProblems, tempDirs } from './helpers.js';

const dir = tempDirs();

const GITHUB_TOKEN = `ghp_${'Zq8W'.repeat(9)}`;
const RANDOM_SECRET = 'Xk29fLq0VzR7mWp4TbN8cY3h';
/** Raw control characters (not the escaped `\u001b` text), bidi controls and the Arabic letter mark. */
// eslint-disable-next-line no-control-regex
const RAW_UNPRINTABLE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/;

function leaks(text: string, secret: string): boolean {
  for (let i = 0; i + 8 <= secret.length; i++) if (text.includes(secret.slice(i, i + 8))) return true;
  return false;
}

function withConfig(yaml: string): string {
  const root = dir('printed-config');
  writeFileSync(path.join(root, 'package.json'), '{"name":"x","version":"1.0.0"}\n');
  writeFileSync(path.join(root, '.twelve-factor.yml'), yaml);
  return root;
}

describe('printed text: config errors', () => {
  it('an unknown rule id that is a token is redacted in the error (and its key path)', async () => {
    const r = await runCli([withConfig(`rules:\n  ${GITHUB_TOKEN}: error\n`)]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/unknown rule id/);
    expect(leaks(r.stderr, GITHUB_TOKEN)).toBe(false);
  });

  it('a secret pasted as a value is not quoted in `found "…"`', async () => {
    const r = await runCli([withConfig(`rules:\n  config/hardcoded-secret: ${RANDOM_SECRET}\n`)]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/found "/);
    expect(leaks(r.stderr, RANDOM_SECRET)).toBe(false);
  });

  it('escape sequences and bidi controls in a config key reach the terminal escaped', async () => {
    const r = await runCli([withConfig(`rules:\n  "\\e[2J\\e[31mowned\\u202e\\u061c": error\n`)]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/unknown rule id/);
    expect(RAW_UNPRINTABLE.test(r.stderr)).toBe(false);
  });

  it("a parse error does not quote V8's snippet of the value", async () => {
    const root = withConfig('');
    writeFileSync(path.join(root, '.twelve-factor.yml'), '');
    removeDir(path.join(root, '.twelve-factor.yml'));
    writeFileSync(path.join(root, '.twelve-factor.json'), `{"rules": {"x": ${RANDOM_SECRET}}}`);
    const r = await runCli([root]);
    expect(r.code).toBe(2);
    expect(leaks(r.stderr, RANDOM_SECRET)).toBe(false);
  });
});

describe('printed text: parse-error findings', () => {
  it("a lockfile's JSON.parse error keeps the position, not the 10 characters V8 quotes", async () => {
    const root = dir('printed-lock');
    writeFileSync(path.join(root, 'package.json'), '{"name":"x","version":"1.0.0"}\n');
    writeFileSync(path.join(root, 'package-lock.json'), `{"lockfileVersion": 3, "packages": {"": {"name": "x", "token": ${RANDOM_SECRET}}}}`);
    const r = await runCli([root, '--format', 'json']);
    const { problems, report } = soundnessProblems(r);
    expect(problems).toEqual([]);
    expect(report!.findings.some((f) => f.ruleId === 'parse-error' && f.file === 'package-lock.json')).toBe(true);
    expect(r.stdout.includes(RANDOM_SECRET.slice(0, 10))).toBe(false);
    expect(withoutQuotedSource(`Unexpected token 'X', "{"a": Xk29fLq0Vz"... is not valid JSON`)).toBe(`Unexpected token 'X' is not valid JSON`);
  });
});

describe('printed text: CLI errors and warnings', () => {
  it('an error naming a token-named root prints it redacted', async () => {
    const r = await runCli([path.join(dir('printed-root'), GITHUB_TOKEN)]);
    expect(r.code).toBe(2);
    expect(leaks(r.stderr, GITHUB_TOKEN)).toBe(false);
  });

  it('safeText redacts known tokens, URL passwords and secret-named arguments, and escapes controls', () => {
    const out = safeText(`run --api-key=${RANDOM_SECRET} postgres://app:${RANDOM_SECRET}@db/x ${GITHUB_TOKEN} \u001b[2J \u061c`);
    expect(leaks(out, RANDOM_SECRET)).toBe(false);
    expect(leaks(out, GITHUB_TOKEN)).toBe(false);
    expect(RAW_UNPRINTABLE.test(out)).toBe(false);
    expect(out).toContain('\\u001b[2J');
    expect(out).toContain('\\u061c');
    expect(safeText('LOG_LEVEL=debug node dist/server.js --port=3000')).toBe('LOG_LEVEL=debug node dist/server.js --port=3000');
  });
});

describe('printed text: model', () => {
  it('prints command arguments redacted and escape sequences escaped', async () => {
    const root = dir('printed-model');
    writeFileSync(path.join(root, 'package.json'), '{"name":"x","version":"1.0.0"}\n');
    writeFileSync(path.join(root, 'Dockerfile'), `FROM node:20.11.1\nCMD ["node", "server.js", "--api-key=${RANDOM_SECRET}", "--token", "${GITHUB_TOKEN}", "\u001b]0;owned\u0007\u001b[2J"]\n`);
    writeFileSync(path.join(root, 'server.js'), "require('http').createServer(() => {}).listen(3000);\n");
    const r = await runCli(['model', root]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/--api-key=/);
    expect(leaks(r.stdout, RANDOM_SECRET)).toBe(false);
    expect(leaks(r.stdout, GITHUB_TOKEN)).toBe(false);
    expect(RAW_UNPRINTABLE.test(r.stdout)).toBe(false);
  });
});

describe('printed text: stylish escaping', () => {
  it('U+061C and other bidi marks in a file name are escaped', async () => {
    const root = dir('printed-stylish');
    mkdirSync(path.join(root, 'src'));
    writeFileSync(path.join(root, `Dockerfile.a\u061cb\u200f`), 'FROM node:latest\n');
    const r = await runCli([root]);
    expect(r.stdout).toMatch(/unpinned|latest/i);
    expect(RAW_UNPRINTABLE.test(r.stdout)).toBe(false);
  });
});

describe.skipIf(process.platform === 'win32' || process.platform === 'darwin')('names that are not UTF-8', () => {
  it('a file whose name is not UTF-8 is read and audited, listed with its bytes as \\xNN', async () => {
    const root = dir('printed-bytes');
    writeFileSync(path.join(root, 'package.json'), '{"name":"x","version":"1.0.0"}\n');
    const name = Buffer.concat([Buffer.from(path.join(root, 'conf')), Buffer.from([0xff, 0xfe]), Buffer.from('.ts')]);
    writeFileSync(name, `export const token = '${GITHUB_TOKEN}';\n`);
    const sub = Buffer.concat([Buffer.from(path.join(root, 'dir')), Buffer.from([0xe9])]);
    mkdirSync(sub);
    writeFileSync(Buffer.concat([sub, Buffer.from('/Dockerfile')]), 'FROM node:latest\n');
    const r = await runCli([root, '--format', 'json']);
    const { problems, report } = soundnessProblems(r);
    expect(problems).toEqual([]);
    expect(report!.findings.some((f) => f.file === 'conf\\xff\\xfe.ts' && /secret/.test(f.ruleId))).toBe(true);
    expect(report!.findings.some((f) => f.file === 'dir\\xe9/Dockerfile')).toBe(true);
    expect(report!.findings.some((f) => f.ruleId === 'file-skipped')).toBe(false);
  });
});

describe('exit codes: nothing audited', () => {
  it('a tree whose every file was skipped exits 1 (not 0 with "Scanned 0 files"); --allow-empty accepts it', async () => {
    const root = dir('all-skipped');
    writeFileSync(path.join(root, 'package.json'), Buffer.from([0, 1, 2, 3]));
    writeFileSync(path.join(root, 'app.ts'), Buffer.from([0, 0, 0]));
    const r = await runCli([root, '--format', 'json']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/no file could be read or parsed/);
    expect((await runCli([root, '--format', 'json', '--allow-empty'])).code).toBe(0);
  });
});
