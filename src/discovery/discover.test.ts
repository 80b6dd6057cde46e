import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { classify, isTestPath } from './classify.js';
import { discover } from './discover.js';

describe('classify', () => {
  it.each([
    ['src/server.ts', 'ts'],
    ['src/App.tsx', 'ts'],
    ['lib/a.mjs', 'ts'],
    ['lib/a.cjs', 'ts'],
    ['types/global.d.ts', null],
    ['Dockerfile', 'dockerfile'],
    ['docker/Dockerfile.prod', 'dockerfile'],
    ['api.Dockerfile', 'dockerfile'],
    ['Containerfile', 'dockerfile'],
    ['package.json', 'package-json'],
    ['package-lock.json', 'lockfile'],
    ['yarn.lock', 'lockfile'],
    ['pnpm-lock.yaml', 'lockfile'],
    ['bun.lockb', 'lockfile'],
    ['tsconfig.build.json', 'tsconfig'],
    ['.env', 'env'],
    ['.env.production', 'env'],
    ['config/app.env', 'env'],
    ['Procfile', 'procfile'],
    ['scripts/entry.sh', 'shell'],
    ['compose.yaml', 'yaml'],
    ['k8s/app.yml', 'yaml'],
    ['config/default.json', 'json'],
    ['README.md', null],
  ])('%s is %s', (file, kind) => {
    expect(classify(file)).toBe(kind);
  });

  it('knows test files and fixtures', () => {
    expect(isTestPath('test/app.ts')).toBe(true);
    expect(isTestPath('src/__tests__/a.ts')).toBe(true);
    expect(isTestPath('src/a.spec.ts')).toBe(true);
    expect(isTestPath('apps/api/src/.env.test')).toBe(true);
    expect(isTestPath('src/testing-utils.ts')).toBe(false);
    expect(isTestPath('src/contest/server.ts')).toBe(false);
  });
});

describe('discover', () => {
  it('honours .gitignore and the default ignores, sorts, and never follows a symlink out of the root', async () => {
    const outside = mkdtempSync(path.join(os.tmpdir(), 'tfa-outside-'));
    writeFileSync(path.join(outside, 'secret.ts'), 'export const x = 1;');
    const root = mkdtempSync(path.join(os.tmpdir(), 'tfa-discover-'));
    for (const dir of ['src', 'node_modules/dep', 'dist', 'generated']) mkdirSync(path.join(root, dir), { recursive: true });
    writeFileSync(path.join(root, '.gitignore'), 'generated/\n');
    writeFileSync(path.join(root, 'src', 'b.ts'), '');
    writeFileSync(path.join(root, 'src', 'a.ts'), '');
    writeFileSync(path.join(root, 'node_modules', 'dep', 'index.js'), '');
    writeFileSync(path.join(root, 'dist', 'server.js'), '');
    writeFileSync(path.join(root, 'generated', 'client.ts'), '');
    writeFileSync(path.join(root, 'Dockerfile'), 'FROM node:20.11.1\n');
    writeFileSync(path.join(root, 'notes.txt'), '');
    symlinkSync(path.join(outside, 'secret.ts'), path.join(root, 'src', 'linked.ts'));
    symlinkSync(path.join(root, 'src', 'a.ts'), path.join(root, 'src', 'alias.ts'));
    const d = await discover(root);
    expect(d.files.map((f) => `${f.path} ${f.kind}`)).toEqual(['Dockerfile dockerfile', 'src/a.ts ts', 'src/alias.ts ts', 'src/b.ts ts']);
    expect(d.skipped).toEqual([{ path: 'src/linked.ts', reason: 'symbolic link pointing outside the scanned root' }]);
  });
});
