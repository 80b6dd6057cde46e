// Run chains, the script and package-manager side: build contexts, `cd` inside images, JS launchers,
// gulp, Remix / React Router servers, nx project.json targets and workspace selectors. Each fixture
// folder (src/model/__fixtures__/run-chain/scripts-*) has a case that reaches its source and a near
// miss that must stop, with the reason.

import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildModel } from '../cli/commands/model.js';
import { runChains, type RunChainUnit } from './run-chain.js';

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
