// The CLI bundle (scripts/bundle-cli.mjs, built by `npm run build`, which `npm test` runs first) is
// what bin/ runs: it must give the same bytes as the ES modules in dist/ it is made of, keep lazy
// modules lazy; bin must not run a bundle older than the modules, and the compiler's code cache
// (src/parsing/typescript-module.ts) is never kept inside the audited tree.

import { spawnSync } from 'node:child_process';
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

describe('the bundle as a script', () => {
  it('is ASCII: one character beyond it (a comment esbuild keeps, a regular expression it leaves as written) makes Node decode all of it as UTF-16', () => {
    const lines = readFileSync(BUNDLE, 'latin1').split('\n');
    const offending = lines.flatMap((line, i) => (/[^\x00-\x7f]/.test(line) ? [`line ${i + 1}: ${line.trim().slice(0, 120)}`] : []));
    // Write such a character as ASCII in the source (`...`, a \u escape).
    expect(offending).toEqual([]);
  });
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
  const LAZY_PACKAGES = ['yargs.bundle.cjs', 'typescript.js', `${path.sep}yaml${path.sep}`, `${path.sep}ajv${path.sep}`, `${path.sep}dockerfile-ast${path.sep}`];

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
      new Script('(function (exports, require, module, __filename, __dirname) {' + text + '\\n})', { filename: bundle })
        .runInThisContext()(module.exports, require, module, bundle, path.dirname(bundle));
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
    const { modules, packages } = evaluated([VIOLATING_APP, '--format', 'json', '--no-progress']);
    expect(modules).toContain('dist/src/reporters/json.js');
    expect(modules.filter((m) => LAZY.includes(m))).toEqual([]);
    // The plain command line is parsed without yargs (src/cli/simple-args.ts), which is a script of its own.
    expect(packages.filter((p) => p.endsWith('yargs.bundle.cjs'))).toEqual([]);
  }, 120_000);

  it('yargs is required from its own script when a command line needs it, and only then', () => {
    expect(evaluated(['--version']).packages.filter((p) => p.endsWith('yargs.bundle.cjs'))).toEqual([]);
    expect(evaluated(['--help']).packages.filter((p) => p.endsWith('yargs.bundle.cjs'))).toEqual([path.join(path.dirname(BUNDLE), 'yargs.bundle.cjs')]);
  }, 120_000);
});

describe('bin and the code cache', () => {
  it('bin runs the bundle when it is current, the modules when it is missing or older than them (tsc run alone after a build)', () => {
    // bin's choice on a copy of it beside two stand-ins (the real bundle is shared by parallel tests).
    const pkg = path.join(tmp, 'stand-in');
    mkdirSync(path.join(pkg, 'bin'), { recursive: true });
    mkdirSync(path.join(pkg, 'dist', 'src', 'cli'), { recursive: true });
    cpSync(BIN, path.join(pkg, 'bin', 'twelve-factor-audit.js'));
    // bin's V8 settings for a short run (what it requires first).
    cpSync(path.join(path.dirname(BIN), 'v8-tuning.cjs'), path.join(pkg, 'bin', 'v8-tuning.cjs'));
    // bin is CommonJS inside a package of ES modules (its own package.json says so: no ES module loader at start-up).
    cpSync(path.join(path.dirname(BIN), 'package.json'), path.join(pkg, 'bin', 'package.json'));
    writeFileSync(path.join(pkg, 'package.json'), '{"type":"module"}\n');
    const modules = path.join(pkg, 'dist', 'src', 'cli', 'main.js');
    const bundle = path.join(pkg, 'dist', 'src', 'cli', 'main.bundle.cjs');
    writeFileSync(modules, 'export async function main() { console.log("modules"); }\n');
    const ran = () => spawnSync(process.execPath, [path.join(pkg, 'bin', 'twelve-factor-audit.js')], { encoding: 'utf8' }).stdout.trim();
    expect(ran()).toBe('modules');
    writeFileSync(bundle, 'exports.main = async () => { console.log("bundle"); };\n');
    const now = statSync(modules).mtime.getTime();
    utimesSync(bundle, new Date(now), new Date(now + 60_000));
    expect(ran()).toBe('bundle');
    utimesSync(bundle, new Date(now), new Date(now - 60_000));
    expect(ran()).toBe('modules');
  }, 60_000);

  it('the compiler\'s code cache is never kept inside the audited tree, even when the user cache folder is there', () => {
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
