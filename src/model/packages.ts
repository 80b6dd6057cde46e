// Package and workspace layout, read from the project model: which package.json governs a file,
// which folder is a workspace root, which lockfile records a package, which files only run in
// development. Shared by the codebase, dependencies and config rules.

import { pathGlobMatches } from '../discovery/glob.js';
import path from 'node:path/posix';
import type { LockfileFacts, PackageJsonFacts } from './facts.js';
import type { ModelFile, ProjectModel } from './project-model.js';
import { isRecord } from '../parsing/structured.js';

export function dirOf(file: string): string {
  return path.dirname(file);
}

export function joinDir(dir: string, name: string): string {
  return dir === '.' || dir === '' ? name : `${dir}/${name}`;
}

/** Is `file` at or below `dir` ('.' contains everything)? */
export function isUnder(file: string, dir: string): boolean {
  return dir === '.' || dir === '' || file === dir || file.startsWith(`${dir}/`);
}

/**
 * A package.json that makes a package: it has a name or dependencies. `{ "type": "module" }` in a
 * sub-folder only changes how Node reads the files there.
 */
export function isPackage(facts: PackageJsonFacts): boolean {
  return facts.name !== undefined || facts.dependencies.length > 0 || facts.workspaces.length > 0;
}

/** The nearest package.json at or above `dir` that makes a package. */
export function packageOfDir(model: ProjectModel, dir: string): ModelFile<PackageJsonFacts> | undefined {
  for (let cur = dir; ; cur = path.dirname(cur)) {
    const hit = model.files.get(joinDir(cur, 'package.json'));
    if (hit?.facts.kind === 'package-json' && isPackage(hit.facts)) return hit as ModelFile<PackageJsonFacts>;
    if (cur === '.' || cur === '/' || cur === '') return undefined;
  }
}

export function packageOfFile(model: ProjectModel, file: string): ModelFile<PackageJsonFacts> | undefined {
  return packageOfDir(model, path.dirname(file));
}

/** Workspace globs of a folder: package.json `workspaces` and pnpm-workspace.yaml `packages`. */
export function workspaceGlobs(model: ProjectModel, dir: string): string[] {
  const out: string[] = [];
  const pkg = model.files.get(joinDir(dir, 'package.json'))?.facts;
  if (pkg?.kind === 'package-json') out.push(...pkg.workspaces);
  const pnpm = model.files.get(joinDir(dir, 'pnpm-workspace.yaml'))?.facts;
  if (pnpm?.kind === 'structured') {
    const doc = pnpm.docs[0]?.value;
    if (isRecord(doc) && Array.isArray(doc.packages)) out.push(...doc.packages.filter((g): g is string => typeof g === 'string'));
  }
  return out;
}

/** The nearest ancestor folder that declares `dir` as one of its workspaces. */
export function workspaceRoot(model: ProjectModel, dir: string): string | undefined {
  if (dir === '.') return undefined;
  for (let cur = path.dirname(dir); ; cur = path.dirname(cur)) {
    const rel = cur === '.' ? dir : dir.slice(cur.length + 1);
    const globs = workspaceGlobs(model, cur);
    // `!packages/legacy` and `!**/test/**` take a folder out of the workspace.
    const excluded = globs.some((g) => g.startsWith('!') && matchesGlob(rel, g.slice(1)));
    if (!excluded && globs.some((g) => matchesGlob(rel, g))) return cur;
    if (cur === '.' || cur === '/' || cur === '') return undefined;
  }
}

/** Workspace and ignore globs: `packages/*`, `apps/**`, `services/api`, `*.env`. */
export function matchesGlob(rel: string, glob: string): boolean {
  const clean = glob.replace(/^\.\//, '').replace(/\/$/, '');
  if (clean.startsWith('!')) return false;
  return pathGlobMatches(rel, clean);
}

/** Names of every package of the repository (workspace siblings). */
export function localPackageNames(model: ProjectModel): Set<string> {
  const names = new Set<string>();
  for (const pkg of model.ofKind('package-json')) if (pkg.facts.name) names.add(pkg.facts.name);
  return names;
}

/** The lockfile that records the package in `dir`: beside it, or at its workspace root. */
export function lockfileFor(model: ProjectModel, dir: string): { lock: ModelFile<LockfileFacts>; importer: string } | undefined {
  const locks = model.ofKind('lockfile');
  const inDir = (d: string) => locks.find((l) => path.dirname(l.path) === d && !l.path.endsWith('.lockb')) ?? locks.find((l) => path.dirname(l.path) === d);
  const beside = inDir(dir);
  if (beside) return { lock: beside, importer: '.' };
  const root = workspaceRoot(model, dir);
  if (root === undefined) return undefined;
  const atRoot = inDir(root);
  return atRoot ? { lock: atRoot, importer: root === '.' ? dir : dir.slice(root.length + 1) } : undefined;
}

const DEV_DIR = /(^|\/)(scripts?|tools|tooling|ci|\.ci|bin\/dev|\.storybook|stories|examples?|docs?|benchmarks?|bench|seeds?|e2e|cypress|playwright|mocks?|__mocks__|\.github|\.husky)\//i;
const DEV_FILE =
  /(^|\/)([^/]*\.config|[^/]*rc|gulpfile|gruntfile|jakefile|webpack\.[^/]*|rollup\.[^/]*|vite\.[^/]*|babel\.[^/]*|jest\.[^/]*|vitest\.[^/]*|karma\.[^/]*|tsup\.[^/]*|[^/]*\.stories|[^/]*\.story|setup-?tests?|test-setup|global-setup|global-teardown)\.[cm]?[jt]sx?$/i;

/**
 * Files that run only while developing, building or testing: tests, config files of tools
 * (`vite.config.ts`, `.eslintrc.js`), stories, and scripts/tools folders. devDependencies are fine there.
 */
/** Test files that the shared test-path patterns do not name: `x.e2e-ee.ts`, `x.spec-helper.ts`, `x spec.ts`. */
const TEST_LIKE = /(^|\/)[^/]*[.\s_-](test|tests|spec|e2e)([.\s_-][^/]*)?\.[cm]?[jt]sx?$/i;

export function isDevContextPath(file: string): boolean {
  return DEV_DIR.test(file) || DEV_FILE.test(file) || TEST_LIKE.test(file);
}

/** `lodash/fp` -> `lodash`, `@scope/pkg/sub` -> `@scope/pkg`; undefined for anything that is not a bare package name. */
export function packageNameOf(specifier: string): string | undefined {
  if (specifier === '' || specifier.startsWith('.') || specifier.startsWith('/') || specifier.startsWith('#') || specifier.startsWith('~')) return undefined;
  // URLs and protocols: `node:fs`, `https://...`, `virtual:x`, `bun:test`, `npm:x`, `jsr:x`.
  if (/^[a-z][a-z0-9+.-]*:/i.test(specifier)) return undefined;
  const parts = specifier.split('/');
  if (specifier.startsWith('@')) {
    if (parts.length < 2 || parts[0] === '@' || !parts[1]) return undefined;
    return `${parts[0]}/${parts[1]}`;
  }
  const name = parts[0]!;
  if (name.startsWith('_') || /[\s"'`$!*(){}]/.test(name)) return undefined;
  return name;
}

export interface Declarations {
  /** The package.json that governs the file. */
  pkg: ModelFile<PackageJsonFacts>;
  /** Names in dependencies/optionalDependencies/peerDependencies of that package.json or one above it. */
  runtime: Set<string>;
  /** Names in devDependencies only. */
  devOnly: Set<string>;
}

/**
 * What a file may import: the dependencies of its package.json and of every package.json above it
 * (Node resolves node_modules folders upwards, and workspace roots hold shared dependencies).
 */
export function declarationsFor(model: ProjectModel, file: string): Declarations | undefined {
  const pkg = packageOfFile(model, file);
  if (!pkg) return undefined;
  // Every file of a package shares them; rules ask once per file.
  const byPackage = model.memo('packages:declarations', () => new Map<string, Declarations>());
  let found = byPackage.get(pkg.path);
  if (!found) {
    found = declarationsOfPackage(model, pkg);
    byPackage.set(pkg.path, found);
  }
  return found;
}

function declarationsOfPackage(model: ProjectModel, pkg: ModelFile<PackageJsonFacts>): Declarations {
  const runtime = new Set<string>();
  const dev = new Set<string>();
  for (let dir = path.dirname(pkg.path); ; dir = path.dirname(dir)) {
    const hit = model.files.get(joinDir(dir, 'package.json'));
    if (hit?.facts.kind === 'package-json') {
      for (const d of hit.facts.dependencies) (d.section === 'devDependencies' ? dev : runtime).add(d.name);
    }
    if (dir === '.' || dir === '/' || dir === '') break;
  }
  for (const name of runtime) dev.delete(name);
  return { pkg, runtime, devOnly: dev };
}

const BUNDLERS = /^(vite|webpack|next|react-scripts|@angular\/core|@angular\/cli|nuxt|vue|svelte|@sveltejs\/kit|rollup|esbuild|parcel|tsup|@vercel\/ncc|expo|react-native|gatsby|@remix-run\/dev|astro|electron|electron-builder|@rspack\/core|rolldown|unbuild|@nestjs\/cli-webpack|webpack-cli|bun)$/;

/**
 * A package whose code is bundled before it runs (a front end, or a service built with
 * esbuild/tsup/ncc): its imports are resolved at build time, where devDependencies are installed.
 */
export function isBundled(pkg: PackageJsonFacts): boolean {
  if (pkg.dependencies.some((d) => BUNDLERS.test(d.name))) return true;
  return pkg.scripts.some((s) => /^(build|bundle|compile)/.test(s.name) && /\b(esbuild|tsup|ncc|webpack|rollup|vite|parcel|bun build|rspack|rolldown)\b/.test(s.value));
}

/**
 * Files that only package.json scripts other than start-like ones run (`"build": "node ./check.mjs"`,
 * `"postinstall": "node scripts/patch.js"`): build and development tooling.
 */
export function scriptOnlyFiles(model: ProjectModel): Set<string> {
  return model.memo('packages:script-only-files', () => computeScriptOnlyFiles(model));
}

function computeScriptOnlyFiles(model: ProjectModel): Set<string> {
  const tooling = new Set<string>();
  const runtime = new Set<string>();
  for (const pkg of model.ofKind('package-json')) {
    const dir = path.dirname(pkg.path);
    const main = pkg.facts.main ? model.sourceForRuntimePath(pkg.facts.main.value, dir) : undefined;
    if (main) runtime.add(main);
    for (const s of pkg.facts.scripts) {
      const targets = model.nodeTargets(s.value, dir);
      for (const t of targets) (/^(start|serve|server|prod|production|worker)(:|$)/.test(s.name) ? runtime : tooling).add(t);
    }
  }
  for (const r of runtime) tooling.delete(r);
  return tooling;
}
