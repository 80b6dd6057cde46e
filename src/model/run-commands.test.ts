import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { discover } from '../discovery/discover.js';
import { analyzeFile } from '../engine/per-file.js';
import { readFileSync } from 'node:fs';
import { ProjectModel } from './project-model.js';
import { describeChain } from './run-commands.js';

async function modelOf(dir: string): Promise<ProjectModel> {
  const d = await discover(dir);
  const files = d.files.map((f) => analyzeFile({ path: f.path, kind: f.kind, text: readFileSync(f.absPath, 'utf8'), isTest: false }, []));
  return new ProjectModel(files.flatMap((r) => (r.kind && r.facts ? [{ path: r.path, kind: r.kind, facts: r.facts, isTest: false }] : [])));
}

describe('run-command chains', () => {
  it('follows ENTRYPOINT script, exec "$@" to CMD, npm start, npm-run-all targets', async () => {
    const model = await modelOf(path.join(import.meta.dirname, '__fixtures__/chain/app'));
    const df = model.runCommands().find((r) => r.command.origin === 'dockerfile')!;
    expect(df.command.argv).toEqual(['/app/docker-entrypoint.sh', 'npm', 'start']);
    const leaves = df.leaves.map((l) => `${l.at.file}:${l.at.line} ${l.argv.join(' ')}${l.viaShell ? ' (via shell)' : ''}`);
    expect(leaves).toEqual([
      'docker-entrypoint.sh:2 set -e (via shell)',
      'docker-entrypoint.sh:3 npx prisma migrate deploy (via shell)',
      'Dockerfile:5 npm start',
      // npm runs scripts through sh -c, and stays in front as their parent process.
      'package.json:4 npm-run-all -p serve:* (via shell)',
      'package.json:4 npm run serve:api',
      'package.json:5 node dist/server.js (via shell)',
      'package.json:4 npm run serve:worker',
      'package.json:6 node dist/worker.js (via shell)',
    ]);
    const server = df.leaves.find((l) => l.argv[1] === 'dist/server.js')!;
    expect(describeChain(server)).toBe('Dockerfile ENTRYPOINT → docker-entrypoint.sh → exec "$@" → npm start → npm-run-all -p serve:* → npm run serve:api');
  });
});

describe('run-command chains: npm hooks and k8s shell args', () => {
  it('runs prestart before and poststart after start, and places sh -c scripts at args', async () => {
    const model = await modelOf(path.join(import.meta.dirname, '__fixtures__/chain-hooks'));
    const k8s = model.runCommands().find((r) => r.command.origin === 'k8s')!;
    expect(k8s.command.at.line).toBe(18);
    expect(k8s.leaves.map((l) => `${l.at.file}:${l.at.line} ${l.argv.join(' ')}`)).toEqual([
      'deployment.yaml:18 npm start',
      'package.json:5 npm run build',
      'package.json:6 tsc',
      'package.json:7 node dist/server.js',
      'package.json:8 echo stopped',
    ]);
    const tsc = k8s.leaves.find((l) => l.argv[0] === 'tsc')!;
    expect(describeChain(tsc)).toBe('Deployment api container api → /bin/sh -c npm start → npm start (prestart) → npm run build');
  });
});
