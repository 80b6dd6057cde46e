// Run chains, the script and package-manager side: build contexts, `cd` inside images, JS launchers,
// gulp, Remix / React Router servers, nx project.json targets and workspace selectors. Each fixture
// folder (src/model/__fixtures__/run-chain/scripts-*) has a case that reaches its source and a near
// miss that must stop, with the reason.

import path from 'node:path';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { audit } from '../engine/audit.js';
import { describe, expect, it } from 'vitest';
import { buildModel } from '../cli/commands/model.js';
import { runChains, type RunChainUnit } from './run-chain.js';
import { classify } from '../discovery/file-kinds.js';
import { roleByPath } from './file-role.js';
import { analyzeFile } from '../engine/per-file.js';
import { parseTypeScript } from '../parsing/typescript.js';
import { gulpTasks } from '../parsing/gulpfile.js';

const FIXTURES = path.join(import.meta.dirname, '__fixtures__/run-chain');

async function chainsOf(name: string): Promise<RunChainUnit[]> {
  return runChains(await buildModel(path.join(FIXTURES, name), { config: false }));
}

/** `entries` or `stop:` of each branch of a unit, in order. */
function outcome(units: RunChainUnit[], id: string): string[] {
  const unit = units.find((u) => u.id === id);
  if (!unit) return ['(no such unit)'];
  if (unit.branches.length === 0) return [`stop: ${unit.stop}`];
  return unit.branches.map((b) => (b.entries.length > 0 ? b.entries.join(', ') : `stop: ${b.stop}`));
}

function hops(units: RunChainUnit[], id: string, branch: number): string[] {
  return (units.find((u) => u.id === id)?.branches[branch]?.hops ?? []).map((h) => `${h.file}:${h.line} ${h.label}`);
}

describe('run chains: build contexts and folders inside the image', () => {
  it('infers the repository root as context when the COPY sources found in both places decide nothing', async () => {
    const units = await chainsOf('scripts-image-dirs');
    expect(outcome(units, 'apps/api/Dockerfile')).toEqual(['stop: migrate -path ./migrations is a one-off tool, not the service', 'apps/api/src/main.ts']);
    // Near miss: built from its own folder (src is only there), the package's own script runs.
    expect(outcome(units, 'apps/worker/Dockerfile')).toEqual(['apps/worker/src/worker.js']);
  });

  it('maps a relative script path after `cd` in an entry script through the COPY lines of the image', async () => {
    const units = await chainsOf('scripts-image-dirs');
    expect(hops(units, 'apps/api/Dockerfile', 0)).toEqual([
      'apps/api/Dockerfile:11 Dockerfile ENTRYPOINT',
      'apps/api/Dockerfile:11 apps/api/entrypoint.sh',
      'apps/api/entrypoint.sh:5 packages/db/scripts/up.sh',
      'packages/db/scripts/up.sh:2 migrate -path ./migrations',
    ]);
  });
});

describe('run chains: extensionless JavaScript launchers', () => {
  it('reads a bin/ file whose shebang runs node, and follows its require of a build output to the source', async () => {
    const units = await chainsOf('scripts-launcher');
    expect(outcome(units, 'Procfile#web')).toEqual(['bin/acme-server, src/cli/server.ts']);
    // Run directly, the shebang decides; its own imports are in the repository.
    expect(outcome(units, 'Procfile#www')).toEqual(['bin/www']);
    // Near miss: a bash launcher is not JavaScript.
    expect(outcome(units, 'Procfile#release')).toEqual(['stop: ./bin/release is not a source file the audit reads (an extensionless launcher or a generated file)']);
  });
});

describe('discovery: extensionless launchers', () => {
  it('reads extensionless files in bin/ folders as JavaScript only when the shebang runs node', () => {
    expect(classify('bin/www')).toBe('ts');
    expect(classify('packages/cli/bin/acme')).toBe('ts');
    expect(classify('www')).toBeNull();
    expect(classify('bin/LICENSE.txt')).toBeNull();
    const js = (text: string) => analyzeFile({ path: 'bin/x', kind: 'ts', text, isTest: false }, []).kind;
    expect(js('#!/usr/bin/env node\nrequire("../lib")\n')).toBe('ts');
    expect(js('#!/usr/local/bin/node\n')).toBe('ts');
    expect(js('#!/usr/bin/env -S node --enable-source-maps\n')).toBe('ts');
    expect(js('#!/usr/bin/env bash\nnode x.js\n')).toBeNull();
    expect(js('#!/usr/bin/env nodemon\n')).toBeNull();
    expect(js('MZ\u0000\u0000binary')).toBeNull();
  });

  it('skips a binary or oversized bin/ file silently: it is no launcher', async () => {
    const root = mkdtempSync(path.join(tmpdir(), 'tfa-launcher-'));
    try {
      mkdirSync(path.join(root, 'bin'));
      writeFileSync(path.join(root, 'bin', 'tool'), Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0, 0, 0, 1]));
      writeFileSync(path.join(root, 'bin', 'big'), `#!/usr/bin/env node\n${'x'.repeat(4096)}`);
      writeFileSync(path.join(root, 'server.js'), 'module.exports = 1;\n');
      const result = await audit({ root, rules: [], maxFileSize: 1024 });
      expect(result.findings.filter((f) => f.file.startsWith('bin/'))).toEqual([]);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });

  it('takes bin/dev (the development launcher beside bin/run) as dev tooling, bin/run as runtime', () => {
    expect(roleByPath('packages/server/bin/dev').role).toBe('dev');
    expect(roleByPath('packages/server/bin/run').role).toBe('runtime');
  });
});

describe('run chains: workspace selectors', () => {
  it('follows pnpm --filter folders, folder globs, `name^...`, `!name`, and yarn workspaces foreach/run', async () => {
    const units = await chainsOf('scripts-selectors');
    expect(outcome(units, 'Procfile#path')).toEqual(['apps/api/src/main.js']);
    expect(outcome(units, 'Procfile#glob')).toEqual(['apps/api/src/main.js', 'apps/worker/src/worker.js']);
    expect(outcome(units, 'Procfile#deps')).toEqual(['packages/queue/src/consumer.js']);
    expect(outcome(units, 'Procfile#not')).toEqual(['apps/worker/src/worker.js']);
    expect(outcome(units, 'Procfile#foreach')).toEqual(['apps/api/src/main.js', 'packages/queue/src/consumer.js']);
    expect(outcome(units, 'Procfile#yarn1')).toEqual(['apps/api/src/main.js', 'apps/worker/src/worker.js', 'packages/queue/src/consumer.js']);
    // Near miss: a package without workspace dependencies selects nothing with `^...`.
    expect(outcome(units, 'Procfile#nodeps')).toEqual(["stop: no package of the repository is named @acme/worker^..."]);
  });
});

describe('run chains: nx project.json targets', () => {
  it('follows node executors to the build target main, run-commands and run-script', async () => {
    const units = await chainsOf('scripts-nx');
    expect(outcome(units, 'Procfile#api')).toEqual(['apps/api/src/main.ts']);
    expect(hops(units, 'Procfile#api', 0)).toEqual(['Procfile:1 Procfile api', 'Procfile:1 npm run start:api', 'package.json:5 nx run api:serve', 'apps/api/project.json:6 node apps/api/src/main.ts']);
    expect(outcome(units, 'Procfile#worker')).toEqual(['apps/worker/src/worker.ts']);
    expect(outcome(units, 'Procfile#cmd')).toEqual(['stop: prisma migrate deploy is a one-off tool, not the service', 'tools/server.js']);
    expect(outcome(units, 'Procfile#script')).toEqual(['apps/web/server.js']);
    expect(outcome(units, 'Procfile#many')).toEqual(['apps/api/src/main.ts', 'apps/worker/src/worker.ts']);
  });

  it('stops with the executor it does not follow, or the build target without main', async () => {
    const units = await chainsOf('scripts-nx');
    expect(outcome(units, 'Procfile#docs')).toEqual(['stop: nx target docs:serve runs executor @nx/next:server, not followed']);
    expect(outcome(units, 'Procfile#jobs')).toEqual(['stop: nx target jobs:serve runs the build target jobs:build, which names no main file']);
  });
});

describe('run chains: Remix and React Router servers', () => {
  it('stops at remix-serve / react-router-serve naming the app folder the build comes from', async () => {
    const units = await chainsOf('scripts-remix');
    expect(outcome(units, 'Procfile#remix')).toEqual(['stop: remix-serve ./build/index.js is a framework server: Remix builds it from remix/src/app/ (remix/src/app/root.tsx), not one source file']);
    expect(outcome(units, 'Procfile#rr')).toEqual(['stop: react-router-serve ./build/server/index.js is a framework server: React Router builds it from rr/app/ (rr/app/root.tsx), not one source file']);
    expect(outcome(units, 'Procfile#nofolder')).toEqual(['stop: react-router-serve build/server/index.js is a framework server: React Router builds it from nofolder/app/ (not found in the repository), not one source file']);
  });

  it('takes a custom server that imports the build as the entry, not a file the build path resembles', async () => {
    const units = await chainsOf('scripts-remix');
    expect(outcome(units, 'Procfile#custom')).toEqual(['custom/server.js']);
  });
});

describe('run chains: gulp tasks', () => {
  it('follows gulp <task> through series/parallel to nodemon({script}) and spawn(node), read statically', async () => {
    const units = await chainsOf('scripts-gulp');
    expect(outcome(units, 'Procfile#web')).toEqual(['gulp4/src/server.js', 'gulp4/src/worker.js']);
    expect(hops(units, 'Procfile#web', 0)).toEqual([
      'Procfile:1 Procfile web',
      'Procfile:1 npm start',
      'gulp4/package.json:3 gulp serve',
      'gulp4/gulpfile.js:23 gulp task serve',
      'gulp4/gulpfile.js:10 nodemon src/server.js',
    ]);
    // gulp 3: gulp.task('start', ['compile'], fn) in a TypeScript gulpfile; nodemon's exec, a build output mapped back.
    expect(outcome(units, 'Procfile#old')).toEqual(['gulp3/src/index.ts']);
  });

  it('stops when the task starts no process it can read, or is not there', async () => {
    const units = await chainsOf('scripts-gulp');
    expect(outcome(units, 'Procfile#default')).toEqual(['stop: gulp task default (gulp4/gulpfile.js) starts no process the audit can read statically']);
    expect(outcome(units, 'Procfile#dynamic')).toEqual(['stop: gulp task dynamic (gulp4/gulpfile.js) starts no process the audit can read statically']);
    expect(outcome(units, 'Procfile#missing')).toEqual(['stop: gulp task deploy not found statically in gulp4/gulpfile.js']);
  });
});

describe('gulpfile on hostile input', () => {
  it('answers quickly for hundreds of tasks that all call each other', () => {
    const lines: string[] = [];
    for (let i = 0; i < 400; i++) lines.push(`function t${i}() { ${Array.from({ length: 20 }, (_, k) => `t${(i + k + 1) % 400}();`).join(' ')} }`, `exports.t${i} = series(${Array.from({ length: 20 }, (_, k) => `t${(i * 7 + k) % 400}`).join(', ')});`);
    lines.push("function last() { nodemon({ script: 'server.js' }); }", 'exports.serve = series(t0, last);');
    const sf = parseTypeScript('gulpfile.js', lines.join('\n')).sourceFile;
    const started = performance.now();
    const tasks = gulpTasks(sf);
    expect(performance.now() - started).toBeLessThan(2000);
    expect(tasks.length).toBeLessThanOrEqual(200);
  });
});

describe('run chains: folders as scripts and folders inside the image', () => {
  it('runs the package.json main of `node .`, mapped back to its source', async () => {
    const units = await chainsOf('scripts-folders');
    expect(outcome(units, 'Procfile#core')).toEqual(['packages/core/src/index.ts']);
    // Near miss: no main and no index.js.
    expect(outcome(units, 'Procfile#empty')).toEqual(['stop: . runs packages/empty/index.js, which is not mapped to a source file of the repository']);
  });

  it('maps a WORKDIR that only files were copied into through the package.json copied there', async () => {
    const units = await chainsOf('scripts-folders');
    expect(outcome(units, 'Dockerfile')).toEqual(['backend/src/main.ts']);
  });
});
