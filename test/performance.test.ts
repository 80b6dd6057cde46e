// The speed machinery must never change what is reported: worker threads and the cache give the
// same bytes as one thread without a cache, a cached run still recomputes cross-file findings, and
// the cache file holds no secret. Timing itself is measured by `npm run bench`, never asserted here.

import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { rules } from '../rules/index.js';
import { audit } from '../src/engine/audit.js';
import { defaultCacheLocation, mayHoldSecret, resolveCacheLocation } from '../src/engine/cache.js';
import { createProgress } from '../src/engine/progress.js';
import { parseConcurrency, resolveConcurrency } from '../src/engine/worker-pool.js';
import { generate } from '../bench/generate.js';

const REPO = path.resolve(import.meta.dirname, '..');
const BIN = path.join(REPO, 'bin', 'twelve-factor-audit.js');
const tmp = mkdtempSync(path.join(os.tmpdir(), 'tfa-perf-test-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

function cli(args: string[], cwd = REPO): { code: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd, encoding: 'utf8' });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

function writeTree(root: string, files: Record<string, string>): void {
  for (const [rel, text] of Object.entries(files)) {
    const abs = path.join(root, rel);
    mkdirSync(path.dirname(abs), { recursive: true });
    writeFileSync(abs, text);
  }
}

describe('report identical whatever the concurrency and cache', () => {
  const root = path.join(tmp, 'mono');
  // 3 services (~100 files): the second one carries a violation of every factor.
  generate(root, 3);
  const cacheFile = path.join(tmp, 'mono-cache', 'cache.json');

  // Five CLI runs, two of them with worker threads: slow on a busy 2-core machine.
  it('--concurrency 1 and 4, cold and warm cache give the same bytes', { timeout: 240_000 }, () => {
    const base = ['--format', 'json', '--fail-on', 'never'];
    const one = cli([root, ...base, '--concurrency', '1']);
    expect(one.code).toBe(0);
    const report = JSON.parse(one.stdout) as { findings: Array<{ ruleId: string }> };
    // The corpus really exercises the rules: findings of several rules, not an empty report.
    expect(new Set(report.findings.map((f) => f.ruleId)).size).toBeGreaterThanOrEqual(4);
    const four = cli([root, ...base, '--concurrency', '4']);
    const cold = cli([root, ...base, '--concurrency', '4', '--cache', '--cache-location', cacheFile]);
    expect(existsSync(cacheFile)).toBe(true);
    const warm = cli([root, ...base, '--cache', '--cache-location', cacheFile]);
    for (const other of [four, cold, warm]) {
      expect(other.stderr).toBe('');
      expect(other.stdout).toBe(one.stdout);
    }
  });

  // bin/ is CommonJS and returns before the run ends: the bench's figures must be taken after it.
  it("the bench's measure of an audit is taken when the audit has ended (its line comes after the report)", { timeout: 120_000 }, () => {
    const r = spawnSync(process.execPath, [path.join(REPO, 'dist', 'bench', 'measure.js'), 'audit', root, '--format', 'json', '--fail-on', 'never', '--concurrency', '1'], { encoding: 'utf8' });
    expect(r.status).toBe(0);
    const lines = r.stdout.trimEnd().split('\n');
    const measured = JSON.parse(lines.pop()!) as { exitCode: number; cpuMs: number };
    expect(measured.exitCode).toBe(0);
    expect(measured.cpuMs).toBeGreaterThan(0);
    expect((JSON.parse(lines.join('\n')) as { findings: unknown[] }).findings.length).toBeGreaterThan(0);
  });

  it('rejects a bad --concurrency as a usage error', () => {
    const r = cli([root, '--concurrency', 'lots']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--concurrency must be a positive integer or auto/);
  });

  it('never draws a progress line when stderr is not a terminal', () => {
    const r = cli([root, '--format', 'json', '--fail-on', 'never', '--concurrency', '1']);
    expect(r.stderr).toBe('');
    expect(r.stdout).not.toContain('\r');
  });
});

describe('cache: cross-file findings are recomputed, edits change exactly their findings', () => {
  const root = path.join(tmp, 'xf');
  const cacheLocation = path.join(tmp, 'xf-cache.json');
  const shutdownWithout = `export function installShutdown(close: () => void): void {\n  process.on('SIGINT', close);\n}\n`;
  const shutdownWith = `export function installShutdown(close: () => void): void {\n  process.on('SIGINT', close);\n  process.on('SIGTERM', close);\n}\n`;
  writeTree(root, {
    'package.json': JSON.stringify({ name: 'svc', main: 'src/index.js', dependencies: { express: '4.21.2' } }, null, 2),
    'package-lock.json': JSON.stringify({ name: 'svc', lockfileVersion: 3, packages: {} }),
    'src/index.js': `import express from 'express';\nimport { installShutdown } from './shutdown.js';\n\nconst server = express().listen(process.env.PORT ?? 3000);\ninstallShutdown(() => server.close());\n`,
    'src/shutdown.js': shutdownWithout,
    'src/logger.js': `import fs from 'node:fs';\nexport const out = fs.createWriteStream('/var/log/app.log');\n`,
  });
  const run = () => audit({ root, rules, cacheLocation, concurrency: 1 });
  const summary = (r: Awaited<ReturnType<typeof run>>) => r.findings.map((f) => `${f.ruleId} ${f.file}:${f.line}`);

  it('adding a SIGTERM handler in an imported module clears the finding in the entrypoint, while cached', async () => {
    const first = await run();
    expect(first.cache).toEqual({ hits: 0, misses: 5 });
    const before = summary(first);
    expect(before).toContain('disposability/missing-sigterm-handler src/index.js:4');
    expect(before).toContain('logs/file-logging src/logger.js:2');

    const warm = await run();
    expect(warm.cache).toEqual({ hits: 5, misses: 0 });
    expect(summary(warm)).toEqual(before);

    writeFileSync(path.join(root, 'src/shutdown.js'), shutdownWith);
    const edited = await run();
    // Only the edited file is analysed again; index.js comes from the cache, yet its cross-file
    // finding is gone because the project phase reads the fresh facts of shutdown.js.
    expect(edited.cache).toEqual({ hits: 4, misses: 1 });
    expect(summary(edited)).toEqual(before.filter((s) => !s.startsWith('disposability/missing-sigterm-handler')));
    expect(edited).toEqual({ ...(await audit({ root, rules, concurrency: 1 })), cache: edited.cache });

    writeFileSync(path.join(root, 'src/shutdown.js'), shutdownWithout);
    const reverted = await run();
    expect(summary(reverted)).toEqual(before);
  });

  it('an edit that keeps the size and puts the old modification time back is still seen (metadata strategy), and the content strategy reads every file', async () => {
    const file = path.join(root, 'src/logger.js');
    const original = readFileSync(file, 'utf8');
    try {
      await run();
      const { atime, mtime } = statSync(file);
      // Same length, other path: the rule's evidence changes; utimes cannot put the change time back.
      writeFileSync(file, original.replace('/var/log/app.log', '/var/log/api.log'));
      utimesSync(file, atime, mtime);
      const edited = await run();
      expect(edited.cache).toEqual({ hits: 4, misses: 1 });
      expect(edited.findings.find((f) => f.ruleId === 'logs/file-logging')?.message).toContain('/var/log/api.log');

      const byContent = await audit({ root, rules, cacheLocation, concurrency: 1, cacheStrategy: 'content' });
      expect(byContent.cache).toEqual({ hits: 5, misses: 0 });
      expect(summary(byContent)).toEqual(summary(edited));
    } finally {
      writeFileSync(file, original);
    }
  });

  it('a file whose facts hold a secret is cached without them, and parsed again only when the cross-file phase must run', async () => {
    const compose = path.join(root, 'compose.yaml');
    // A password in a URL: the facts of this file (raw values) never reach the cache file.
    writeFileSync(compose, 'services:\n  api:\n    build: .\n    environment:\n      DATABASE_URL: postgres://app:Zq8vLw3nRt5yXk2p@db:5432/app\n');
    try {
      const fresh = await audit({ root, rules, concurrency: 1 });
      const first = await run();
      expect(first.findings).toEqual(fresh.findings);
      const stored = readFileSync(cacheLocation, 'utf8') + readFileSync(`${cacheLocation}.facts`, 'utf8');
      expect(stored).not.toContain('Zq8vLw3nRt5yXk2p');
      expect(stored).toContain('compose.yaml');

      // Nothing changed: every file (the compose file too, from its findings-only entry) is a hit and
      // the cross-file findings come from the cache.
      const warm = await run();
      expect(warm.cache).toEqual({ hits: 6, misses: 0 });
      expect(warm.findings).toEqual(fresh.findings);

      // Another file changed: the compose file is parsed again for its facts; same findings as a run without cache.
      writeFileSync(path.join(root, 'src/shutdown.js'), shutdownWith);
      const edited = await run();
      expect(edited.cache).toEqual({ hits: 5, misses: 1 });
      expect(edited.findings).toEqual((await audit({ root, rules, concurrency: 1 })).findings);
    } finally {
      rmSync(compose);
      writeFileSync(path.join(root, 'src/shutdown.js'), shutdownWithout);
    }
  });

  it('a file whose path holds a token is not cached (the cache is keyed by paths)', async () => {
    const token = `ghp_${'Kq7vB2xN9mR4tL8wP3zY6cD1fH5jS0aE'}uQ1w`;
    const dir = path.join(root, 'keys');
    mkdirSync(dir, { recursive: true });
    writeFileSync(path.join(dir, `${token}.js`), "import fs from 'node:fs';\nexport const out = fs.createWriteStream('/var/log/keys.log');\n");
    try {
      const first = await run();
      expect(first.findings.some((f) => f.ruleId === 'logs/file-logging' && f.file.startsWith('keys/'))).toBe(true);
      const stored = readFileSync(cacheLocation, 'utf8') + readFileSync(`${cacheLocation}.facts`, 'utf8');
      expect(stored).not.toContain(token);
      expect(stored).not.toContain(token.slice(0, 20));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('another rule configuration does not reuse the entries', async () => {
    await run();
    const other = await audit({ root, rules, cacheLocation, concurrency: 1, ruleSettings: { 'logs/file-logging': { severity: 'warning' } } });
    expect(other.cache?.hits).toBe(0);
    expect(other.findings.find((f) => f.ruleId === 'logs/file-logging')?.severity).toBe('warning');
  });

  it('a corrupt cache file is ignored with one warning and rewritten', async () => {
    writeFileSync(cacheLocation, '{"format":"twelve-factor-audit-cache","version":1,"key":"x","entries":{"src/index.js":');
    const warnings: string[] = [];
    const r = await audit({ root, rules, cacheLocation, concurrency: 1, onWarning: (m) => warnings.push(m) });
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/corrupt/);
    expect(summary(r)).toEqual(summary(await audit({ root, rules })));
    expect(() => JSON.parse(readFileSync(cacheLocation, 'utf8'))).not.toThrow();
  });

  it('a foreign file at the cache location is ignored with one warning and left untouched', async () => {
    const foreign = path.join(tmp, 'not-a-cache.json');
    writeFileSync(foreign, '{"my": "settings"}\n');
    const warnings: string[] = [];
    const r = await audit({ root, rules, cacheLocation: foreign, concurrency: 1, onWarning: (m) => warnings.push(m) });
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/not a twelve-factor-audit cache file/);
    expect(readFileSync(foreign, 'utf8')).toBe('{"my": "settings"}\n');
    expect(r.findings.length).toBeGreaterThan(0);
  });
});

describe('cache holds no secret value', () => {
  const root = path.join(tmp, 'secrets');
  const cacheLocation = path.join(tmp, 'secrets-cache.json');
  // Planted in every kind of file; split so that this test file itself is not a finding.
  const gh = 'ghp_' + 'R4nd0mT0k3nV4lu3Th4tL00ksR34l1234567';
  const aws = 'AKIA' + 'QWERTYUIOPASDFGH';
  const pw = 'Zx9' + 'qL2mPv8sKw4tYb7n';
  writeTree(root, {
    'package.json': JSON.stringify({ name: 'svc', main: 'src/index.ts', config: { apiToken: gh }, dependencies: {} }, null, 2),
    'package-lock.json': '{}',
    'src/index.ts': `export const token = '${gh}';\nexport const dbPassword = process.env.DB_PASSWORD ?? '${pw}';\nexport const key = { accessKeyId: '${aws}' };\n`,
    'src/settings.json': JSON.stringify({ db: { password: pw }, aws: { key: aws } }),
    '.env': `API_TOKEN=${gh}\nDB_PASSWORD=${pw}\n`,
    'Dockerfile': `FROM node:22.12.0-alpine\nENV GITHUB_TOKEN=${gh}\nCMD ["node", "src/index.js"]\n`,
    'docker-compose.yml': `services:\n  app:\n    image: app:1.0.0\n    environment:\n      DB_PASSWORD: ${pw}\n`,
    'src/clean.ts': `export const port = Number(process.env.PORT ?? 3000);\n`,
    'k8s/clean.yaml': `apiVersion: v1\nkind: Service\nmetadata:\n  name: app\nspec:\n  ports:\n    - port: 80\n`,
    'k8s/deploy.yaml': `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: app\nspec:\n  template:\n    spec:\n      containers:\n        - name: app\n          image: app:1.0.0\n          env:\n            - name: AWS_KEY\n              value: ${aws}\n`,
  });

  it('finds the planted secrets, and the cache file contains none of them', async () => {
    const r = await audit({ root, rules, cacheLocation, concurrency: 1 });
    expect(r.findings.filter((f) => f.ruleId === 'config/hardcoded-secret').length).toBeGreaterThanOrEqual(3);
    const text = readFileSync(cacheLocation, 'utf8');
    // Files without secrets are cached, whatever their kind.
    expect(text).toContain('"src/clean.ts"');
    expect(text).toContain('"k8s/clean.yaml"');
    for (const secret of [gh, aws, pw]) {
      expect(text).not.toContain(secret);
      // Not even the redacted form's hidden part: nothing past the 4-character prefix.
      expect(text).not.toContain(secret.slice(4, 16));
    }
    // And the second run, served partly from the cache, reports the same.
    const again = await audit({ root, rules, cacheLocation, concurrency: 1 });
    expect(again.cache?.hits).toBeGreaterThanOrEqual(2);
    expect(again.findings).toEqual(r.findings);
  });

  it('mayHoldSecret: env entries, keys, URL passwords, name=value texts, random strings; not plain config', () => {
    expect(mayHoldSecret({ name: 'DB_PASSWORD', value: 'hunter2' })).toBe(true);
    expect(mayHoldSecret({ name: 'DB_PASSWORD', value: '${DB_PASSWORD}' })).toBe(false);
    expect(mayHoldSecret({ docs: [{ value: { [gh]: true } }] })).toBe(true);
    expect(mayHoldSecret(['postgres://app:' + pw + '@db/app'])).toBe(true);
    expect(mayHoldSecret({ text: 'mysql --password=abc' })).toBe(true);
    expect(mayHoldSecret({ value: pw + pw })).toBe(true);
    expect(mayHoldSecret({ image: 'node:22.12.0-alpine', env: [{ name: 'PORT', value: '3000' }], argv: ['node', 'dist/index.js'] })).toBe(false);
  });
});

describe('cache location', () => {
  it('defaults to the user cache dir, outside the scanned tree even when it has node_modules', () => {
    const withNm = path.join(tmp, 'with-nm');
    mkdirSync(path.join(withNm, 'node_modules'), { recursive: true });
    // Never inside the scanned tree, node_modules or not (test/hostile/state.test.ts: cache poisoning).
    expect(defaultCacheLocation(withNm).startsWith(withNm)).toBe(false);
    const without = path.join(tmp, 'without-nm');
    mkdirSync(without, { recursive: true });
    const loc = defaultCacheLocation(without);
    expect(loc.startsWith(without)).toBe(false);
    expect(loc).toMatch(/twelve-factor-audit[\\/]cache-[0-9a-f]{16}\.json$/);
  });

  it('takes a directory (existing or with a trailing slash) or a file', () => {
    expect(resolveCacheLocation('cachedir/', '/r', '/cwd')).toMatch(/^\/cwd\/cachedir\/cache-[0-9a-f]{16}\.json$/);
    expect(resolveCacheLocation('c.json', '/r', '/cwd')).toBe('/cwd/c.json');
    expect(resolveCacheLocation(tmp, '/r', '/cwd').startsWith(tmp + path.sep)).toBe(true);
  });
});

describe('cache restored on another checkout path', () => {
  it('a cache directory written for one checkout is valid for a copy of it at another path (same file, every entry hit, same findings)', { timeout: 120_000 }, async () => {
    const first = path.join(tmp, 'checkout-a', 'repo');
    generate(first, 2);
    const git = (cwd: string, ...args: string[]) => spawnSync('git', args, { cwd, env: { ...process.env, GIT_AUTHOR_NAME: 't', GIT_AUTHOR_EMAIL: 't@e', GIT_COMMITTER_NAME: 't', GIT_COMMITTER_EMAIL: 't@e' } });
    git(first, 'init', '-q');
    git(first, 'add', '-A');
    git(first, 'commit', '-q', '-m', 'one');
    const cacheDir = path.join(tmp, 'restored-cache') + path.sep;
    const locA = resolveCacheLocation(cacheDir, first, tmp);
    const cold = await audit({ root: first, rules, cacheLocation: locA, cacheStrategy: 'content', concurrency: 1 });
    expect(cold.cache!.hits).toBe(0);

    // Another runner: the same commit checked out elsewhere, every file with new times.
    const second = path.join(tmp, 'checkout-b', 'builds', 'other-name');
    mkdirSync(path.dirname(second), { recursive: true });
    cpSync(first, second, { recursive: true });
    const locB = resolveCacheLocation(cacheDir, second, tmp);
    expect(locB).toBe(locA);
    const restored = await audit({ root: second, rules, cacheLocation: locB, cacheStrategy: 'content', concurrency: 1 });
    expect(restored.cache).toEqual({ hits: cold.cache!.misses, misses: 0 });
    const without = (r: typeof cold) => ({ ...r, root: '', cache: undefined });
    expect(without(restored)).toEqual(without(cold));
    expect(without(restored)).toEqual(without(await audit({ root: second, rules, concurrency: 1 })));
    // A sub-folder of the repository gets its own file in the same directory.
    expect(resolveCacheLocation(cacheDir, path.join(second, 'services'), tmp)).not.toBe(locB);
  });
});

describe('concurrency', () => {
  it('auto uses one thread on 2 cores and on small trees, the pool on big trees with cores to spare', () => {
    expect(resolveConcurrency('auto', 50_000, 2)).toBe(1);
    expect(resolveConcurrency('auto', 300, 8)).toBe(1);
    expect(resolveConcurrency('auto', 2_000, 8)).toBe(5);
    expect(resolveConcurrency('auto', 50_000, 8)).toBe(8);
    expect(resolveConcurrency(4, 10, 2)).toBe(4);
  });

  it('parses --concurrency', () => {
    expect(parseConcurrency('auto')).toBe('auto');
    expect(parseConcurrency('3')).toBe(3);
    for (const bad of ['0', '-1', '1.5', 'x', '']) expect(parseConcurrency(bad)).toBeNull();
  });
});

describe('progress line', () => {
  const setup = () => {
    let t = 0;
    const out: string[] = [];
    const p = createProgress({ write: (s) => out.push(s), now: () => t, columns: 80 });
    return { p, out, at: (ms: number) => (t = ms) };
  };

  it('stays silent for the first second', () => {
    const { p, out, at } = setup();
    at(500);
    p.update('reading and parsing', 10, 100);
    p.end();
    expect(out).toEqual([]);
  });

  it('draws phase, counts and elapsed time, throttled, and erases itself at the end', () => {
    const { p, out, at } = setup();
    at(1200);
    p.update('reading and parsing', 10, 100);
    at(1250);
    p.update('reading and parsing', 11, 100);
    at(1400);
    p.update('reading and parsing', 50, 100);
    at(1410);
    p.update('cross-file checks', 0, 0);
    p.end();
    expect(out).toEqual([
      '\r\x1b[2Ktwelve-factor-audit: reading and parsing 10/100 files · 1.2s',
      '\r\x1b[2Ktwelve-factor-audit: reading and parsing 50/100 files · 1.4s',
      '\r\x1b[2Ktwelve-factor-audit: cross-file checks · 1.4s',
      '\r\x1b[2K',
    ]);
  });

  it('cuts the line to the terminal width so that it never wraps', () => {
    const out: string[] = [];
    const p = createProgress({ write: (s) => out.push(s), now: () => 5000, delayMs: 0, columns: 30 });
    p.update('reading and parsing', 12345, 67890);
    expect(out[0]).toBe('\r\x1b[2Ktwelve-factor-audit: reading ');
  });
});
