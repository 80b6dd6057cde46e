import path from 'node:path';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { discover } from '../discovery/discover.js';
import { analyzeFile } from '../engine/per-file.js';
import { ProjectModel } from './project-model.js';
import { formatRunChains, runChains, type RunChainUnit } from './run-chain.js';
import { buildModel, formatModel, modelJson } from '../cli/commands/model.js';
import { parseDockerfile } from '../parsing/dockerfile.js';

const FIXTURES = path.join(import.meta.dirname, '__fixtures__/run-chain');

async function modelOf(name: string): Promise<ProjectModel> {
  const d = await discover(path.join(FIXTURES, name));
  const files = d.files.map((f) => analyzeFile({ path: f.path, kind: f.kind, text: readFileSync(f.absPath, 'utf8'), isTest: false }, []));
  return new ProjectModel(files.flatMap((r) => (r.kind && r.facts ? [{ path: r.path, kind: r.kind, facts: r.facts, isTest: false }] : [])));
}

/** `entries` or `stop:` of each branch of a unit, in order. */
function outcome(unit: RunChainUnit | undefined): string[] {
  if (!unit) return ['(no such unit)'];
  if (unit.branches.length === 0) return [`stop: ${unit.stop}`];
  return unit.branches.map((b) => (b.entries.length > 0 ? b.entries.join(', ') : `stop: ${b.stop}`));
}

function unit(units: RunChainUnit[], id: string): RunChainUnit | undefined {
  return units.find((u) => u.id === id);
}

describe('run chains: wrappers', () => {
  it('looks through dumb-init, cross-env, dotenv, node -r/--import, env, exec, su-exec, gosu, env-cmd', async () => {
    const units = runChains(await modelOf('wrappers'));
    expect(outcome(unit(units, 'Dockerfile'))).toEqual(['src/server.ts']);
    expect(outcome(unit(units, 'Procfile#web'))).toEqual(['src/server.ts']);
    expect(outcome(unit(units, 'Procfile#worker'))).toEqual(['src/worker.ts']);
    // Near miss: the wrapper is looked through, but the file it runs does not exist.
    expect(outcome(unit(units, 'Procfile#release'))).toEqual(['stop: dist/missing.js is not a source file of the repository, nor a build output mapped back to one (dist/missing.js)']);
  });
});

describe('run chains: build output mapped back to source', () => {
  it('through the tsconfig of a folder on the runtime path, not only of the folder the command runs in', async () => {
    // `npm run server` at the root runs server/dist/server/src/server.js, which server/tsconfig.json
    // (outDir ./dist, rootDir ../, written with comments and trailing commas) builds from server/src/server.ts.
    const units = runChains(await modelOf('nested-tsconfig-outdir'));
    expect(outcome(unit(units, 'Procfile#web'))).toEqual(['server/src/server.ts']);
  });
  it("through an esbuild build script's entryPoints and outfile/outdir, read without running it", async () => {
    const model = await modelOf('esbuild-script');
    const units = runChains(model);
    expect(outcome(unit(units, 'Procfile#web'))).toEqual(['scripts/main.ts']);
    expect(outcome(unit(units, 'Procfile#worker'))).toEqual(['scripts/worker.ts']);
    // scripts/ is dev tooling by path; what a deployed unit runs from there is runtime.
    expect(model.roleOf('scripts/main.ts').role).toBe('runtime');
    expect(model.roleOf('scripts/build-server.js').role).not.toBe('runtime');
  });
});

describe('run chains: arguments given to a script', () => {
  it('`npm start serve` runs the start script with serve as its argument (nps serve), not the start script alone', async () => {
    const units = runChains(await modelOf('npm-script-args'));
    expect(outcome(unit(units, 'Procfile#web'))).toEqual(['src/app.ts']);
    // near miss: no argument, nps runs its default task
    expect(outcome(unit(units, 'Procfile#worker'))).toEqual(['src/worker.js']);
  });
});

describe('run chains: package managers and workspaces', () => {
  it('resolves cd x && /abs/npm start, npm -w/--prefix, pnpm --filter/-C, yarn workspace, turbo run, nx run', async () => {
    const units = runChains(await modelOf('pms'));
    expect(outcome(unit(units, 'Procfile#web'))).toEqual(['packages/api/src/main.ts']);
    for (const id of ['npmw', 'prefix', 'filter', 'turbo']) expect(outcome(unit(units, `Procfile#${id}`)), id).toEqual(['packages/api/src/main.ts']);
    for (const id of ['dirflag', 'yarnws', 'nx']) expect(outcome(unit(units, `Procfile#${id}`)), id).toEqual(['packages/worker/src/worker.ts']);
    // The hop through the workspace's package.json is named, with its line.
    const web = unit(units, 'Procfile#npmw')!.branches[0]!;
    expect(web.hops.map((h) => `${h.file}:${h.line} ${h.label}`)).toEqual([
      'Procfile:2 Procfile npmw',
      'Procfile:2 npm run start:npm-w',
      'package.json:6 npm -w @acme/api',
      'packages/api/package.json:1 node dist/main.js',
    ]);
  });

  it('stops with the reason when the package or the script is not there', async () => {
    const units = runChains(await modelOf('pms'));
    expect(outcome(unit(units, 'Procfile#missing'))).toEqual(['stop: no package of the repository is named @acme/billing']);
    expect(outcome(unit(units, 'Procfile#noscript'))).toEqual(['stop: scripts.start not found in packages/web/package.json']);
  });
});

describe('run chains: process managers and framework CLIs', () => {
  it("follows OpenFaaS's watchdog to the process its fprocess variable names (the ENV in force last), without a shell", async () => {
    const units = runChains(await modelOf('watchdog'));
    expect(outcome(unit(units, 'fn/Dockerfile'))).toEqual(['fn/index.js']);
    const leaf = unit(units, 'fn/Dockerfile')!.branches[0]!.leaf;
    expect(leaf.argv).toEqual(['node', 'index.js', '--port', '3000']);
    expect(leaf.viaShell).toBe(false);
    expect(leaf.chain.map((s) => s.label)).toEqual(['fwatchdog']);
    // Near miss: no ENV names the process (the platform sets it at deploy time): the chain stops and says why.
    expect(outcome(unit(units, 'no-fprocess/Dockerfile'))).toEqual(['stop: fwatchdog runs the process its fprocess variable names, and no ENV of the image sets it']);
  });

  it('reads pm2 ecosystem files statically (apps[].script, interpreter) without running them', async () => {
    const model = await modelOf('procs');
    const units = runChains(model);
    expect(outcome(unit(units, 'Dockerfile'))).toEqual(['src/server.ts', 'src/jobs.ts']);
    const eco = model.files.get('ecosystem.config.js')!.facts;
    expect(eco.kind === 'ts' && eco.configObject?.kind).toBe('object');
    // pm2-runtime run by node from node_modules is the same pm2.
    expect(outcome(unit(units, 'Procfile#pm2node'))).toEqual(['src/server.ts', 'src/jobs.ts']);
    expect(outcome(unit(units, 'Procfile#pm2missing'))).toEqual(['stop: pm2 ecosystem file deploy/ecosystem.config.js not found in the repository (deploy/ecosystem.config.js)']);
  });

  it('follows nps, fastify start, nest start, npx ts-node; next start stops as a framework server', async () => {
    const units = runChains(await modelOf('procs'));
    expect(outcome(unit(units, 'Procfile#nps'))).toEqual(['src/server.ts']);
    expect(outcome(unit(units, 'Procfile#npsserve'))).toEqual(['api/app.js']);
    expect(outcome(unit(units, 'Procfile#npsmissing'))).toEqual(['stop: nps script deploy not found statically in package-scripts.js']);
    expect(outcome(unit(units, 'Procfile#nest'))).toEqual(['nest/src/bootstrap.ts']);
    expect(outcome(unit(units, 'Procfile#tsnode'))).toEqual(['src/jobs.ts']);
    expect(outcome(unit(units, 'Procfile#next'))).toEqual(['stop: next start is a framework server: the framework, not one source file, starts the app']);
  });
});

describe('run chains: Dockerfile stages and COPY', () => {
  it('makes every stage something runs a unit: the last, compose build.target, a CI target', async () => {
    const units = runChains(await modelOf('docker'));
    expect(units.filter((u) => u.kind === 'dockerfile').map((u) => u.id)).toEqual(['Containerfile.jobs', 'Dockerfile', 'Dockerfile#dev', 'Dockerfile#worker', 'Dockerfile.path', 'build/docker/Dockerfile']);
    expect(outcome(unit(units, 'Dockerfile#dev'))).toEqual(['src/main.ts']);
    expect(outcome(unit(units, 'Dockerfile#worker'))).toEqual(['src/worker.ts']);
    expect(outcome(unit(units, 'Containerfile.jobs'))).toEqual(['src/worker.ts']);
    // compose build.target: the dev stage, not the last one.
    const api = unit(units, 'compose.yaml#api')!;
    expect(api.branches[0]!.hops.map((h) => `${h.file}:${h.line} ${h.label}`)).toEqual(['compose.yaml:3 build . target dev', 'Dockerfile:9 Dockerfile (stage dev) CMD', 'Dockerfile:9 npx tsx watch']);
  });

  it('maps image paths back through COPY and COPY --from, and reads the entry script copied there', async () => {
    const units = runChains(await modelOf('docker'));
    const last = unit(units, 'Dockerfile')!;
    expect(outcome(last)).toEqual(['stop: prisma migrate deploy is a one-off tool, not the service', 'src/main.ts']);
    expect(last.branches[1]!.hops.map((h) => `${h.file}:${h.line} ${h.label}`)).toEqual(['Dockerfile:20 Dockerfile CMD', 'Dockerfile:20 scripts/start.sh', 'scripts/start.sh:4 node dist/main.js']);
  });

  it('finds a bare script name on PATH through a multi-source COPY --from, and appends `npm run x -- args` to the script', async () => {
    const units = runChains(await modelOf('docker'));
    const path_ = unit(units, 'Dockerfile.path')!;
    expect(outcome(path_)).toEqual(['src/main.ts']);
    expect(path_.branches[0]!.hops.map((h) => `${h.file}:${h.line} ${h.label}`)).toEqual([
      'Dockerfile.path:9 Dockerfile.path ENTRYPOINT',
      'Dockerfile.path:9 scripts/entry.sh',
      'scripts/entry.sh:2 exec "$@"',
      'Dockerfile.path:10 npm run serve',
      'package.json:5 tsx src/main.ts',
    ]);
  });

  it('finds Dockerfiles under build/ folders, and nothing else there', async () => {
    const d = await discover(path.join(FIXTURES, 'docker'));
    expect(d.files.filter((f) => f.path.startsWith('build/')).map((f) => f.path)).toEqual(['build/docker/Dockerfile']);
  });
});

describe('run chains: images whose entrypoint runs node', () => {
  it('a CMD of flags or a script on the official node image or distroless Node.js runs node; on another image it stops', async () => {
    const units = runChains(await modelOf('node-image-entrypoint'));
    expect(outcome(unit(units, 'Dockerfile'))).toEqual(['src/main.ts']);
    expect(outcome(unit(units, 'Dockerfile.distroless'))).toEqual(['src/main.ts']);
    expect(outcome(unit(units, 'Dockerfile.alpine'))).toEqual(["stop: arguments (--verbose) to the image's own entrypoint, a program from the image"]);
  });
});

describe('import graph: tsconfig paths and baseUrl', () => {
  it('follows @/x and exact aliases through extends, and leaves packages alone', async () => {
    const model = await modelOf('paths');
    expect(model.importClosure('src/index.ts')).toEqual(['src/index.ts', 'src/app/server.ts', 'src/lib/index.ts']);
    expect(model.resolveImport('src/index.ts', 'lib-not-here')).toBeUndefined();
  });
});

describe('import graph: workspace packages by name', () => {
  it('follows a package name to its main mapped back to source, and a subpath to the file; a registry package and a name two packages share stay unresolved', async () => {
    const model = await modelOf('workspace-imports');
    expect(model.importClosure('packages/api/src/main.ts')).toEqual(['packages/api/src/main.ts', 'packages/telemetry/src/index.ts', 'packages/shared/src/greeting.ts']);
    expect(model.resolveImport('packages/api/src/main.ts', 'express')).toBeUndefined();
    expect(model.resolveImport('packages/api/src/main.ts', 'starter-template')).toBeUndefined();
    expect(model.resolveImport('packages/api/src/main.ts', 'shared-lib/../../etc/passwd')).toBeUndefined();
    expect(model.importersOf('packages/telemetry/src/index.ts')).toEqual(['packages/api/src/main.ts']);
  });
});

describe('twelve-factor-audit model: run chains', () => {
  it('names every hop of every unit of fixtures/monorepo', async () => {
    const model = await buildModel(path.join(import.meta.dirname, '../../fixtures/monorepo'), { config: false });
    const text = formatModel(model);
    const section = text.slice(text.indexOf('# run chains'), text.indexOf('# run commands'));
    expect(section).toContain(
      'compose service worker (compose.yaml:9) [unknown] reaches source\n  build apps/worker (compose.yaml:10) → Dockerfile CMD (apps/worker/Dockerfile:5) → npm start (apps/worker/Dockerfile:5) → node dist/worker.js (apps/worker/package.json:3)\n    → apps/worker/src/worker.ts',
    );
    expect(section).toContain('Deployment api container api (k8s/api.yaml:17) [unknown] reaches source\n  image ghcr.io/acme/api (image ghcr.io/acme/api is built by compose) (k8s/api.yaml:17) → Dockerfile CMD (apps/api/Dockerfile:6) → node dist/main.js (apps/api/Dockerfile:6)\n    → apps/api/src/main.ts');
    expect(section).toContain('compose service redis (compose.yaml:23) [unknown] runs nothing of the repository\n    stops: runs image redis:7.2.4-alpine, not built from this repository');
    // Every unit is printed, each hop with file:line.
    const units = runChains(model);
    expect(units).toHaveLength(10);
    for (const u of units) for (const b of u.branches) for (const h of b.hops) expect(section).toContain(`${h.label} (${h.file}:${h.line})`);
    const json = modelJson(model) as { runChains: Array<{ id: string; status: string }> };
    expect(json.runChains.map((u) => `${u.id} ${u.status}`)).toContain('compose.yaml#migrate reached');
    expect(formatRunChains(units)).toBe(section.slice(section.indexOf('\n') + 1).trimEnd() + '\n');
  });
});

describe('run chains on hostile input', () => {
  it('answers quickly for hundreds of stages each copying the whole previous one', () => {
    const lines = ['FROM node:20 AS s0', 'COPY . /'];
    for (let i = 1; i < 300; i++) lines.push(`FROM node:20 AS s${i}`, ...Array.from({ length: 5 }, () => `COPY --from=s${i - 1} / /`));
    lines.push('CMD ["/entry.sh"]');
    const model = new ProjectModel([{ path: 'Dockerfile', kind: 'dockerfile', facts: parseDockerfile(lines.join('\n')), isTest: false }]);
    const started = performance.now();
    const units = runChains(model);
    expect(performance.now() - started).toBeLessThan(5000);
    expect(units[0]!.stop).toMatch(/entry\.sh/);
  });
});
