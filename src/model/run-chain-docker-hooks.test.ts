// Run chains that need the follower (run-commands.ts) to use the Dockerfile builds: build arguments,
// images linked by name, bake-named stages, contexts inferred through ARGs, a package.json copied
// inside the image.

import path from 'node:path';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { discover } from '../discovery/discover.js';
import { analyzeFile } from '../engine/per-file.js';
import { ProjectModel } from './project-model.js';
import { formatRunChains, runChains, type RunChainUnit } from './run-chain.js';

const FIXTURES = path.join(import.meta.dirname, '__fixtures__/run-chain');

async function modelOf(name: string): Promise<ProjectModel> {
  const d = await discover(path.join(FIXTURES, name));
  const files = d.files.map((f) => analyzeFile({ path: f.path, kind: f.kind, text: readFileSync(f.absPath, 'utf8'), isTest: false }, []));
  return new ProjectModel(files.flatMap((r) => (r.kind && r.facts ? [{ path: r.path, kind: r.kind, facts: r.facts, isTest: false }] : [])));
}

function outcome(units: RunChainUnit[], id: string): string[] {
  const unit = units.find((u) => u.id === id);
  if (!unit) return ['(no such unit)'];
  if (unit.branches.length === 0) return [`stop: ${unit.stop}`];
  return unit.branches.map((b) => (b.entries.length > 0 ? b.entries.join(', ') : `stop: ${b.stop}`));
}

describe('docker: builds given to the follower', () => {
  it('a compose command for an image a CI matrix entry builds is mapped through that Dockerfile', async () => {
    const units = runChains(await modelOf('docker-builds'));
    expect(outcome(units, 'compose.yaml#worker')).toEqual(['docker/worker/healthcheck/healthcheck.js', 'src/worker.js']);
    const worker = units.find((u) => u.id === 'compose.yaml#worker')!;
    expect(formatRunChains([worker])).toContain('compose service worker entrypoint (compose.yaml:4) → /bin/sh -c node /app/healthcheck/healthcheck.js & sleep 5 && pnpm run start-worker (compose.yaml:4) → node /app/healthcheck/healthcheck.js (compose.yaml:4)\n    → docker/worker/healthcheck/healthcheck.js');
  });

  it('a stage a bake target names is a unit, and a CI build argument fills an ARG with no default', async () => {
    const units = runChains(await modelOf('docker-builds'));
    expect(outcome(units, 'Dockerfile#jobs')).toEqual(['src/jobs.js']);
    expect(outcome(units, 'apps/api/Dockerfile')).toEqual(['apps/api/src/main.js']);
  });

  it("a CI step that names its context gives the Dockerfile's paths their root (shelf.nu's turbo-prune image)", async () => {
    const units = runChains(await modelOf('ci-named-context'));
    expect(outcome(units, 'apps/web/Dockerfile')).toEqual(['apps/web/server.js']);
  });

  it('the build context is inferred through an ARG default (no compose file names it)', async () => {
    const units = runChains(await modelOf('docker-args'));
    expect(outcome(units, 'packages/solo/Dockerfile')).toEqual(['packages/solo/src/main.ts']);
  });

  it('npm start finds the package.json the image build copied into the WORKDIR, and runs its script there', async () => {
    const units = runChains(await modelOf('docker-image-copy'));
    expect(outcome(units, 'Dockerfile')).toEqual(['loader.js']);
  });
});
