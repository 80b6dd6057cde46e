import path from 'node:path';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { discover } from '../discovery/discover.js';
import { analyzeFile } from '../engine/per-file.js';
import { ProjectModel, type ProjectSettings } from './project-model.js';

const RULE_FIXTURES = path.join(import.meta.dirname, '../../rules/disposability/__fixtures__/missing-sigterm-handler');
const OWN_FIXTURES = path.join(import.meta.dirname, '__fixtures__/deployed');

async function deployed(dir: string, settings: ProjectSettings = {}): Promise<string[]> {
  const d = await discover(dir);
  const files = d.files.map((f) => analyzeFile({ path: f.path, kind: f.kind, text: readFileSync(f.absPath, 'utf8'), isTest: false }, []));
  const model = new ProjectModel(
    files.flatMap((r) => (r.kind && r.facts ? [{ path: r.path, kind: r.kind, facts: r.facts, isTest: false }] : [])),
    { isGitRepo: false },
    settings,
  );
  return model.deployedEntrypoints().map((e) => `${e.file} ${e.evidence}${e.unit ? ` (${e.unit.label})` : ''}`);
}

describe('deployed entrypoints', () => {
  it('in a folder a production unit reaches, only what its chain reaches', async () => {
    expect(await deployed(path.join(RULE_FIXTURES, 'deployed-unit-runs-server'))).toEqual(['src/server.js unit (Dockerfile)']);
  });

  it('decides per project folder: a sibling whose chain stops falls back to inference', async () => {
    expect(await deployed(path.join(RULE_FIXTURES, 'sibling-service-inferred'))).toEqual(['services/api/src/main.js unit (services/api/Dockerfile)', 'services/gateway/src/main.js inferred']);
  });

  it('a start script outranks inference in its folder: the one-off tools beside it are not deployed', async () => {
    expect(await deployed(path.join(RULE_FIXTURES, 'one-off-tool-not-run'))).toEqual(['server/server.js declared']);
  });

  it('build files are never entrypoints of a deployed process', async () => {
    expect(await deployed(path.join(RULE_FIXTURES, 'gruntfile-starts-server'))).toEqual(['app.js inferred']);
  });

  it('what only a dev set-up runs is not deployed, and does not outrank inference', async () => {
    expect(await deployed(path.join(OWN_FIXTURES, 'dev-compose'))).toEqual(['src/index.js inferred']);
  });

  it('a bin that requires its built output runs the source of it', async () => {
    expect(await deployed(path.join(import.meta.dirname, '../../rules/disposability/__fixtures__/swallowed-fatal-error/bin-requires-built-output'))).toEqual(['cli.js declared', 'src/index.ts declared']);
  });

  it('configured entrypoints replace all of it', async () => {
    expect(await deployed(path.join(RULE_FIXTURES, 'one-off-tool-not-run'), { entrypoints: ['extra/**'] })).toEqual(['extra/simple-dns-server.js configured']);
  });
});
