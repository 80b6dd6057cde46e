// What the tool must never do to the machine it runs on: execute or import anything from the scanned
// tree, open a socket, spawn a process, write inside the tree unless asked, leave half a report; and
// what it must always do: give the same bytes for the same tree, whatever the file-system order.

import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, existsSync, linkSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cliFlags, cliFormats, removeDir, runCli, soundnessProblems, STACK_TRACE, tempDir } from './helpers.js';

const REPO = path.resolve(import.meta.dirname, '..', '..');
const BIN = path.join(REPO, 'bin', 'twelve-factor-audit.js');

/** Code that records (in MARKER_DIR) that it ran: put where a careless tool would load or run it. */
function sideEffect(tag: string): string {
  return `require('fs').writeFileSync(require('path').join(process.env.MARKER_DIR || '/tmp', ${JSON.stringify(`ran-${tag}`)}), 'x');\n`;
}
function sideEffectEsm(tag: string): string {
  return `import { writeFileSync } from 'node:fs';\nwriteFileSync((process.env.MARKER_DIR || '/tmp') + '/ran-${tag}', 'x');\nexport default {};\n`;
}

/** A tree full of things that run when imported, required, installed, configured or git-touched. */
function trapTree(dir: string): void {
  const w = (rel: string, text: string) => {
    mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    writeFileSync(path.join(dir, rel), text);
  };
  w('package.json', JSON.stringify({ name: 'trap', main: 'index.js', scripts: { preinstall: 'touch "$MARKER_DIR/ran-preinstall"', postinstall: 'node index.js', start: 'node index.js' }}, null, 2));
  w('package-lock.json', '{"name":"trap","lockfileVersion":3,"packages":{}}\n');
  w('index.js', `${sideEffect('index')}const http = require('http');\nhttp.createServer((q, s) => s.end('hi')).listen(process.env.PORT);\nprocess.on('SIGTERM', () => process.exit(0));\n`);
  w('server.mjs', sideEffectEsm('server-mjs'));
  w('src/app.ts', `import './side-effect.js';\n${sideEffectEsm('app-ts')}`);
  w('src/side-effect.js', sideEffect('side-effect'));
  w('twelve-factor.config.js', sideEffect('config-js'));
  w('twelve-factor.config.mjs', sideEffectEsm('config-mjs'));
  w('.twelve-factor.js', sideEffect('dot-config-js'));
  // A valid data config beside JS files named like configs: only the data is read. (A config whose
  // extends names a JS file is a config error, exit 2: test/workflow/config.test.ts.)
  w('.twelve-factor.yml', 'rules:\n  config/hardcoded-secret: error\n');
  w('plugin.js', sideEffect('plugin'));
  w('eslint.config.js', sideEffectEsm('eslint-config'));
  w('vitest.config.ts', sideEffectEsm('vitest-config'));
  w('tsconfig.json', JSON.stringify({ extends: './tsconfig.base.js', compilerOptions: { plugins: [{ name: './plugin.js' }] } }));
  w('node_modules/evil/index.js', sideEffect('node-modules'));
  w('node_modules/evil/package.json', '{"name":"evil","main":"index.js"}');
  w('Dockerfile', `FROM node:20.11.1-alpine@sha256:${'1'.repeat(64)}\nRUN touch "$MARKER_DIR/ran-dockerfile"\nCMD ["node", "index.js"]\n`);
  w('scripts/start.sh', '#!/bin/sh\ntouch "$MARKER_DIR/ran-shell"\nexec node index.js\n');
  w('Procfile', 'web: node index.js\nrelease: touch "$MARKER_DIR/ran-procfile"\n');
  w('compose.yaml', 'services:\n  web:\n    build: .\n    command: sh -c \'touch "$MARKER_DIR/ran-compose"\'\n    healthcheck:\n      test: ["CMD", "curl", "-f", "http://127.0.0.1:1/"]\n');
  w('.env', 'DATABASE_URL=postgres://db.invalid:5432/app\nWEBHOOK=https://hooks.invalid/x\n');
  // A git repository whose config runs a command on any `git status` (fsmonitor) and hooks.
  w('.git/HEAD', 'ref: refs/heads/main\n');
  w('.git/config', `[core]\n\trepositoryformatversion = 0\n\tfsmonitor = "touch \\"$MARKER_DIR/ran-fsmonitor\\""\n\thooksPath = hooks\n[remote "origin"]\n\turl = https://example.invalid/trap.git\n`);
  w('.git/hooks/post-checkout', '#!/bin/sh\ntouch "$MARKER_DIR/ran-hook"\n');
  w('.git/refs/tags/v1.0.0', `${'2'.repeat(40)}\n`);
}

/** Preload that makes every socket, DNS lookup, HTTP request and child process fail loudly and leave a marker. */
const PRELOAD = String.raw`
import { appendFileSync } from 'node:fs';
import { createRequire, register } from 'node:module';
const require = createRequire(import.meta.url);
const log = process.env.VIOLATIONS_FILE;
function trap(what) {
  return function () {
    appendFileSync(log, what + '\n');
    throw new Error('forbidden in the audit: ' + what);
  };
}
const net = require('node:net');
const tls = require('node:tls');
const dns = require('node:dns');
const http = require('node:http');
const https = require('node:https');
const http2 = require('node:http2');
const dgram = require('node:dgram');
const cp = require('node:child_process');
net.connect = net.createConnection = trap('net.connect');
net.Socket.prototype.connect = trap('net.Socket.connect');
net.Server.prototype.listen = trap('net.Server.listen');
tls.connect = trap('tls.connect');
for (const k of ['lookup', 'resolve', 'resolve4', 'resolve6', 'resolveAny', 'resolveTxt', 'reverse']) dns[k] = trap('dns.' + k);
for (const k of ['lookup', 'resolve', 'resolve4', 'resolve6', 'resolveAny']) dns.promises[k] = trap('dns.promises.' + k);
http.request = http.get = trap('http.request');
https.request = https.get = trap('https.request');
http2.connect = trap('http2.connect');
dgram.createSocket = trap('dgram.createSocket');
for (const k of ['spawn', 'spawnSync', 'exec', 'execSync', 'execFile', 'execFileSync', 'fork']) cp[k] = trap('child_process.' + k);
globalThis.fetch = trap('fetch');
globalThis.WebSocket = trap('WebSocket');
process.dlopen = trap('process.dlopen');
// Every module the tool resolves is recorded; none may come from the scanned tree.
register(new URL('./resolve-hook.mjs', import.meta.url), { data: { log: process.env.MODULES_FILE } });
// CommonJS loads too.
const Module = require('node:module');
const load = Module._load;
Module._load = function (request, parent, isMain) {
  try { appendFileSync(process.env.MODULES_FILE, 'cjs ' + Module._resolveFilename(request, parent, isMain) + '\n'); } catch {}
  return load.apply(this, arguments);
};
`;

const RESOLVE_HOOK = String.raw`
import { appendFileSync } from 'node:fs';
let log;
export function initialize(data) { log = data.log; }
export async function resolve(specifier, context, next) {
  const result = await next(specifier, context);
  appendFileSync(log, 'esm ' + result.url + '\n');
  return result;
}
`;

function snapshot(dir: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const e of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    const abs = path.join(e.parentPath, e.name);
    const rel = path.relative(dir, abs);
    if (e.isFile()) {
      const st = statSync(abs);
      out.set(rel, `${st.size} ${st.mtimeMs} ${createHash('sha256').update(readFileSync(abs)).digest('hex')}`);
    } else out.set(rel, e.isDirectory() ? 'dir' : 'other');
  }
  return out;
}

describe('no execution, no network, no writes', () => {
  let work = '';
  let tree = '';
  let markers = '';
  beforeAll(() => {
    work = tempDir('safety');
    tree = path.join(work, 'tree');
    markers = path.join(work, 'markers');
    mkdirSync(tree);
    mkdirSync(markers);
    trapTree(tree);
    writeFileSync(path.join(work, 'preload.mjs'), PRELOAD);
    writeFileSync(path.join(work, 'resolve-hook.mjs'), RESOLVE_HOOK);
  });
  afterAll(() => removeDir(work));

  it('the traps work: a socket, a child process and a module load are all caught', () => {
    const violations = path.join(work, 'self-check.log');
    const modules = path.join(work, 'self-check-modules.log');
    writeFileSync(violations, '');
    writeFileSync(modules, '');
    const script = "try { require('net').connect(9) } catch {} try { require('child_process').execSync('true') } catch {} try { require('dns').lookup('x', () => {}) } catch {} import('node:path');";
    const r = spawnSync(process.execPath, ['--import', path.join(work, 'preload.mjs'), '-e', script], { env: { ...process.env, VIOLATIONS_FILE: violations, MODULES_FILE: modules }, encoding: 'utf8' });
    expect(r.status, r.stderr).toBe(0);
    expect(readFileSync(violations, 'utf8').split('\n').filter(Boolean)).toEqual(['net.connect', 'child_process.execSync', 'dns.lookup']);
    expect(readFileSync(modules, 'utf8')).toContain('node:path');
  });

  it('the built CLI opens no socket, spawns nothing, loads nothing from the scanned tree, runs nothing in it', async () => {
    expect(existsSync(path.join(REPO, 'dist', 'src', 'cli', 'main.js')), 'run `npm run build` first (npm test does)').toBe(true);
    const violations = path.join(work, 'violations.log');
    const modules = path.join(work, 'modules.log');
    writeFileSync(violations, '');
    writeFileSync(modules, '');
    const before = snapshot(tree);
    const formats = await cliFormats();
    for (const format of formats) {
      const r = spawnSync(process.execPath, ['--import', path.join(work, 'preload.mjs'), BIN, tree, '--format', format], {
        env: { ...process.env, MARKER_DIR: markers, VIOLATIONS_FILE: violations, MODULES_FILE: modules, NO_COLOR: '1' },
        encoding: 'utf8',
        timeout: 120_000,
      });
      expect(r.status, `${format}: ${r.stderr}`).toBeGreaterThanOrEqual(0);
      expect([0, 1]).toContain(r.status);
      expect(r.stderr).not.toMatch(STACK_TRACE);
    }
    expect(readFileSync(violations, 'utf8')).toBe('');
    expect(readdirSync(markers)).toEqual([]);
    const loaded = readFileSync(modules, 'utf8').split('\n').filter(Boolean);
    // The hooks did record the tool's own code (bin runs the CLI bundle): the check below is not vacuous.
    expect(loaded.some((l) => l.includes('/dist/src/cli/main.bundle.cjs'))).toBe(true);
    expect(loaded.filter((l) => l.includes(tree))).toEqual([]);
    // Nothing written, touched or left behind in the scanned tree.
    expect(snapshot(tree)).toEqual(before);
  }, 300_000);

  it('in-process runs write nothing in the scanned tree, and --output writes only the file asked for', async () => {
    const before = snapshot(tree);
    const r = await runCli([tree, '--format', 'json']);
    expect(soundnessProblems(r).problems).toEqual([]);
    expect(snapshot(tree)).toEqual(before);
    const asked = path.join(tree, 'reports', 'audit.json');
    mkdirSync(path.dirname(asked));
    const w = await runCli([tree, '--format', 'json', '--output', asked]);
    expect([0, 1]).toContain(w.code);
    const after = snapshot(tree);
    const added = [...after.keys()].filter((k) => !before.has(k)).sort();
    expect(added).toEqual(['reports', path.join('reports', 'audit.json')]);
    expect([...before.keys()].filter((k) => after.get(k) !== before.get(k))).toEqual([]);
    expect(readdirSync(markers)).toEqual([]);
  }, 120_000);
});

describe('--output is written atomically', () => {
  let dir = '';
  beforeAll(() => {
    dir = tempDir('atomic');
    mkdirSync(path.join(dir, 'tree'));
    writeFileSync(path.join(dir, 'tree', 'Dockerfile'), 'FROM node\n');
    mkdirSync(path.join(dir, 'out'));
  });
  afterAll(() => removeDir(dir));

  it('replaces the report by rename (a reader holding the old file sees it whole) and leaves no temp file', async () => {
    const target = path.join(dir, 'out', 'report.json');
    writeFileSync(target, 'OLD REPORT');
    // A hard link to the old inode: an in-place write would change what it reads, a rename does not.
    linkSync(target, path.join(dir, 'out', 'held-by-reader'));
    const r = await runCli([path.join(dir, 'tree'), '--format', 'json', '--output', target]);
    expect(r.code).toBe(1);
    expect(readFileSync(path.join(dir, 'out', 'held-by-reader'), 'utf8')).toBe('OLD REPORT');
    expect(JSON.parse(readFileSync(target, 'utf8')).findings.length).toBeGreaterThan(0);
    expect(readdirSync(path.join(dir, 'out')).sort()).toEqual(['held-by-reader', 'report.json']);
  });

  it('an unwritable target is a one-line error (exit 2), the old report stays whole, no temp file is left', async () => {
    const target = path.join(dir, 'out', 'is-a-dir');
    mkdirSync(target);
    const r = await runCli([path.join(dir, 'tree'), '--format', 'json', '--output', target]);
    expect(r.code).toBe(2);
    expect(r.stderr).not.toMatch(STACK_TRACE);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    // Missing folders are created (issue 17); a parent that is a file cannot be.
    writeFileSync(path.join(dir, 'out', 'plain-file'), '');
    const fileParent = await runCli([path.join(dir, 'tree'), '--format', 'json', '--output', path.join(dir, 'out', 'plain-file', 'r.json')]);
    expect(fileParent.code).toBe(2);
    expect(fileParent.stderr).not.toMatch(STACK_TRACE);
    expect(fileParent.stderr).toContain('a parent is not a folder (ENOTDIR)');
    expect(readdirSync(path.join(dir, 'out')).filter((n) => n.endsWith('.tmp'))).toEqual([]);
    rmSync(path.join(dir, 'out', 'plain-file'));
  });
});

describe('determinism', () => {
  let a = '';
  let b = '';
  beforeAll(() => {
    // Every rule fixture case in one tree, copied in opposite orders into two folders.
    const cases: string[] = [];
    const rulesDir = path.join(REPO, 'rules');
    for (const factor of readdirSync(rulesDir)) {
      const fx = path.join(rulesDir, factor, '__fixtures__');
      if (!existsSync(fx)) continue;
      for (const rule of readdirSync(fx)) for (const c of readdirSync(path.join(fx, rule))) cases.push(path.join(factor, rule, c));
    }
    const apps = path.join(REPO, 'fixtures', 'apps');
    // Same folder name in both (the report names its target after it), different parents.
    a = path.join(tempDir('determinism-a'), 'service');
    b = path.join(tempDir('determinism-b'), 'service');
    const copyAll = (root: string, list: string[]) => {
      for (const c of list) cpSync(path.join(rulesDir, c.split(path.sep)[0]!, '__fixtures__', ...c.split(path.sep).slice(1)), path.join(root, 'cases', c), { recursive: true });
      if (existsSync(apps)) for (const app of [...readdirSync(apps)].sort().reverse()) cpSync(path.join(apps, app), path.join(root, 'apps', app), { recursive: true });
    };
    copyAll(a, cases.sort());
    copyAll(b, cases.sort().reverse());
  });
  afterAll(() => {
    removeDir(path.dirname(a));
    removeDir(path.dirname(b));
  });

  it('two trees with the same files created in different orders give byte-identical reports in every format', async () => {
    const flags = await cliFlags();
    const variants: string[][] = [[]];
    // Worker counts, when the CLI has them (issue 8): the report must not depend on them.
    for (const f of ['workers', 'jobs', 'concurrency']) if (flags.has(f)) variants.push([`--${f}`, '1'], [`--${f}`, '4']);
    const differences: string[] = [];
    for (const format of await cliFormats()) {
      const outputs: string[] = [];
      for (const extra of variants) {
        for (const root of [a, b, a]) {
          const r = await runCli([root, '--format', format, ...extra]);
          expect([0, 1], r.stderr).toContain(r.code);
          outputs.push(r.stdout.split(root).join('<root>'));
        }
      }
      if (new Set(outputs).size !== 1) differences.push(format);
    }
    expect(differences).toEqual([]);
  }, 300_000);
});
