// Class: the scanned tree cannot steer the state the tool keeps. The cache lives outside the tree by
// default (a forged one shipped in the tree is never read), its entries are validated for shape
// (a wrong one is dropped with a warning, never a crash), it never stores in clear what the detector
// calls a secret, and it is written through an unpredictable temp file created exclusively, whose
// stale leftovers the next run removes.

import { existsSync, mkdirSync, readdirSync, readFileSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { defaultCacheLocation, mayHoldSecret } from '../../src/engine/cache.js';
import { removeStaleTemps } from '../../src/util/temp-files.js';
import { removeDir, runCli, soundnessProblems, tempDirs } from './helpers.js';

const dir = tempDirs();

let userCache: string;
const savedXdg = process.env.XDG_CACHE_HOME;
beforeEach(() => {
  userCache = dir('user-cache');
  process.env.XDG_CACHE_HOME = userCache;
});
afterEach(() => {
  if (savedXdg === undefined) delete process.env.XDG_CACHE_HOME;
  else process.env.XDG_CACHE_HOME = savedXdg;
});

/** A tree with findings: a floating image tag and a hard-coded key, and a node_modules folder. */
function violatingTree(): string {
  const root = dir('state-tree');
  mkdirSync(path.join(root, 'node_modules'), { recursive: true });
  writeFileSync(path.join(root, 'Dockerfile'), 'FROM node:latest\nCMD ["node", "server.js"]\n');
  writeFileSync(path.join(root, 'package.json'), JSON.stringify({ name: 'svc', version: '1.0.0', scripts: { start: 'node server.js' } }, null, 2));
  writeFileSync(path.join(root, 'server.js'), "const http = require('http');\nhttp.createServer(() => {}).listen(3000);\n");
  return root;
}

function filesUnder(root: string): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const abs = path.join(d, e.name);
      if (e.isDirectory()) walk(abs);
      else out.push(path.relative(root, abs));
    }
  };
  walk(root);
  return out.sort();
}

describe('state: cache poisoning', () => {
  it('the default cache is outside the scanned tree, and a forged cache shipped in the tree is not read', async () => {
    const root = violatingTree();
    const before = filesUnder(root);
    const first = await runCli([root, '--format', 'json', '--cache']);
    expect(soundnessProblems(first).problems).toEqual([]);
    const findings = (JSON.parse(first.stdout) as { findings: unknown[] }).findings;
    expect(findings.length).toBeGreaterThan(0);
    expect(first.code).toBe(1);
    // Nothing written in the tree; the cache went to the user cache dir.
    expect(filesUnder(root)).toEqual(before);
    const location = defaultCacheLocation(root);
    expect(location.startsWith(userCache + path.sep)).toBe(true);
    expect(existsSync(location)).toBe(true);

    // Forge: the same cache with every finding removed, where a cache in the tree would be looked for.
    // Entries are arrays whose 11th place holds the findings (cache.ts StoredEntry).
    const forged = JSON.parse(readFileSync(location, 'utf8')) as { entries: Record<string, unknown[]>; project?: { units: Array<{ findings: unknown[] }> } };
    for (const e of Object.values(forged.entries)) e[10] = [];
    for (const u of forged.project?.units ?? []) u.findings = [];
    const inTree = path.join(root, 'node_modules', '.cache', 'twelve-factor-audit', path.basename(location));
    mkdirSync(path.dirname(inTree), { recursive: true });
    writeFileSync(inTree, JSON.stringify(forged));
    writeFileSync(`${inTree}.facts`, readFileSync(`${location}.facts`));
    removeDir(path.join(userCache, 'twelve-factor-audit'));
    const second = await runCli([root, '--format', 'json', '--cache']);
    expect(second.code).toBe(1);
    expect((JSON.parse(second.stdout) as { findings: unknown[] }).findings).toEqual(findings);
  });

  it('a link planted where an in-tree cache folder would be is not followed', async () => {
    const root = violatingTree();
    const outside = dir('state-outside');
    mkdirSync(path.join(root, 'node_modules', '.cache'), { recursive: true });
    symlinkSync(outside, path.join(root, 'node_modules', '.cache', 'twelve-factor-audit'));
    const r = await runCli([root, '--format', 'json', '--cache']);
    expect(r.code).toBe(1);
    expect(readdirSync(outside)).toEqual([]);
  });
});

describe('state: cache entries validated for shape', () => {
  it('an entry or stored finding of the wrong shape (right key) is dropped with a warning, not a crash', async () => {
    const root = violatingTree();
    const location = path.join(dir('state-loc'), 'c.json');
    const first = await runCli([root, '--format', 'json', '--cache', '--cache-location', location]);
    const cache = JSON.parse(readFileSync(location, 'utf8')) as { entries: Record<string, unknown[]>; project?: { findings: unknown[] } };
    const paths = Object.keys(cache.entries);
    expect(paths.length).toBeGreaterThan(2);
    // Entries are arrays (cache.ts StoredEntry): findings at [10], the stamp at [2..4].
    cache.entries[paths[0]!]![10] = [null, { ruleId: 'x', message: 1 }];
    cache.entries[paths[1]!]![3] = '1700000000000';
    cache.entries[paths[2]!] = { hash: cache.entries[paths[2]!]![0], result: { path: paths[2], kind: 'dockerfile', facts: null, findings: [] } } as never;
    cache.project = { findings: [null] } as never;
    writeFileSync(location, JSON.stringify(cache));
    const second = await runCli([root, '--format', 'json', '--cache', '--cache-location', location]);
    expect(soundnessProblems(second).problems).toEqual([]);
    expect(second.code).toBe(first.code);
    expect(second.stdout).toBe(first.stdout);
    expect(second.stderr).toMatch(/warning: ignoring 4 entries of the cache file .* of the wrong shape/);
  });
});

describe('state: the cache stores nothing the detector calls a secret', () => {
  const names = ['SIGNING_KEY', 'MASTER_KEY', 'ENCRYPTION_KEY', 'HMAC_KEY', 'SESSION_KEY', 'licenseKey', 'JWT_KEY', 'clientSecretKey'];
  // Not a bare base64-like run (those are caught by entropy alone): only the name says it is a secret.
  const value = 'Spring.24!Horse#Bat';
  it('mayHoldSecret is never narrower than isSecretName', () => {
    for (const name of names) {
      expect(mayHoldSecret({ [name]: value }), name).toBe(true);
      expect(mayHoldSecret({ name, value }), name).toBe(true);
      expect(mayHoldSecret(`--${name.includes('_') ? name.toLowerCase().replace(/_/g, '-') : name}=${value}`), name).toBe(true);
    }
    expect(mayHoldSecret({ LOG_LEVEL: 'debug', PORT: '3000' })).toBe(false);
  });

  it('a .env and a compose file with such names leave no value in the cache files', async () => {
    const root = violatingTree();
    writeFileSync(path.join(root, '.env'), names.map((n) => `${n}=${value}`).join('\n') + '\n');
    writeFileSync(path.join(root, 'compose.yml'), `services:\n  api:\n    image: node:20.11.1\n    environment:\n${names.map((n) => `      ${n}: ${value}`).join('\n')}\n`);
    const location = path.join(dir('state-loc'), 'c.json');
    await runCli([root, '--format', 'json', '--cache', '--cache-location', location]);
    for (const f of [location, `${location}.facts`]) {
      const text = readFileSync(f, 'utf8');
      expect(text.includes(value), f).toBe(false);
    }
  });
});

describe('state: cache temp files', () => {
  it('the temp name is unpredictable and created exclusively: planted links at pid.time names are not written through', async () => {
    const root = violatingTree();
    const locDir = dir('state-loc');
    const location = path.join(locDir, 'c.json');
    const victim = path.join(dir('state-victim'), 'victim.txt');
    writeFileSync(victim, 'original\n');
    // Every name the old `<target>.<pid>.<Date.now()>.tmp` scheme could pick in the next 20 seconds.
    const now = Date.now();
    for (let t = now; t < now + 20_000; t++) {
      symlinkSync(victim, `${location}.${process.pid}.${t}.tmp`);
      symlinkSync(victim, `${location}.facts.${process.pid}.${t}.tmp`);
    }
    const r = await runCli([root, '--format', 'json', '--cache', '--cache-location', location]);
    expect(r.stderr).not.toMatch(/cannot write the cache/);
    expect(readFileSync(victim, 'utf8')).toBe('original\n');
    expect(existsSync(location)).toBe(true);
  });

  it('temp files that an interrupted run left are removed by the next write; fresh ones and links are kept', async () => {
    const root = violatingTree();
    const locDir = dir('state-loc');
    const location = path.join(locDir, 'c.json');
    const stale = [`c.json.123.1700000000000.tmp`, `c.json.facts.456.9f8e7d6c5b4a3921.tmp`];
    for (const name of stale) {
      writeFileSync(path.join(locDir, name), '{"half":');
      utimesSync(path.join(locDir, name), new Date(Date.now() - 3600_000), new Date(Date.now() - 3600_000));
    }
    writeFileSync(path.join(locDir, 'c.json.789.abc.tmp'), 'being written');
    writeFileSync(path.join(locDir, 'notes.tmp'), 'not ours');
    await runCli([root, '--format', 'json', '--cache', '--cache-location', location]);
    const left = readdirSync(locDir).sort();
    for (const name of stale) expect(left).not.toContain(name);
    expect(left).toContain('c.json.789.abc.tmp');
    expect(left).toContain('notes.tmp');
    removeStaleTemps(locDir, 'c.json', Date.now() + 3600_000);
    expect(readdirSync(locDir)).not.toContain('c.json.789.abc.tmp');
  });

  it('a report written with -o removes the temp files an interrupted earlier write left beside it', async () => {
    const root = violatingTree();
    const outDir = dir('state-out');
    const stale = ['.r.json.123.a1b2c3d4e5f6.tmp', '.r.json.77.0f0f0f0f0f0f.tmp'];
    for (const name of stale) {
      writeFileSync(path.join(outDir, name), '{"half":');
      utimesSync(path.join(outDir, name), new Date(Date.now() - 3600_000), new Date(Date.now() - 3600_000));
    }
    writeFileSync(path.join(outDir, '.r.json.789.abcdef.tmp'), 'a concurrent write');
    writeFileSync(path.join(outDir, '.other.json.1.ab.tmp'), 'another report');
    utimesSync(path.join(outDir, '.other.json.1.ab.tmp'), new Date(Date.now() - 3600_000), new Date(Date.now() - 3600_000));
    await runCli([root, '--format', 'json', '-o', path.join(outDir, 'r.json')]);
    const left = readdirSync(outDir).sort();
    expect(left).toEqual(['.other.json.1.ab.tmp', '.r.json.789.abcdef.tmp', 'r.json']);
  });
});
