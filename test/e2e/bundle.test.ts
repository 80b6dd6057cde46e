// The CLI bundle (scripts/bundle-cli.mjs, built by `npm run build`, which `npm test` runs first) is
// what bin/ runs: it must give the same bytes as the ES modules in dist/ it is made of, keep lazy
// modules lazy, and its V8 code cache must follow the same rules as the compiler's
// (src/parsing/typescript-module.test.ts): used when intact and accepted by V8, a corrupt or foreign
// file refused and rewritten, and written only when the run asks for --cache. Each run is its own
// process: within one, V8 reuses its in-memory compilation and would never read the file.

import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generate } from '../../bench/generate.js';
import { ROOT, VIOLATING_APP } from './helpers.js';

const BIN = path.join(ROOT, 'bin', 'twelve-factor-audit.js');
const BUNDLE = path.join(ROOT, 'dist', 'src', 'cli', 'main.bundle.cjs');
const DIST_MAIN = pathToFileURL(path.join(ROOT, 'dist', 'src', 'cli', 'main.js')).href;
const CODE_CACHE = pathToFileURL(path.join(ROOT, 'dist', 'src', 'util', 'code-cache.js')).href;
const tmp = mkdtempSync(path.join(os.tmpdir(), 'tfa-bundle-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

beforeAll(() => {
  if (!existsSync(BUNDLE)) throw new Error(`${BUNDLE} is missing: run npm run build (npm test does) before these tests`);
});

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** The environment of a run whose user cache folder is `home` (every platform's convention). */
function envWithCache(home: string): NodeJS.ProcessEnv {
  return { ...process.env, HOME: home, XDG_CACHE_HOME: path.join(home, 'cache'), LOCALAPPDATA: path.join(home, 'cache') };
}

function viaBin(args: string[], env: NodeJS.ProcessEnv = envWithCache(path.join(tmp, 'home-default'))): Run {
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd: ROOT, encoding: 'utf8', env, timeout: 240_000, maxBuffer: 64 * 1024 * 1024 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** The same command line run by the ES modules of dist/, without the bundle (a file, not --eval: worker threads inherit the flags). */
function viaModules(args: string[]): Run {
  const runner = path.join(tmp, 'modules.mjs');
  writeFileSync(runner, `await (await import(${JSON.stringify(DIST_MAIN)})).main();\n`);
  const env = envWithCache(path.join(tmp, 'home-default'));
  const r = spawnSync(process.execPath, [runner, ...args], { cwd: ROOT, encoding: 'utf8', env, timeout: 240_000, maxBuffer: 64 * 1024 * 1024 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('the bundle and the modules it is made of', () => {
  const synthetic = path.join(tmp, 'synthetic');
  generate(synthetic, 3);

  it.each([
    ['json on the violating app', [VIOLATING_APP, '--format', 'json', '--concurrency', '1']],
    ['sarif on the violating app', [VIOLATING_APP, '--format', 'sarif']],
    ['stylish on the violating app', [VIOLATING_APP, '--format', 'stylish', '--no-color']],
    // Two threads: the worker pool takes the bundle's own rules and the workers load dist/.
    ['json on a synthetic monorepo with worker threads', [synthetic, '--format', 'json', '--concurrency', '2']],
    ['the model', ['model', VIOLATING_APP]],
    ['help', ['--help']],
    ['an unknown flag', ['--no-such-flag']],
    ['the rules list', ['rules']],
  ])('give the same output: %s', (_name, args) => {
    const bundled = viaBin(args);
    const modules = viaModules(args);
    expect(bundled.stdout.length + bundled.stderr.length).toBeGreaterThan(0);
    expect(bundled).toEqual(modules);
  }, 240_000);
});

describe('lazy modules stay lazy in the bundle', () => {
  // esbuild wraps a module that is imported on demand in an init function made by its `__esm`
  // helper; the run below counts which of them ran. Required packages are checked in require.cache.
  const LAZY = [
    'dist/src/reporters/html.js',
    'dist/src/reporters/sarif.js',
    'dist/src/reporters/junit.js',
    'dist/src/reporters/markdown.js',
    'dist/src/reporters/badge.js',
    'dist/src/reporters/dashboard.js',
    'dist/src/reporters/schema.js',
    'dist/src/cli/commands/model.js',
    'dist/src/cli/commands/rules.js',
    'dist/src/cli/commands/explain.js',
    'dist/src/cli/commands/init.js',
  ];
  const LAZY_PACKAGES = ['typescript.js', `${path.sep}yaml${path.sep}`, `${path.sep}ajv${path.sep}`, `${path.sep}dockerfile-ast${path.sep}`];

  function evaluated(args: string[]): { modules: string[]; packages: string[] } {
    const script = `
      import { readFileSync } from 'node:fs';
      import { createRequire } from 'node:module';
      import path from 'node:path';
      import { Script } from 'node:vm';
      const bundle = ${JSON.stringify(BUNDLE)};
      const HELPER = 'var __esm = (fn, res, err) => function __init() {';
      let text = readFileSync(bundle, 'utf8');
      if (!text.includes(HELPER)) throw new Error('esbuild no longer writes its __esm helper as this test expects: update the test');
      globalThis.__inits = new Set();
      text = text.replace(HELPER, 'var __esm = (fn, res, err) => { const name = Object.getOwnPropertyNames(fn)[0]; const init = __esmPlain(fn, res, err); return function __counted() { globalThis.__inits.add(name); return init(); }; };\\nvar __esmPlain = (fn, res, err) => function __init() {');
      process.argv = [process.argv[0], 'twelve-factor-audit', ...JSON.parse(process.env.TFA_ARGS)];
      const require = createRequire(bundle);
      const module = { exports: {} };
      new Script('(function (exports, require, module, __filename, __dirname, __tfaImport) {' + text + '\\n})', { filename: bundle })
        .runInThisContext()(module.exports, require, module, bundle, path.dirname(bundle), (url) => import(url));
      await module.exports.main();
      process.stderr.write(JSON.stringify({ modules: [...globalThis.__inits], packages: Object.keys(require.cache) }));`;
    const r = spawnSync(process.execPath, ['--input-type=module', '-e', script], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, TFA_ARGS: JSON.stringify(args) }, timeout: 120_000 });
    const last = r.stderr.slice(r.stderr.lastIndexOf('{"modules"'));
    return JSON.parse(last) as { modules: string[]; packages: string[] };
  }

  it('--version evaluates none of the reporters, subcommands or lazily required packages', () => {
    const { modules, packages } = evaluated(['--version']);
    // The wrappers exist and ran for the modules the start-up needs (the check can see them).
    expect(modules).toContain('dist/src/engine/audit.js');
    expect(modules.filter((m) => LAZY.includes(m))).toEqual([]);
    expect(packages.filter((p) => LAZY_PACKAGES.some((name) => p.includes(name)))).toEqual([]);
  }, 120_000);

  it('a JSON audit evaluates the JSON reporter and not the others', () => {
    const { modules } = evaluated([VIOLATING_APP, '--format', 'json']);
    expect(modules).toContain('dist/src/reporters/json.js');
    expect(modules.filter((m) => LAZY.includes(m))).toEqual([]);
  }, 120_000);
});

describe('the code cache of the bundle', () => {
  const dir = path.join(tmp, 'code-cache');

  /** Runs the bundle with the code cache in `cacheDir` in a fresh process; what the cache did, and whether the CLI works. */
  function load(cacheDir: string): string {
    const script = `
      const { runWithCodeCache } = await import(${JSON.stringify(CODE_CACHE)});
      const loaded = runWithCodeCache(${JSON.stringify(BUNDLE)}, ${JSON.stringify(cacheDir)}, 'cli', { __tfaImport: (url) => import(url) });
      let out = '';
      const code = await loaded.exports.run(['--version'], { stdout: (s) => { out += s; }, stderr: (s) => { out += s; }, isTTY: false, cwd: process.cwd() });
      console.log(loaded.save(), code === 0 && /^\\d+\\.\\d+\\.\\d+/.test(out) ? 'runs' : 'broken: ' + out);`;
    const r = spawnSync(process.execPath, ['--input-type=module', '-e', script], { cwd: ROOT, encoding: 'utf8', timeout: 60_000 });
    expect(r.stderr).toBe('');
    return r.stdout.trim();
  }

  it('is written when absent, used next time; a corrupt, truncated or foreign file is refused, ignored and rewritten', () => {
    // What an older build left is removed when the cache is written; other files stay.
    mkdirSync(dir, { recursive: true });
    const others = ['notes.txt', 'typescript-0123456789abcdef.v8cache'];
    for (const name of [...others, 'cli-0123456789abcdef.v8cache']) writeFileSync(path.join(dir, name), 'old');
    expect(load(dir)).toBe('written runs');
    const files = readdirSync(dir).filter((f) => !others.includes(f));
    expect(files).toHaveLength(1);
    expect(files[0]).toMatch(/^cli-[0-9a-f]{16}\.v8cache$/);
    expect(files[0]).not.toBe('cli-0123456789abcdef.v8cache');
    expect(readdirSync(dir).filter((f) => others.includes(f))).toHaveLength(2);
    const cacheFile = path.join(dir, files[0]!);
    const written = readFileSync(cacheFile);
    expect(written.length).toBeGreaterThan(100_000);
    expect(load(dir)).toBe('used runs');

    const flipped = Buffer.from(written);
    const middle = flipped.length >> 1;
    flipped.writeUInt8(flipped.readUInt8(middle) ^ 0xff, middle);
    for (const bad of [flipped, Buffer.alloc(written.length, 0x5a), written.subarray(0, 64)]) {
      writeFileSync(cacheFile, bad);
      expect(load(dir)).toBe('rejected-and-written runs');
      expect(readFileSync(cacheFile).equals(bad)).toBe(false);
    }
    const foreign = Buffer.alloc(4096, 7);
    writeFileSync(cacheFile, Buffer.concat([createHash('sha256').update(foreign).digest(), foreign]));
    expect(load(dir)).toBe('rejected-and-written runs');
    expect(load(dir)).toBe('used runs');
  }, 180_000);

  it('runs the CLI when the cache folder cannot be written', () => {
    const blocked = path.join(dir, 'not-a-folder');
    writeFileSync(blocked, 'a file where the folder would go');
    expect(load(path.join(blocked, 'cache'))).toBe('unwritable runs');
  }, 60_000);

  it('bin keeps it only for runs with --cache, in the user cache folder, and reports the same with it', () => {
    const cliCaches = (home: string): string[] => {
      const folder = path.join(home, 'cache', 'twelve-factor-audit');
      return existsSync(folder) ? readdirSync(folder).filter((f) => f.startsWith('cli-')) : [];
    };
    const args = [VIOLATING_APP, '--format', 'json'];
    const plain = viaBin(args, envWithCache(path.join(tmp, 'home-plain')));
    expect(plain.code).toBe(1);
    for (const [name, extra] of [
      ['no flag', []],
      ['--no-cache', ['--no-cache']],
      ['--cache then --no-cache', ['--cache', '--no-cache']],
      ['--cache=false', ['--cache=false']],
      ['--cache false', ['--cache', 'false']],
    ] as const) {
      const home = path.join(tmp, `home-${name.replace(/\W+/g, '-')}`);
      mkdirSync(home, { recursive: true });
      expect(viaBin([...args, ...extra], envWithCache(home)), name).toEqual(plain);
      expect(cliCaches(home), name).toEqual([]);
    }
    const home = path.join(tmp, 'home-cache');
    const location = path.join(tmp, 'audit-cache.json');
    const first = viaBin([...args, '--cache', '--cache-location', location], envWithCache(home));
    expect(first).toEqual(plain);
    const [file] = cliCaches(home);
    expect(file).toMatch(/^cli-[0-9a-f]{16}\.v8cache$/);
    const cacheFile = path.join(home, 'cache', 'twelve-factor-audit', file!);
    const before = statSync(cacheFile);
    // Used, so not written again; the same report.
    expect(viaBin([...args, '--cache', '--cache-location', location], envWithCache(home))).toEqual(plain);
    expect(statSync(cacheFile).mtimeMs).toBe(before.mtimeMs);
    // Damaged: ignored, the same report, rewritten.
    writeFileSync(cacheFile, Buffer.alloc(before.size, 1));
    expect(viaBin([...args, '--cache=true', '--cache-location', location], envWithCache(home))).toEqual(plain);
    expect(readFileSync(cacheFile).equals(Buffer.alloc(before.size, 1))).toBe(false);
  }, 240_000);

  it('bin runs the modules, not a bundle older than them (tsc run alone after a build)', () => {
    const home = path.join(tmp, 'home-stale');
    const { atime, mtime } = statSync(BUNDLE);
    const modulesTime = statSync(path.join(ROOT, 'dist', 'src', 'cli', 'main.js')).mtime;
    try {
      utimesSync(BUNDLE, atime, new Date(modulesTime.getTime() - 60_000));
      const run = viaBin(['--version', '--cache'], envWithCache(home));
      expect([run.code, run.stderr]).toEqual([0, '']);
      // The bundle would have kept its code cache; the modules keep none.
      expect(existsSync(path.join(home, 'cache', 'twelve-factor-audit'))).toBe(false);
    } finally {
      utimesSync(BUNDLE, atime, mtime);
    }
    expect(viaBin(['--version', '--cache'], envWithCache(home)).code).toBe(0);
    expect(readdirSync(path.join(home, 'cache', 'twelve-factor-audit')).filter((f) => f.startsWith('cli-'))).toHaveLength(1);
  }, 60_000);

  it('is never kept inside the audited tree, even when the user cache folder is there', () => {
    const tree = path.join(tmp, 'tree-with-cache');
    cpSync(VIOLATING_APP, tree, { recursive: true });
    const args = [tree, '--format', 'json', '--cache', '--cache-location', path.join(tmp, 'tree-audit-cache.json')];
    const env = { ...process.env, HOME: tree, XDG_CACHE_HOME: path.join(tree, '.cache') };
    const run = viaBin(args, env);
    expect(run.code).toBe(1);
    expect(JSON.parse(run.stdout)).toMatchObject({ findings: expect.arrayContaining([expect.objectContaining({ ruleId: 'config/hardcoded-secret' })]) });
    expect(readdirSync(tree, { recursive: true }).map(String).filter((f) => f.endsWith('.v8cache'))).toEqual([]);
  }, 120_000);
});
