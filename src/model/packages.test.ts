import { describe, expect, it } from 'vitest';
import { hoistedFromSibling, hoists, isBundled, packageNameOf, workspaceHoisting, workspaceHoistingFromJson, workspaceHoistingToJson, type WorkspaceLayout } from './packages.js';
import { ProjectModel } from './project-model.js';
import { parsePackageJson } from '../parsing/package-json.js';

const layout = (publicHoistPatterns: string[]): WorkspaceLayout => ({
  root: '.',
  manager: 'pnpm',
  hoisting: 'patterns',
  publicHoistPatterns,
  describe: 'pnpm public-hoist-pattern puts it in the root node_modules',
  members: [],
});

describe('hoists (pnpm public-hoist-pattern)', () => {
  it('matches `*` globs over the whole name, the last matching pattern deciding', () => {
    const l = layout(['*eslint*', '@opentelemetry/*', '!@opentelemetry/sdk-*']);
    expect(hoists(l, '@typescript-eslint/parser')).toBe(true);
    expect(hoists(l, '@opentelemetry/api')).toBe(true);
    expect(hoists(l, '@opentelemetry/sdk-node')).toBe(false);
    expect(hoists(l, 'opentelemetry')).toBe(false);
    expect(hoists(l, 'prettier')).toBe(false);
  });

  it('stays linear on a pattern from a hostile .npmrc', () => {
    const started = performance.now();
    expect(hoists(layout([`${'*a'.repeat(5000)}b`]), 'a'.repeat(214))).toBe(false);
    expect(performance.now() - started).toBeLessThan(500);
  });

  it('hoists everything or nothing outside pattern mode', () => {
    expect(hoists({ ...layout([]), hoisting: 'all' }, 'keyv')).toBe(true);
    expect(hoists({ ...layout(['*']), hoisting: 'none' }, 'keyv')).toBe(false);
  });
});

describe('the workspace hoisting, as computed and as stored', () => {
  const pkg = (path: string, json: object) => ({ path, kind: 'package-json' as const, facts: parsePackageJson(JSON.stringify(json)), isTest: false });
  const model = () =>
    new ProjectModel([
      pkg('package.json', { name: 'mono', private: true, workspaces: ['packages/*'] }),
      pkg('packages/a/package.json', { name: 'a', dependencies: { zod: '3.0.0' }, devDependencies: { pino: '9.0.0', tsx: '4.0.0' } }),
      pkg('packages/b/package.json', { name: 'b', dependencies: { pino: '9.0.0' }, devDependencies: { zod: '3.0.0', tsx: '4.0.0' } }),
      pkg('packages/c/package.json', { name: 'c', dependencies: { zod: '3.0.0' } }),
      pkg('tools/package.json', { name: 'tools', dependencies: { zod: '3.0.0' } }),
    ]);
  const answers = (m: ProjectModel, known?: ReturnType<typeof workspaceHoisting>) =>
    ['packages/a/package.json', 'packages/b/package.json', 'packages/c/package.json', 'tools/package.json'].flatMap((p) =>
      ['zod', 'pino', 'tsx', 'express'].map((name) => {
        const hit = hoistedFromSibling(m, p, name, known);
        return `${p} ${name}: ${hit ? `${hit.declarer} ${hit.production ? 'production' : 'dev'}` : '-'}`;
      }),
    );

  it('names the first other member declaring a name, a production declaration first', () => {
    const m = model();
    const all = answers(m);
    expect(all).toContain('packages/a/package.json zod: packages/c/package.json production');
    expect(all).toContain('packages/b/package.json zod: packages/a/package.json production');
    expect(all).toContain('packages/a/package.json pino: packages/b/package.json production');
    expect(all).toContain('packages/a/package.json tsx: packages/b/package.json dev');
    expect(all).toContain('packages/c/package.json tsx: packages/a/package.json dev');
    expect(all).toContain('packages/a/package.json express: -');
    // Not a member, but inside the root's folder: Node finds the root node_modules from it too.
    expect(all).toContain('tools/package.json zod: packages/a/package.json production');
  });

  it('gives the same answers read back from its stored form, also when names were left out of it', () => {
    const m = model();
    const stored = JSON.parse(JSON.stringify(workspaceHoistingToJson(workspaceHoisting(m)))) as unknown;
    expect(answers(model(), workspaceHoistingFromJson(stored))).toEqual(answers(m));
    const leaveOut = (name: string) => name === 'zod';
    const without = JSON.parse(JSON.stringify(workspaceHoistingToJson(workspaceHoisting(m), leaveOut))) as Record<string, unknown>;
    expect(JSON.stringify(without)).not.toContain('zod');
    // Left-out names are answered from the model: the stored form alone would say no sibling declares zod.
    expect(workspaceHoistingFromJson(without)).toBeUndefined();
    expect(answers(model(), workspaceHoistingFromJson(without, leaveOut))).toEqual(answers(m));
  });

  it('reads back nothing from a stored form that is not one', () => {
    const stored = workspaceHoistingToJson(workspaceHoisting(model())) as { layouts: Array<Record<string, unknown>>; layoutOf: unknown[] };
    const broken = (change: (s: typeof stored) => void) => {
      const copy = JSON.parse(JSON.stringify(stored)) as typeof stored;
      change(copy);
      return workspaceHoistingFromJson(copy);
    };
    expect(broken(() => undefined)).toBeDefined();
    expect(broken((s) => (s.layouts[0]!.hoisting = 'some'))).toBeUndefined();
    expect(broken((s) => (s.layouts[0]!.names = [['zod', [99], []]]))).toBeUndefined();
    expect(broken((s) => (s.layoutOf = [['packages/a/package.json', 5]]))).toBeUndefined();
    expect(workspaceHoistingFromJson([])).toBeUndefined();
  });
});

describe('packageNameOf', () => {
  it.each([
    ['lodash', 'lodash'],
    ['lodash/fp', 'lodash'],
    ['@scope/pkg', '@scope/pkg'],
    ['@scope/pkg/sub/deep', '@scope/pkg'],
    ['a/', 'a'],
    ['@types/node', '@types/node'],
    ['@a-b.c_d~e/pkg', '@a-b.c_d~e/pkg'],
  ])('%s is package %s', (specifier, name) => {
    expect(packageNameOf(specifier)).toBe(name);
  });
  // Relative, absolute, subpath and home imports, protocols, and scopes that name no package.
  it.each(['', './x', '/x', '#x', '~/x', 'node:fs', 'https://x.test/m.js', '@scope', '@', '@/x', '@scope//x', '@scope/', '@@/package.json', '@/components/x', '_private', 'a b'])('%s is no package', (specifier) => {
    expect(packageNameOf(specifier)).toBeUndefined();
  });
});


describe('isBundled', () => {
  const pkg = (json: object) => parsePackageJson(JSON.stringify(json));
  it('knows a package built by a bundler, by its dependency or its build script', () => {
    expect(isBundled(pkg({ name: 'a', devDependencies: { tsdown: '^0.15.0' } }))).toBe(true);
    expect(isBundled(pkg({ name: 'a', scripts: { build: 'tsdown src/index.ts' } }))).toBe(true);
    expect(isBundled(pkg({ name: 'a', scripts: { build: 'unbuild' } }))).toBe(true);
    expect(isBundled(pkg({ name: 'a', scripts: { build: 'esbuild src/main.ts --bundle --platform=node' } }))).toBe(true);
  });
  it('near miss: tsc compiles without bundling, and a lint script is no build', () => {
    expect(isBundled(pkg({ name: 'a', devDependencies: { typescript: '^5.6.0' }, scripts: { build: 'tsc -p tsconfig.build.json' } }))).toBe(false);
    expect(isBundled(pkg({ name: 'a', scripts: { lint: 'eslint . && tsdown --help' } }))).toBe(false);
  });
});
