// The incremental cross-file phase (audit.ts: each rule's findings and the roles stored with what
// they read, src/model/dependencies.ts) must never change a report: over a sequence of edits that
// add, remove and move cross-file findings (a SIGTERM handler, env vars, an image tag, a port, moved
// lines, a file added and deleted, a file that becomes runtime because the entrypoint imports it)
// and edits that leave every fact as it was, the incremental run (the cache of the previous step), a
// warm run (the same cache again), a cold run (no cache) and --changed-since with and without the
// cache give the same bytes; a facts-neutral edit runs no cross-file rule, and a fact change reruns
// the rules that read it and not the others. A second sequence does the same over a workspace whose
// hoisting (the workspace list, the lockfile, .npmrc) decides how an undeclared import resolves.

import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { run } from '../src/cli/main.js';
import { audit } from '../src/engine/audit.js';
import { createTimings } from '../src/engine/timing.js';
import { rules } from '../rules/index.js';
import { DependencyRecorder } from '../src/model/dependencies.js';
import { declarationsFor } from '../src/model/packages.js';
import { ProjectModel } from '../src/model/project-model.js';
import { parsePackageJson } from '../src/parsing/package-json.js';
import { tokenFactory } from './secrets/tokens.js';

const tmp = mkdtempSync(path.join(os.tmpdir(), 'tfa-incremental-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const root = path.join(tmp, 'svc');

function write(files: Record<string, string>, dir = root): void {
  for (const [rel, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    writeFileSync(path.join(dir, rel), text);
  }
}

function git(dir: string, ...args: string[]): void {
  const r = spawnSync('git', args, { cwd: dir, encoding: 'utf8', env: { ...process.env, GIT_AUTHOR_NAME: 't', GIT_AUTHOR_EMAIL: 't@e', GIT_COMMITTER_NAME: 't', GIT_COMMITTER_EMAIL: 't@e' } });
  if (r.status !== 0) throw new Error(r.stderr);
}

async function report(args: string[], dir = root): Promise<string> {
  let stdout = '';
  let stderr = '';
  const code = await run([dir, '--format', 'json', '--fail-on', 'never', '--no-progress', '--preset', 'strict', ...args], { stdout: (s) => (stdout += s), stderr: (s) => (stderr += s), isTTY: false, cwd: tmp });
  if (code !== 0) throw new Error(`exit ${code}: ${stderr}`);
  return stdout;
}

const shutdown = (signals: string[]) => `export function installShutdown(close: () => void): void {\n${signals.map((s) => `  process.on('${s}', close);\n`).join('')}}\n`;
const index = (prefix: string, listen: string) =>
  `${prefix}import express from 'express';\nimport { installShutdown } from './shutdown.js';\n\nconst app = express();\nconst server = ${listen};\ninstallShutdown(() => server.close());\nconsole.log(process.env.API_URL);\n`;
const deployment = (image: string) =>
  `apiVersion: apps/v1\nkind: Deployment\nmetadata: { name: svc }\nspec:\n  template:\n    spec:\n      containers:\n        - name: svc\n          image: ${image}\n          ports: [{ containerPort: 8080 }]\n`;

const warmScript = (prefix: string) => `${prefix}import http from 'node:http';\n\nexport function warm(): void {\n  http.createServer(() => undefined).listen(9090);\n}\n`;
const importingWarm = (text: string) => `import { warm } from '../scripts/warm.js';\n${text}warm();\n`;

const metrics = (prefix: string, imports: string[]) => `${prefix}${imports.map((name, i) => `import m${i} from '${name}';\n`).join('')}\nexport const loaded = [${imports.map((_, i) => `m${i}`).join(', ')}];\n`;
const packageJson = (dependencies: Record<string, string>) => JSON.stringify({ name: 'svc', version: '1.0.0', main: 'dist/index.js', scripts: { start: 'node dist/index.js', build: 'tsc' }, dependencies }, null, 2);
const tsconfig = (paths: Record<string, string[]>) => JSON.stringify({ compilerOptions: { strict: true, paths } }, null, 2);

/**
 * Each step edits the tree; `model` says whether a cross-file rule must run (false: the edit changes
 * no fact, or only facts of a file that no part read); `reran` are rules that must run again, `kept`
 * rules whose stored findings must be reused; `undeclaredFiles`, how many files' partials of
 * dependencies/undeclared-import (a rule in its per-file form) were computed again;
 * `hoistingComputed`, whether it computed the workspace hoisting again (false: taken from the cache).
 */
interface Step {
  name: string;
  edit: () => void;
  model: boolean;
  reran?: string[];
  kept?: string[];
  undeclaredFiles?: number;
  hoistingComputed?: boolean;
}

/**
 * Runs the steps over `dir` (a git repository, one commit per step), checking at each that the
 * incremental, warm, cold and --changed-since runs give the same bytes and that the cross-file
 * rules ran as the step says; returns each step's cold report.
 */
async function runSteps(dir: string, steps: Step[]): Promise<string[]> {
  const cache = path.join(tmp, `${path.basename(dir)}-cache`) + path.sep;
  mkdirSync(dir, { recursive: true });
  git(dir, 'init', '-q', '-b', 'main');
  const reports: string[] = [];
  for (const [i, step] of steps.entries()) {
    step.edit();
    git(dir, 'add', '-A');
    git(dir, 'commit', '-q', '--allow-empty', '-m', step.name);
    const timings = createTimings();
    await audit({ root: dir, rules, cacheLocation: path.join(tmp, `${path.basename(dir)}-api-cache.json`), concurrency: 1, timings });

    const incremental = await report(['--cache', '--cache-location', cache], dir);
    const warm = await report(['--cache', '--cache-location', cache], dir);
    const cold = await report([], dir);
    expect(incremental, step.name).toBe(cold);
    expect(warm, step.name).toBe(cold);
    if (i > 0) {
      const changedCold = await report(['--changed-since', 'HEAD~1'], dir);
      const changedCached = await report(['--changed-since', 'HEAD~1', '--cache', '--cache-location', cache], dir);
      expect(changedCached, step.name).toBe(changedCold);
    }
    reports.push(cold);
    // The cross-file rules ran exactly when a fact changed, and only those that read it.
    const ran = timings.entries().filter(([name]) => name.startsWith('rule:')).map(([name]) => name.slice(5));
    expect(ran.length > 0, step.name).toBe(step.model);
    for (const id of step.reran ?? []) expect(ran, step.name).toContain(id);
    for (const id of step.kept ?? []) expect(ran, step.name).not.toContain(id);
    const count = (name: string) => timings.entries().find(([n]) => n === name)?.[1];
    if (step.undeclaredFiles !== undefined) expect(count('count:files:dependencies/undeclared-import'), step.name).toBe(step.undeclaredFiles);
    if (step.hoistingComputed !== undefined) expect(count('count:value:dependencies/undeclared-import:workspace-hoisting') !== undefined, step.name).toBe(step.hoistingComputed);
  }
  return reports;
}

const steps: Step[] = [
  {
    name: 'initial tree',
    model: true,
    edit: () =>
      write({
        'package.json': JSON.stringify({ name: 'svc', version: '1.0.0', main: 'dist/index.js', scripts: { start: 'node dist/index.js', build: 'tsc' }, dependencies: { express: '4.21.2' } }, null, 2),
        'package-lock.json': JSON.stringify({ name: 'svc', lockfileVersion: 3, packages: {} }),
        'src/index.ts': index('', 'app.listen(Number(process.env.PORT ?? 3000))'),
        'src/shutdown.ts': shutdown(['SIGINT']),
        Dockerfile: 'FROM node:20\nWORKDIR /app\nCOPY . .\nCMD ["node", "dist/index.js"]\n',
        '.env.example': 'PORT=3000\n',
        'k8s/deploy.yaml': deployment('registry.example.com/svc:latest'),
        // A dev script by its path (its hard-coded port is not reported) until the entrypoint imports it.
        'scripts/warm.ts': warmScript(''),
        // Facts that may hold a secret are not cached: the file is parsed again when they are read.
        'config/app.yaml': 'service:\n  apiToken: 9fK2mQ8xL4vR7tY1wZ3nB6cD\n  region: eu-west-1\n',
      }),
  },
  {
    name: 'a SIGTERM handler in the imported module removes the finding of the entrypoint',
    model: true,
    reran: ['disposability/missing-sigterm-handler'],
    kept: ['config/undeclared-env-var', 'build-release-run/floating-image-tag', 'port-binding/port-mismatch'],
    edit: () => write({ 'src/shutdown.ts': shutdown(['SIGINT', 'SIGTERM']) }),
  },
  // Below what the facts point at: facts hold positions, so lines inserted above a fact do change it.
  { name: 'a comment and a function added at the end change no fact', model: false, edit: () => write({ 'src/shutdown.ts': `${shutdown(['SIGINT', 'SIGTERM'])}// Not used yet.\nexport function unused(): number {\n  return 1 + 1;\n}\n` }) },
  { name: 'a new file reads an undeclared env var; the example declares another', model: true, edit: () => write({ 'src/config.ts': 'export const db = process.env.DATABASE_URL;\n', '.env.example': 'PORT=3000\nAPI_URL=http://localhost\n' }) },
  // missing-sigterm-handler reruns here too: which entrypoints a deployed unit runs reads where servers start.
  { name: 'lines inserted above move the env var finding', model: true, reran: ['config/undeclared-env-var'], kept: ['build-release-run/floating-image-tag'], edit: () => write({ 'src/config.ts': '// The database.\n\nexport const db = process.env.DATABASE_URL;\n', 'src/index.ts': index('// The HTTP entrypoint.\n', 'app.listen(Number(process.env.PORT ?? 3000))') }) },
  { name: 'the image tag is pinned', model: true, edit: () => write({ 'k8s/deploy.yaml': deployment('registry.example.com/svc:1.4.2'), Dockerfile: 'FROM node:20.11.1\nWORKDIR /app\nCOPY . .\nCMD ["node", "dist/index.js"]\n' }) },
  { name: 'the port is hard-coded', model: true, edit: () => write({ 'src/index.ts': index('', 'app.listen(8080)') }) },
  { name: 'the file with the env var is deleted', model: true, edit: () => unlinkSync(path.join(root, 'src/config.ts')) },
  // The roles change through the import graph: scripts/warm.ts is runtime once the entrypoint imports it.
  { name: 'the entrypoint imports a script, which now runs in production', model: true, edit: () => write({ 'src/index.ts': importingWarm(index('', 'app.listen(8080)')) }) },
  { name: 'lines inserted above the port of the imported script', model: true, kept: ['build-release-run/floating-image-tag', 'config/undeclared-env-var'], edit: () => write({ 'scripts/warm.ts': warmScript('// Warms the cache.\n') }) },
  { name: 'the import is removed again', model: true, edit: () => write({ 'src/index.ts': index('', 'app.listen(8080)') }) },
  { name: 'the SIGTERM handler is removed again', model: true, edit: () => write({ 'src/shutdown.ts': shutdown(['SIGINT']) }) },
  // Records say which files they read each field of: a change counts for the parts that read that field of that file.
  { name: 'the entrypoint logs an interpolated message with console.log', model: true, reran: ['logs/unstructured-logging'], edit: () => write({ 'src/index.ts': index('', 'app.listen(8080)').replace('console.log(process.env.API_URL);', 'console.log(`listening with ${process.env.API_URL}`);') }) },
  {
    name: 'a script outside the entrypoint imports reads LOG_LEVEL: what reads only the imported files is kept',
    model: true,
    kept: ['logs/unstructured-logging', 'config/undeclared-env-var'],
    edit: () => write({ 'scripts/warm.ts': `${warmScript('// Warms the cache.\n')}export const level = process.env.LOG_LEVEL;\n` }),
  },
  { name: 'the imported module reads LOG_LEVEL: the console-only finding goes', model: true, reran: ['logs/unstructured-logging', 'config/undeclared-env-var'], edit: () => write({ 'src/shutdown.ts': `${shutdown(['SIGINT'])}export const level = process.env.LOG_LEVEL;\n` }) },
  { name: 'the script stops reading LOG_LEVEL: nothing that read it of the imported module reruns', model: true, kept: ['logs/unstructured-logging'], edit: () => write({ 'scripts/warm.ts': warmScript('// Warms the cache.\n') }) },
  { name: 'the imported module stops reading it: the finding is back', model: true, reran: ['logs/unstructured-logging'], edit: () => write({ 'src/shutdown.ts': shutdown(['SIGINT']) }) },
  // Parts that read the lines of other files' servers (and only the number of this one's) do not rerun.
  { name: 'lines inserted above the server a dev script starts', model: false, edit: () => write({ 'scripts/warm.ts': warmScript('// Warms the cache.\n// On demand.\n') }) },
  // A fact changes that only parts reading other files read: nothing runs, the stored phase stands.
  { name: 'the script outside the imports logs with console.log', model: false, edit: () => write({ 'scripts/warm.ts': warmScript('// Warms the cache.\n').replace(/}\n$/, '  console.log(`warm ${Date.now()}`);\n}\n') }) },
  { name: 'the imported module logs with console.log: the console-only finding counts it', model: true, reran: ['logs/unstructured-logging'], edit: () => write({ 'src/shutdown.ts': shutdown(['SIGINT']).replace(/}\n$/, '  console.log(`closing ${Date.now()}`);\n}\n') }) },
  // A rule in its per-file form recomputes the partials of the files a change meets, then combines them all.
  {
    name: 'two modules import packages the package.json does not declare, one through a tsconfig alias',
    model: true,
    edit: () => write({ 'src/metrics.ts': metrics('', ['prom-client']), 'src/report.ts': metrics('', ['@lib/format', 'pino']), 'tsconfig.json': tsconfig({ '@app/*': ['src/*'] }), 'tools/package.json': JSON.stringify({ name: 'tools-helper', private: true }) }),
  },
  { name: 'lines inserted above an undeclared import: its partial alone is computed again', model: true, reran: ['dependencies/undeclared-import'], undeclaredFiles: 1, edit: () => write({ 'src/metrics.ts': metrics('// Metrics.\n\n', ['prom-client']) }) },
  { name: 'the module imports a second undeclared package', model: true, undeclaredFiles: 1, edit: () => write({ 'src/metrics.ts': metrics('// Metrics.\n\n', ['prom-client', 'zod']) }) },
  { name: 'the other module imports the same package, which is now reported with two places', model: true, undeclaredFiles: 1, edit: () => write({ 'src/report.ts': metrics('', ['@lib/format', 'pino', 'zod']) }) },
  { name: 'the second undeclared import is removed', model: true, undeclaredFiles: 1, edit: () => write({ 'src/metrics.ts': metrics('// Metrics.\n\n', ['prom-client']) }) },
  // The package.json governs every file's declarations: each file's partial is computed again.
  { name: 'the package.json declares prom-client', model: true, reran: ['dependencies/undeclared-import'], undeclaredFiles: 5, edit: () => write({ 'package.json': packageJson({ express: '4.21.2', 'prom-client': '15.1.3' }) }) },
  { name: 'a tsconfig alias covers @lib/format', model: true, reran: ['dependencies/undeclared-import'], edit: () => write({ 'tsconfig.json': tsconfig({ '@app/*': ['src/*'], '@lib/*': ['src/lib/*'] }) }) },
  { name: 'the alias is removed again', model: true, reran: ['dependencies/undeclared-import'], edit: () => write({ 'tsconfig.json': tsconfig({ '@app/*': ['src/*'] }) }) },
  { name: 'the package.json no longer declares prom-client', model: true, undeclaredFiles: 5, edit: () => write({ 'package.json': packageJson({ express: '4.21.2' }) }) },
  { name: 'lines inserted above the imports of the other module', model: true, undeclaredFiles: 1, edit: () => write({ 'src/report.ts': metrics('// Reports.\n', ['@lib/format', 'pino', 'zod']) }) },
  // The names of the repository's packages are a shared value, stored with the partials: renamed, every partial is computed again.
  { name: 'a package of the repository is named pino, which the module imports', model: true, undeclaredFiles: 5, edit: () => write({ 'tools/package.json': JSON.stringify({ name: 'pino', private: true }) }) },
  { name: 'lines inserted above the imports of the module again', model: true, undeclaredFiles: 1, edit: () => write({ 'src/report.ts': metrics('// Reports.\n// On demand.\n', ['@lib/format', 'pino', 'zod']) }) },
  { name: 'the package is named back', model: true, undeclaredFiles: 5, edit: () => write({ 'tools/package.json': JSON.stringify({ name: 'tools-helper', private: true }) }) },
];

describe('incremental cross-file phase', () => {
  it('incremental, warm, cold and --changed-since runs give byte-identical reports over a sequence of edits', { timeout: 300_000 }, async () => {
    const reports = await runSteps(root, steps);
    // The edits did add, remove and move cross-file findings (else the comparison says little).
    const findings = reports.map((r) => (JSON.parse(r) as { findings: Array<{ ruleId: string; file: string; line: number }> }).findings.map((f) => `${f.ruleId} ${f.file}:${f.line}`));
    const has = (i: number, id: string) => findings[i]!.some((f) => f.startsWith(id));
    expect(has(0, 'disposability/missing-sigterm-handler src/index.ts')).toBe(true);
    expect(has(1, 'disposability/missing-sigterm-handler')).toBe(false);
    expect(findings[2]).toEqual(findings[1]);
    expect(has(3, 'config/undeclared-env-var src/config.ts')).toBe(true);
    expect(has(3, 'config/undeclared-env-var src/index.ts')).toBe(false);
    expect(findings[3]).toContain('config/undeclared-env-var src/config.ts:1');
    expect(findings[4]).toContain('config/undeclared-env-var src/config.ts:3');
    expect(findings[5]).not.toEqual(findings[4]);
    expect(findings[6]).not.toEqual(findings[5]);
    expect(has(7, 'config/undeclared-env-var src/config.ts')).toBe(false);
    expect(has(7, 'port-binding/hardcoded-port scripts/warm.ts')).toBe(false);
    expect(findings[8]).toContain('port-binding/hardcoded-port scripts/warm.ts:4');
    expect(findings[9]).toContain('port-binding/hardcoded-port scripts/warm.ts:5');
    expect(has(10, 'port-binding/hardcoded-port scripts/warm.ts')).toBe(false);
    expect(has(11, 'disposability/missing-sigterm-handler src/index.ts')).toBe(true);
    expect(has(11, 'logs/unstructured-logging')).toBe(false);
    expect(findings[12]).toContain('logs/unstructured-logging src/index.ts:7');
    expect(findings[13]).toEqual(findings[12]);
    expect(has(14, 'logs/unstructured-logging')).toBe(false);
    expect(findings[15]).toEqual(findings[14]);
    expect(findings[16]).toEqual(findings[12]);
    expect(findings[17]).toEqual(findings[16]);
    expect(findings[18]).toEqual(findings[17]);
    expect(reports[19]).toContain('2 console calls');
    const undeclared = (i: number) => findings[i]!.filter((f) => f.startsWith('dependencies/undeclared-import'));
    expect(undeclared(20)).toEqual(['dependencies/undeclared-import src/metrics.ts:1', 'dependencies/undeclared-import src/report.ts:1', 'dependencies/undeclared-import src/report.ts:2']);
    expect(undeclared(21)).toContain('dependencies/undeclared-import src/metrics.ts:3');
    expect(undeclared(22)).toContain('dependencies/undeclared-import src/metrics.ts:4');
    expect(JSON.parse(reports[23]!).findings.filter((f: { ruleId: string; evidence?: string; related?: unknown[] }) => f.ruleId === 'dependencies/undeclared-import' && f.evidence === 'zod')[0].related).toHaveLength(1);
    expect(undeclared(24)).not.toContain('dependencies/undeclared-import src/metrics.ts:4');
    expect(undeclared(25)).not.toContain('dependencies/undeclared-import src/metrics.ts:3');
    expect(undeclared(26)).not.toContain('dependencies/undeclared-import src/report.ts:1');
    expect(undeclared(27)).toEqual(undeclared(25));
    expect(undeclared(28)).toEqual(undeclared(24));
    expect(undeclared(29)).toContain('dependencies/undeclared-import src/report.ts:2');
    expect(undeclared(29)).toContain('dependencies/undeclared-import src/report.ts:3');
    expect(undeclared(30).join()).not.toContain('src/report.ts:3');
    expect(undeclared(31).join()).not.toContain('src/report.ts:4');
    expect(undeclared(32)).toContain('dependencies/undeclared-import src/report.ts:4');
    expect(readFileSync(path.join(root, 'src/shutdown.ts'), 'utf8')).toContain(shutdown(['SIGINT']).slice(0, -2));
  });
});

// A server bundled by an esbuild build script: which source `node build/main.js` runs is read from
// the script's entryPoints, a coarse dependency of every run path mapped back to source.
const bundled = path.join(tmp, 'bundled');
const writeBundled = (files: Record<string, string>) => write(files, bundled);
const buildScript = (entry: string) => `import * as esbuild from 'esbuild';\n\nawait esbuild.build({ entryPoints: ['${entry}'], bundle: true, platform: 'node', outfile: 'build/main.js' });\n`;
const plainServer = `import http from 'node:http';\n\nhttp.createServer((_req, res) => res.end('ok')).listen(Number(process.env.PORT ?? 3000));\n`;
const gracefulServer = `import http from 'node:http';\n\nconst server = http.createServer((_req, res) => res.end('ok')).listen(Number(process.env.PORT ?? 3000));\nprocess.on('SIGTERM', () => server.close());\n`;
const bundledSteps: Step[] = [
  {
    name: 'the build script bundles scripts/main.ts, which handles no SIGTERM',
    model: true,
    edit: () =>
      writeBundled({
        'package.json': JSON.stringify({ name: 'status', version: '1.0.0', private: true, type: 'module', scripts: { build: 'node scripts/build-server.js', start: 'node build/main.js' } }, null, 2),
        Procfile: 'web: npm start\n',
        'scripts/build-server.js': buildScript('scripts/main.ts'),
        'scripts/main.ts': plainServer,
        'scripts/graceful.ts': gracefulServer,
      }),
  },
  { name: 'the build script bundles scripts/graceful.ts instead', model: true, edit: () => writeBundled({ 'scripts/build-server.js': buildScript('scripts/graceful.ts') }) },
  { name: 'and back', model: true, edit: () => writeBundled({ 'scripts/build-server.js': buildScript('scripts/main.ts') }) },
];

describe('incremental cross-file phase over a build script', () => {
  it("what `node build/main.js` runs follows the esbuild script's entry point as a cold run does", { timeout: 300_000 }, async () => {
    const reports = await runSteps(bundled, bundledSteps);
    const sigterm = (i: number) => (JSON.parse(reports[i]!) as { findings: Array<{ ruleId: string; file: string }> }).findings.filter((f) => f.ruleId === 'disposability/missing-sigterm-handler').map((f) => f.file);
    expect(sigterm(0)).toEqual(['scripts/main.ts']);
    expect(sigterm(1)).toEqual([]);
    expect(sigterm(2)).toEqual(['scripts/main.ts']);
  });
});

// A workspace whose member api imports what only its sibling web declares: resolved through the
// hoisting of the workspace layout (npm hoists every package; pnpm only what .npmrc says).
const mono = path.join(tmp, 'mono');
const writeMono = (files: Record<string, string>) => write(files, mono);
const rootPackage = (workspaces: string[]) => JSON.stringify({ name: 'mono', private: true, workspaces }, null, 2);
const apiIndex = (prefix: string) => `${prefix}import express from 'express';\nimport { z } from 'zod';\nimport pino from 'pino';\n\nexport const app = [express, z, pino];\n`;
// A dependency named so that the cache's secret screen flags it: left out of the stored hoisting.
// api declares it in devDependencies and web in dependencies, which an install without
// devDependencies keeps: not reported while web's declaration is hoisted.
const apiLocale = (prefix: string) => `${prefix}import detector from 'i18next-browser-languagedetector';\n\nexport const locale = detector;\n`;
const pnpmLock = (importers: string) => `lockfileVersion: '9.0'\nimporters:\n  .: {}\n${importers}`;

const workspaceSteps: Step[] = [
  {
    name: 'a workspace member imports packages only its sibling declares',
    model: true,
    hoistingComputed: true,
    edit: () =>
      writeMono({
        'package.json': rootPackage(['packages/*']),
        'package-lock.json': JSON.stringify({ name: 'mono', lockfileVersion: 3, packages: {} }),
        'packages/api/package.json': JSON.stringify({ name: 'api', version: '1.0.0', dependencies: { express: '4.21.2' }, devDependencies: { 'i18next-browser-languagedetector': '8.0.0' } }),
        'packages/api/src/index.ts': apiIndex(''),
        'packages/api/src/locale.ts': apiLocale(''),
        'packages/web/package.json': JSON.stringify({ name: 'web', version: '1.0.0', dependencies: { zod: '3.23.8', 'i18next-browser-languagedetector': '8.0.0' }, devDependencies: { pino: '9.0.0' } }),
      }),
  },
  { name: 'lines inserted above the imports of the member: the hoisting is taken from the cache', model: true, undeclaredFiles: 1, hoistingComputed: false, edit: () => writeMono({ 'packages/api/src/index.ts': apiIndex('// The API.\n') }) },
  { name: 'lines inserted above the import of a name the stored hoisting leaves out', model: true, undeclaredFiles: 1, hoistingComputed: false, edit: () => writeMono({ 'packages/api/src/locale.ts': apiLocale('// Locale.\n') }) },
  { name: 'the root no longer lists the sibling as a workspace', model: true, hoistingComputed: true, edit: () => writeMono({ 'package.json': rootPackage(['packages/api']) }) },
  { name: 'the sibling is a workspace again', model: true, hoistingComputed: true, edit: () => writeMono({ 'package.json': rootPackage(['packages/*']) }) },
  {
    name: 'a pnpm lockfile replaces the npm one: pnpm links only what a package declares',
    model: true,
    edit: () => {
      unlinkSync(path.join(mono, 'package-lock.json'));
      writeMono({ 'pnpm-lock.yaml': pnpmLock('  packages/api: {}\n') });
    },
  },
  { name: '.npmrc hoists zod publicly', model: true, edit: () => writeMono({ '.npmrc': 'public-hoist-pattern[]=zod\n' }) },
  { name: '.npmrc hoists pino too', model: true, hoistingComputed: true, edit: () => writeMono({ '.npmrc': 'public-hoist-pattern[]=zod\npublic-hoist-pattern[]=pino\n' }) },
  { name: '.npmrc hoists every package', model: true, hoistingComputed: true, edit: () => writeMono({ '.npmrc': 'shamefully-hoist=true\n' }) },
  { name: 'the lockfile records another importer: the hoisting reads only its type', model: true, kept: ['dependencies/undeclared-import'], edit: () => writeMono({ 'pnpm-lock.yaml': pnpmLock('  packages/api: {}\n  packages/web: {}\n') }) },
  { name: '.npmrc hoists nothing again', model: true, hoistingComputed: true, edit: () => writeMono({ '.npmrc': 'shamefully-hoist=false\n' }) },
];

describe('incremental cross-file phase over a workspace', () => {
  it('what resolves through a workspace sibling follows the workspace list, the lockfile and the hoisting settings as a cold run does', { timeout: 300_000 }, async () => {
    const reports = await runSteps(mono, workspaceSteps);
    // Each import of api as dependencies/undeclared-import reports it: how it resolves, by message.
    const how = (i: number) =>
      (JSON.parse(reports[i]!) as { findings: Array<{ ruleId: string; file: string; line: number; message: string; evidence?: string }> }).findings
        .filter((f) => f.ruleId === 'dependencies/undeclared-import')
        .map((f) => `${f.evidence} ${f.file}:${f.line} ${/lists it in devDependencies/.test(f.message) ? 'sibling-dev' : /resolves only because/.test(f.message) ? 'sibling' : /declares it only in devDependencies/.test(f.message) ? 'dev-only' : 'undeclared'}`)
        .sort();
    const zod = (how: string, line = 3) => `zod packages/api/src/index.ts:${line} ${how}`;
    const pino = (how: string, line = 4) => `pino packages/api/src/index.ts:${line} ${how}`;
    const detector = 'i18next-browser-languagedetector packages/api/src/locale.ts:2 dev-only';
    expect(how(0)).toEqual([pino('sibling-dev', 3), zod('sibling', 2)]);
    expect(how(1)).toEqual([pino('sibling-dev'), zod('sibling')]);
    expect(how(2)).toEqual(how(1));
    expect(how(3)).toEqual([detector, pino('undeclared'), zod('undeclared')]);
    expect(how(4)).toEqual(how(2));
    expect(how(5)).toEqual(how(3));
    expect(how(6)).toEqual([detector, pino('undeclared'), zod('sibling')]);
    expect(how(7)).toEqual([detector, pino('sibling-dev'), zod('sibling')]);
    expect(how(8)).toEqual(how(2));
    expect(how(9)).toEqual(how(8));
    expect(how(10)).toEqual(how(5));
  });
});

describe('what the incremental phase relies on', () => {
  // A partial goes in the cache index: one that may hold a secret (a subpath import named like a
  // token, which the finding does not show: it points at the first import of the package) is not
  // stored, and the rule runs whole on the next change.
  it('a per-file rule whose partial may hold a secret stores no partials', async () => {
    const token = tokenFactory(19).byFormat['github-token']!().value;
    const dir = path.join(tmp, 'secret-import');
    mkdirSync(path.join(dir, 'src'), { recursive: true });
    writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ name: 'svc', version: '1.0.0', dependencies: {} }));
    writeFileSync(path.join(dir, 'src/a.ts'), `import pino from 'pino';\nexport const loaded = [pino];\n`);
    writeFileSync(path.join(dir, 'src/b.ts'), `import leak from 'pino/${token}';\nexport const loaded = [leak];\n`);
    const cacheLocation = path.join(tmp, 'secret-import-cache.json');
    const result = await audit({ root: dir, rules, cacheLocation, concurrency: 1 });
    expect(result.findings.filter((f) => f.ruleId === 'dependencies/undeclared-import').map((f) => [f.file, f.line, f.related?.map((r) => r.file)])).toEqual([['src/a.ts', 1, ['src/b.ts']]]);
    const stored = readdirSync(tmp).filter((f) => f.startsWith('secret-import-cache.json')).map((f) => readFileSync(path.join(tmp, f), 'latin1'));
    expect(stored.length).toBeGreaterThan(1);
    for (const text of stored) expect(text).not.toContain(token.slice(8));
    const index = JSON.parse(readFileSync(cacheLocation, 'latin1')) as { project: { units: Array<{ id: string; byFile?: unknown }> } };
    expect(index.project.units.find((u) => u.id === 'dependencies/undeclared-import')).not.toHaveProperty('byFile');
  });

  // A value shared through the model is recorded in every caller's record, the first or not.
  it('the declarations of a package are recorded by every part that asks for them', () => {
    const recorder = new DependencyRecorder();
    const model = new ProjectModel(
      [
        { path: 'package.json', kind: 'package-json', facts: parsePackageJson('{"name":"a","dependencies":{"express":"4.21.2"}}'), isTest: false },
      ],
      undefined,
      undefined,
      { dependencies: recorder, fileIndex: new Map([['package.json', 0]]) },
    );
    const first = recorder.run(() => declarationsFor(model, 'src/a.ts')?.runtime.has('express'));
    const second = recorder.run(() => declarationsFor(model, 'src/a.ts')?.runtime.has('express'));
    expect(first.value).toBe(true);
    expect(second.value).toBe(true);
    expect([...second.deps]).toContain('package-json#dependencies/name');
    expect([...(second.deps.files.get('package-json#dependencies/name') ?? [])]).toEqual([0]);
  });

  // A value derived from the model or from facts and cached outside the model would be reused
  // without recording what it read, so a rule reusing it would keep stale findings: derived values
  // go through model.memo, or derivedFrom for facts (src/model/dependencies.ts).
  it('no module keeps a cache keyed by the project model or by facts outside it', () => {
    const offenders: string[] = [];
    const top = path.resolve(import.meta.dirname, '..');
    const files = ['rules', 'src'].flatMap((dir) => readdirSync(path.join(top, dir), { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.ts')).map((f) => path.join(dir, f)));
    expect(files.length).toBeGreaterThan(100);
    for (const file of files) {
      const text = readFileSync(path.join(top, file), 'utf8');
      if (/new (Weak)?Map<\s*(ProjectModel|\w*Facts|\w*Stage|\w*Fact)\b/.test(text)) offenders.push(file);
    }
    expect(offenders).toEqual([]);
  });
});
