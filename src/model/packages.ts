// Package and workspace layout, read from the project model: which package.json governs a file,
// which folder is a workspace root, which lockfile records a package, which files only run in
// development. Shared by the codebase, dependencies and config rules.

import { matchesWorkspaceGlob } from '../util/glob/index.js';
import path from 'node:path/posix';
import type { LockfileFacts, PackageJsonFacts } from '../parsing/facts.js';
import type { ModelFile, ProjectModel } from './project-model.js';
import { isRecord } from '../parsing/structured.js';
import { isToolConfigPath, roleByPath } from './file-role.js';

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
  // Asked for every file: once per folder, each folder from its parent's answer.
  return model.memoOf('packages:package-of-dir', dir, () => {
    const hit = model.files.get(joinDir(dir, 'package.json'));
    if (hit?.facts.kind === 'package-json' && isPackage(hit.facts)) return hit as ModelFile<PackageJsonFacts>;
    return dir === '.' || dir === '/' || dir === '' ? undefined : packageOfDir(model, path.dirname(dir));
  });
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

/**
 * Rush monorepos (rush.json): every project it lists (`projects[].projectFolder`) is installed from
 * one lockfile kept under `common/config/rush/` beside rush.json, not at a workspace root. The
 * folder of that lockfile for a project folder, or undefined when no rush.json lists it.
 */
export function rushLockfileDir(model: ProjectModel, dir: string): string | undefined {
  return rushProjects(model).get(dir);
}

function rushProjects(model: ProjectModel): Map<string, string> {
  return model.memo('packages:rush-projects', () => {
    // rush.json sits at the repository's root (Rush looks for it there and above).
    const byFolder = new Map<string, string>();
    const rush = model.files.get('rush.json');
    const doc = rush?.facts.kind === 'structured' ? rush.facts.docs[0]?.value : undefined;
    if (!isRecord(doc) || !Array.isArray(doc.projects)) return byFolder;
    for (const p of doc.projects) {
      const folder = isRecord(p) && typeof p.projectFolder === 'string' ? path.normalize(p.projectFolder) : undefined;
      if (folder !== undefined && !folder.startsWith('..') && !path.isAbsolute(folder) && !byFolder.has(folder)) byFolder.set(folder, 'common/config/rush');
    }
    return byFolder;
  });
}

/** The nearest ancestor folder that declares `dir` as one of its workspaces. */
export function workspaceRoot(model: ProjectModel, dir: string): string | undefined {
  return workspaceRoots(model, dir)[0];
}

/**
 * Every workspace that lists the package in `dir` as a member, nearest first: a sample's own
 * workspace (food-delivery/) and the repository's (pnpm-workspace.yaml with `food-delivery/apps/*`,
 * whose shared lockfile records them all: temporalio/samples-typescript).
 */
export function workspaceRoots(model: ProjectModel, dir: string): string[] {
  const roots: string[] = [];
  if (dir === '.') return roots;
  for (let cur = path.dirname(dir); ; cur = path.dirname(cur)) {
    const rel = cur === '.' ? dir : dir.slice(cur.length + 1);
    const globs = workspaceGlobs(model, cur);
    // `!packages/legacy` and `!**/test/**` take a folder out of the workspace.
    const excluded = globs.some((g) => g.startsWith('!') && matchesWorkspaceGlob(rel, g.slice(1)));
    if (!excluded && globs.some((g) => matchesWorkspaceGlob(rel, g))) roots.push(cur);
    if (cur === '.' || cur === '/' || cur === '') return roots;
  }
}

/** The folder's settings file of one kind (`.npmrc`, `.yarnrc.yml`, pnpm-workspace.yaml), parsed. */
function structuredDoc(model: ProjectModel, dir: string, name: string): Record<string, unknown> | undefined {
  const facts = model.files.get(joinDir(dir, name))?.facts;
  const doc = facts?.kind === 'structured' ? facts.docs[0]?.value : undefined;
  return isRecord(doc) ? doc : undefined;
}

export type PackageManager = 'npm' | 'yarn' | 'pnpm' | 'bun';

/**
 * How a workspace root lays out node_modules, which decides what a workspace package can import
 * without declaring it. npm, yarn with `nodeLinker: node-modules` and bun hoist every installed
 * package to the root node_modules, where Node finds it from any workspace; pnpm links only what a
 * package declares (unless `shamefully-hoist`, `node-linker=hoisted` or a `public-hoist-pattern`
 * says otherwise) and yarn Plug'n'Play refuses undeclared imports.
 */
export interface WorkspaceLayout {
  /** Folder of the workspace root. */
  root: string;
  manager: PackageManager;
  /** `all`: every installed package is hoisted; `patterns`: those matching publicHoistPatterns; `none`: strict. */
  hoisting: 'all' | 'patterns' | 'none';
  /** pnpm `public-hoist-pattern` globs (`!` excludes). */
  publicHoistPatterns: string[];
  /** What hoists, in a few words for messages (`npm workspaces`, `pnpm shamefully-hoist`). */
  describe: string;
  /** Every package.json of the workspace (the root's included), by folder. */
  members: string[];
}

/**
 * What decides whether a package resolves a name it does not declare through a workspace sibling
 * (hoistedFromSibling), for every package of the repository: the layout of its workspace, and for
 * each name that layout hoists, the first members that declare it. It is derived from package.json
 * files, pnpm-workspace.yaml, lockfiles (their type), .npmrc and .yarnrc.yml only, and kept small and
 * plain (workspaceHoistingToJson), so that a rule can store it with its partials: a change to a
 * source file then reads no package.json.
 */
export interface WorkspaceHoisting {
  /** Each layout, by its root folder. */
  layouts: Map<string, HoistingLayout>;
  /** Each package.json of a package that a layout governs (workspaceLayoutRoot): that layout's root. */
  layoutOf: Map<string, string>;
  /** Whether a name may be one a stored value left out (workspaceHoistingToJson): then it is not an answer for that name. */
  leftOut?: (name: string) => boolean;
}

export interface HoistingLayout extends Omit<WorkspaceLayout, 'members'> {
  /**
   * For each name the layout hoists that a member declares: the first two members (in the order of
   * `members`) that declare it outside devDependencies, and the first two that declare it in
   * devDependencies. Two, since the package asking is left out.
   */
  declarers: Map<string, { production: string[]; dev: string[] }>;
}

/** The WorkspaceHoisting of the model, computed once per run. */
export function workspaceHoisting(model: ProjectModel): WorkspaceHoisting {
  return model.memo('packages:workspace-hoisting', () => computeWorkspaceHoisting(model));
}

function computeWorkspaceHoisting(model: ProjectModel): WorkspaceHoisting {
  const layouts = computeWorkspaceLayouts(model);
  const out = new Map<string, HoistingLayout>();
  for (const [root, { members, ...layout }] of layouts) {
    const declarers = new Map<string, { production: string[]; dev: string[] }>();
    if (layout.hoisting !== 'none') {
      for (const member of members) {
        const facts = model.files.get(member)?.facts;
        if (facts?.kind !== 'package-json') continue;
        for (const d of facts.dependencies) {
          if (!hoists(layout, d.name)) continue;
          let entry = declarers.get(d.name);
          if (!entry) {
            entry = { production: [], dev: [] };
            declarers.set(d.name, entry);
          }
          const list = d.section === 'devDependencies' ? entry.dev : entry.production;
          if (list.length < 2 && !list.includes(member)) list.push(member);
        }
      }
    }
    out.set(root, { ...layout, declarers });
  }
  const layoutOf = new Map<string, string>();
  for (const pkg of model.ofKind('package-json')) {
    if (!isPackage(pkg.facts)) continue;
    const root = workspaceLayoutRoot(model, layouts, path.dirname(pkg.path));
    if (root !== undefined) layoutOf.set(pkg.path, root);
  }
  return { layouts: out, layoutOf };
}

/**
 * The root of the layout that `dir` (a package's folder) belongs to, is root of, or lies inside of:
 * a package nested in a member's folder without being a member (a test plugin with its own
 * package.json) still resolves the root node_modules, since Node searches upwards.
 */
function workspaceLayoutRoot(model: ProjectModel, layouts: ReadonlyMap<string, WorkspaceLayout>, dir: string): string | undefined {
  const root = workspaceRoot(model, dir);
  if (root !== undefined) return layouts.has(root) ? root : undefined;
  for (let cur = dir; ; cur = path.dirname(cur)) {
    if (layouts.has(cur)) return cur;
    if (cur === '.' || cur === '/' || cur === '') return undefined;
  }
}

const MANAGERS: ReadonlySet<string> = new Set<PackageManager>(['npm', 'yarn', 'pnpm', 'bun']);
const HOISTINGS: ReadonlySet<string> = new Set<WorkspaceLayout['hoisting']>(['all', 'patterns', 'none']);

/**
 * WorkspaceHoisting as plain JSON (members named by their index in the layout's list of them),
 * without the names `leaveOut` flags (the cache's secret screen: a dependency named like a token is
 * not stored), with `leftOut: true` when there were such names.
 */
export function workspaceHoistingToJson(value: WorkspaceHoisting, leaveOut: (name: string) => boolean = () => false): unknown {
  let left = false;
  const roots = [...value.layouts.keys()];
  const layouts = [...value.layouts.values()].map(({ declarers, ...layout }) => {
    const members: string[] = [];
    const ids = new Map<string, number>();
    const id = (member: string) => {
      let n = ids.get(member);
      if (n === undefined) {
        n = members.length;
        ids.set(member, n);
        members.push(member);
      }
      return n;
    };
    const names: Array<[string, number[], number[]]> = [];
    for (const [name, d] of declarers) {
      if (leaveOut(name)) left = true;
      else names.push([name, d.production.map(id), d.dev.map(id)]);
    }
    return { ...layout, members, names };
  });
  return { layouts, layoutOf: [...value.layoutOf].map(([pkg, root]) => [pkg, roots.indexOf(root)]), ...(left ? { leftOut: true } : {}) };
}

/**
 * WorkspaceHoisting from what workspaceHoistingToJson gave (read back from the cache), with the
 * `leaveOut` it was saved with; undefined when it is not that.
 */
export function workspaceHoistingFromJson(stored: unknown, leaveOut?: (name: string) => boolean): WorkspaceHoisting | undefined {
  if (!isRecord(stored) || !Array.isArray(stored.layouts) || !Array.isArray(stored.layoutOf)) return undefined;
  if (stored.leftOut !== undefined && (stored.leftOut !== true || !leaveOut)) return undefined;
  const isString = (v: unknown): v is string => typeof v === 'string';
  const layouts = new Map<string, HoistingLayout>();
  const roots: string[] = [];
  for (const l of stored.layouts as unknown[]) {
    if (!isRecord(l) || !isString(l.root) || !isString(l.manager) || !MANAGERS.has(l.manager) || !isString(l.hoisting) || !HOISTINGS.has(l.hoisting) || !isString(l.describe)) return undefined;
    if (!Array.isArray(l.publicHoistPatterns) || !l.publicHoistPatterns.every(isString) || !Array.isArray(l.members) || !l.members.every(isString) || !Array.isArray(l.names)) return undefined;
    const members = l.members as string[];
    const paths = (v: unknown): string[] | undefined => (Array.isArray(v) && v.every((n) => Number.isInteger(n) && n >= 0 && n < members.length) ? v.map((n: number) => members[n]!) : undefined);
    const declarers = new Map<string, { production: string[]; dev: string[] }>();
    for (const entry of l.names as unknown[]) {
      if (!Array.isArray(entry) || entry.length !== 3 || !isString(entry[0])) return undefined;
      const production = paths(entry[1]);
      const dev = paths(entry[2]);
      if (!production || !dev) return undefined;
      declarers.set(entry[0], { production, dev });
    }
    layouts.set(l.root, { root: l.root, manager: l.manager as PackageManager, hoisting: l.hoisting as WorkspaceLayout['hoisting'], publicHoistPatterns: l.publicHoistPatterns as string[], describe: l.describe, declarers });
    roots.push(l.root);
  }
  const layoutOf = new Map<string, string>();
  for (const entry of stored.layoutOf as unknown[]) {
    if (!Array.isArray(entry) || entry.length !== 2 || !isString(entry[0]) || !Number.isInteger(entry[1]) || entry[1] < 0 || entry[1] >= roots.length) return undefined;
    layoutOf.set(entry[0], roots[entry[1] as number]!);
  }
  return { layouts, layoutOf, ...(stored.leftOut === true && leaveOut ? { leftOut: leaveOut } : {}) };
}

function computeWorkspaceLayouts(model: ProjectModel): Map<string, WorkspaceLayout> {
  const members = new Map<string, string[]>();
  for (const pkg of model.ofKind('package-json')) {
    if (!isPackage(pkg.facts)) continue;
    const dir = path.dirname(pkg.path);
    const root = workspaceGlobs(model, dir).length > 0 ? dir : workspaceRoot(model, dir);
    if (root === undefined) continue;
    const list = members.get(root);
    if (list) list.push(pkg.path);
    else members.set(root, [pkg.path]);
  }
  const out = new Map<string, WorkspaceLayout>();
  for (const [root, list] of members) {
    if (workspaceGlobs(model, root).length === 0) continue;
    out.set(root, { root, members: list.sort(), ...layoutOfRoot(model, root) });
  }
  return out;
}

/**
 * Package names a pnpm project's own configuration hoists by name (`publicHoistPattern: [h3]` in
 * pnpm-workspace.yaml, `public-hoist-pattern[]=h3` in .npmrc) in the package's folder: pnpm puts
 * them in node_modules from the dependencies of what is declared (a framework's h3, ofetch), so an
 * import of them resolves by the project's own choice, not by accident. Globs are not names.
 */
export function publiclyHoistedByName(model: ProjectModel, dir: string): ReadonlySet<string> {
  // Asked per unresolved import: the folder's configuration is read once.
  return model.memoOf('packages:public-hoist', dir, () => {
    if (packageManagerOf(model, dir) !== 'pnpm') return new Set<string>();
    return new Set(layoutOfRoot(model, dir).publicHoistPatterns.filter((p) => /^(@[\w.-]+\/)?[\w.-]+$/.test(p)));
  });
}

function layoutOfRoot(model: ProjectModel, root: string): Pick<WorkspaceLayout, 'manager' | 'hoisting' | 'publicHoistPatterns' | 'describe'> {
  const manager = packageManagerOf(model, root);
  const rootPkg = model.files.get(joinDir(root, 'package.json'))?.facts;
  const declared = rootPkg?.kind === 'package-json' ? rootPkg.packageManager : undefined;
  if (manager === 'yarn') {
    // Yarn 2+ (a .yarnrc.yml, or packageManager yarn@2 and later) installs with Plug'n'Play unless
    // told otherwise; it merges the .yarnrc.yml files of the project folder and its ancestors.
    let berry = /^yarn@([2-9]|\d\d)/.test(declared ?? '');
    let linker: string | undefined;
    for (let cur = root; linker === undefined; cur = path.dirname(cur)) {
      const rc = structuredDoc(model, cur, '.yarnrc.yml');
      if (rc !== undefined) berry = true;
      if (typeof rc?.nodeLinker === 'string') linker = rc.nodeLinker;
      if (cur === '.' || cur === '/' || cur === '') break;
    }
    if (berry && linker !== 'node-modules') return { manager, hoisting: 'none', publicHoistPatterns: [], describe: `yarn ${linker ?? 'pnp'} linker` };
    return { manager, hoisting: 'all', publicHoistPatterns: [], describe: 'yarn workspaces hoist it to the root node_modules' };
  }
  if (manager === 'pnpm') {
    const rc = model.files.get(joinDir(root, '.npmrc'))?.facts;
    const npmrc = rc?.kind === 'npmrc' ? rc.settings : {};
    const ws = structuredDoc(model, root, 'pnpm-workspace.yaml') ?? {};
    const last = (key: string) => npmrc[key]?.at(-1);
    const linker = last('node-linker') ?? (typeof ws.nodeLinker === 'string' ? ws.nodeLinker : undefined);
    if (linker === 'hoisted') return { manager, hoisting: 'all', publicHoistPatterns: [], describe: 'pnpm node-linker=hoisted puts it in the root node_modules' };
    if (last('shamefully-hoist') === 'true' || ws.shamefullyHoist === true) {
      return { manager, hoisting: 'all', publicHoistPatterns: [], describe: 'pnpm shamefully-hoist puts it in the root node_modules' };
    }
    const patterns = [...(npmrc['public-hoist-pattern'] ?? []), ...(Array.isArray(ws.publicHoistPattern) ? ws.publicHoistPattern.filter((p): p is string => typeof p === 'string') : [])];
    return patterns.length > 0
      ? { manager, hoisting: 'patterns', publicHoistPatterns: patterns, describe: 'pnpm public-hoist-pattern puts it in the root node_modules' }
      : { manager, hoisting: 'none', publicHoistPatterns: [], describe: 'pnpm links only declared packages' };
  }
  return { manager, hoisting: 'all', publicHoistPatterns: [], describe: `${manager} workspaces hoist it to the root node_modules` };
}

/** The package manager of a folder: its lockfile, else pnpm-workspace.yaml, else package.json `packageManager`; npm by default. */
export function packageManagerOf(model: ProjectModel, dir: string): PackageManager {
  const lock = lockfilesByFolder(model).get(dir)?.[0];
  if (lock) return lock.facts.lockType;
  if (model.files.has(joinDir(dir, 'pnpm-workspace.yaml'))) return 'pnpm';
  const pkg = model.files.get(joinDir(dir, 'package.json'))?.facts;
  const declared = pkg?.kind === 'package-json' ? pkg.packageManager?.split('@')[0] : undefined;
  return declared === 'pnpm' || declared === 'yarn' || declared === 'bun' ? declared : 'npm';
}

/** The lockfiles of each folder, in discovery order (by path: no facts read). */
function lockfilesByFolder(model: ProjectModel): Map<string, Array<ModelFile<LockfileFacts>>> {
  return model.memo('packages:lockfiles-by-folder', () => {
    const byFolder = new Map<string, Array<ModelFile<LockfileFacts>>>();
    for (const lock of model.ofKind('lockfile')) {
      const dir = path.dirname(lock.path);
      const list = byFolder.get(dir);
      if (list) list.push(lock);
      else byFolder.set(dir, [lock]);
    }
    return byFolder;
  });
}

/** Does the layout put `name`, when some member installs it, in the root node_modules? */
export function hoists(layout: Pick<WorkspaceLayout, 'hoisting' | 'publicHoistPatterns'>, name: string): boolean {
  if (layout.hoisting !== 'patterns') return layout.hoisting === 'all';
  let hit = false;
  for (const p of layout.publicHoistPatterns) {
    if (p.startsWith('!')) {
      if (starMatch(p.slice(1), name)) hit = false;
    } else if (starMatch(p, name)) hit = true;
  }
  return hit;
}

/**
 * `*` glob over a whole package name, in linear time: the pattern comes from the scanned tree, and a
 * regular expression built from `*a*a*a*...` backtracks exponentially.
 */
function starMatch(pattern: string, name: string): boolean {
  let p = 0;
  let n = 0;
  let star = -1;
  let mark = 0;
  while (n < name.length) {
    if (p < pattern.length && pattern[p] !== '*' && pattern[p] === name[n]) {
      p++;
      n++;
    } else if (p < pattern.length && pattern[p] === '*') {
      star = p++;
      mark = n;
    } else if (star >= 0) {
      p = star + 1;
      n = ++mark;
    } else return false;
  }
  while (p < pattern.length && pattern[p] === '*') p++;
  return p === pattern.length;
}

/**
 * The other member of the workspace whose declaration of `name` installs it where every member
 * resolves it (a hoisting layout), a production declaration (dependencies, optionalDependencies,
 * peerDependencies: what an install without devDependencies keeps) before a devDependencies one;
 * undefined when no member does, or the layout does not hoist the name. `pkg` is the package.json
 * of a package (packageOfDir); `known` the WorkspaceHoisting as a rule keeps it, else the model's.
 */
export function hoistedFromSibling(model: ProjectModel, pkg: string, name: string, known?: WorkspaceHoisting): { layout: HoistingLayout; declarer: string; production: boolean } | undefined {
  const hoisting = known && !known.leftOut?.(name) ? known : workspaceHoisting(model);
  const root = hoisting.layoutOf.get(pkg);
  const layout = root === undefined ? undefined : hoisting.layouts.get(root);
  const declared = layout?.declarers.get(name);
  if (!layout || !declared) return undefined;
  const production = declared.production.find((m) => m !== pkg);
  if (production !== undefined) return { layout, declarer: production, production: true };
  const dev = declared.dev.find((m) => m !== pkg);
  return dev !== undefined ? { layout, declarer: dev, production: false } : undefined;
}

/** Names of every package of the repository (workspace siblings). */
export function localPackageNames(model: ProjectModel): Set<string> {
  const names = new Set<string>();
  for (const pkg of model.ofKind('package-json')) if (pkg.facts.name) names.add(pkg.facts.name);
  return names;
}

/**
 * The lockfile that records the package in `dir`: its workspace root's, where the package manager
 * installs every member from (a lockfile left beside a member is not read: ever-traduora's
 * api/yarn.lock), unless pnpm keeps one per package (`shared-workspace-lockfile=false`); else the one
 * beside it, or Rush's.
 */
export function lockfileFor(model: ProjectModel, dir: string): { lock: ModelFile<LockfileFacts>; importer: string } | undefined {
  const byFolder = lockfilesByFolder(model);
  const inDir = (d: string) => {
    const locks = byFolder.get(d);
    return locks?.find((l) => !l.path.endsWith('.lockb')) ?? locks?.[0];
  };
  const beside = inDir(dir);
  // The nearest workspace that has a lockfile: an inner workspace without one is installed by an outer one's.
  const root = workspaceRoots(model, dir).find((r) => inDir(r) !== undefined);
  const atRoot = root !== undefined ? inDir(root) : undefined;
  if (root !== undefined && atRoot && !(beside && lockfilePerPackage(model, root))) return { lock: atRoot, importer: root === '.' ? dir : dir.slice(root.length + 1) };
  if (beside) return { lock: beside, importer: '.' };
  const rush = rushLockfileDir(model, dir);
  const rushLock = rush !== undefined ? inDir(rush) : undefined;
  if (rush !== undefined && rushLock) return { lock: rushLock, importer: path.relative(rush, dir) };
  return undefined;
}

/** A pnpm workspace whose .npmrc says `shared-workspace-lockfile=false`: each package has its own lockfile. */
function lockfilePerPackage(model: ProjectModel, root: string): boolean {
  const rc = model.files.get(joinDir(root, '.npmrc'))?.facts;
  return rc?.kind === 'npmrc' && rc.settings['shared-workspace-lockfile']?.at(-1) === 'false';
}

/**
 * Files that run only while developing, building or testing, where devDependencies are fine: any role
 * but runtime (src/model/file-role.ts decides; this is not a second list of dev folders).
 */
export function isDevContextPath(file: string): boolean {
  return roleByPath(file).role !== 'runtime';
}

/**
 * A source file that production never loads: every file that imports it (tests aside) is a
 * non-runtime file (a helper of a dev script, an example, a build tool's configuration: dittofeed's
 * segmentIO.ts, an agent framework's CLI plugin only its examples use), or loads it only in a branch
 * that runs outside production (`if (process.env.NODE_ENV !== 'production') require('./swagger')`).
 * Its devDependencies are fine. A file no other file imports is not judged: it may be an entrypoint
 * or a route a framework loads by its path.
 */
export function importedOnlyOutsideRuntime(model: ProjectModel, file: string): boolean {
  const importers = model.importersOf(file);
  return importers.length > 0 && importers.every((importer) => model.roleOf(importer).role !== 'runtime' || loadsOnlyOutsideProduction(model, importer, file));
}

/** Whether every import of `file` in `importer` sits in a branch that runs only outside production. */
function loadsOnlyOutsideProduction(model: ProjectModel, importer: string, file: string): boolean {
  const facts = model.files.get(importer)?.facts;
  // Most files have no such import: answered without resolving any of their imports.
  if (facts?.kind !== 'ts' || !facts.imports.some((imp) => imp.outsideProduction)) return false;
  let seen = false;
  for (const imp of facts.imports) {
    if (imp.typeOnly || model.resolveImport(importer, imp.specifier) !== file) continue;
    if (!imp.outsideProduction) return false;
    seen = true;
  }
  return seen;
}

/** Fixtures of the scanned repository: their imports belong to the code under test, not to this package. */
const FIXTURE_DIR = /(^|\/)(fixtures|__fixtures__|testdata|test-fixtures)\//;
/**
 * Code that is not part of any package's build: project templates a CLI or code generator scaffolds
 * from (a folder, or `x.template.ts`), and CI scripts whose workflow installs what they need.
 */
const NOT_PACKAGE_CODE = /(^|\/)(templates?|boilerplates?|scaffolds?|skeletons?|starters?|\.github|\.gitlab|\.circleci)\/|\.template\.[cm]?[jt]sx?$/;

/** Source whose imports are not its package's dependencies: fixtures, templates, CI scripts. */
export function isNotPackageCode(file: string): boolean {
  return FIXTURE_DIR.test(file) || NOT_PACKAGE_CODE.test(file);
}

/** One import of a package name, as dependency rules group them (one finding per package.json and name). */
export interface ImportPlace {
  file: string;
  line: number;
  column: number;
  specifier: string;
  /** The package name imported. */
  name: string;
  /** The package.json that should declare it. */
  pkg: string;
}

/**
 * Each group's first place (by file, line, column) and the others, with `others` worded for a
 * message: '' or ` here and in 3 other files`.
 */
export function groupImportPlaces(groups: Map<string, ImportPlace[]>): Array<{ key: string; first: ImportPlace; rest: ImportPlace[]; others: string }> {
  const out: Array<{ key: string; first: ImportPlace; rest: ImportPlace[]; others: string }> = [];
  for (const [key, places] of groups) {
    const sorted = [...places].sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : a.line - b.line || a.column - b.column));
    const first = sorted[0]!;
    const otherFiles = new Set(sorted.map((p) => p.file));
    otherFiles.delete(first.file);
    const n = otherFiles.size;
    out.push({ key, first, rest: sorted.slice(1), others: n === 0 ? '' : ` here and in ${n} other file${n === 1 ? '' : 's'}` });
  }
  return out.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}

/**
 * `lodash/fp` -> `lodash`, `@scope/pkg/sub` -> `@scope/pkg`; undefined for anything that is not a bare
 * package name. Asked of every import of every file (by the model's services too): slices, not split.
 */
export function packageNameOf(specifier: string): string | undefined {
  if (specifier === '' || specifier.startsWith('.') || specifier.startsWith('/') || specifier.startsWith('#') || specifier.startsWith('~')) return undefined;
  // URLs and protocols: `node:fs`, `https://...`, `virtual:x`, `bun:test`, `npm:x`, `jsr:x`.
  if (/^[a-z][a-z0-9+.-]*:/i.test(specifier)) return undefined;
  const slash = specifier.indexOf('/');
  if (specifier.startsWith('@')) {
    // `@scope` alone, `@/x` and `@scope//x` name no package, nor does a scope npm cannot publish
    // (`@@/package.json`: Nuxt's alias of the project root).
    if (slash <= 1 || !/^@[a-z0-9~-][a-z0-9._~-]*\//i.test(specifier)) return undefined;
    const second = specifier.indexOf('/', slash + 1);
    const name = second < 0 ? specifier : specifier.slice(0, second);
    return name.length === slash + 1 ? undefined : name;
  }
  const name = slash < 0 ? specifier : specifier.slice(0, slash);
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
  /** For each devOnly name, the nearest package.json that lists it in devDependencies. */
  devDeclaredIn: Map<string, string>;
}

/**
 * What a file may import: the dependencies of its package.json and of every package.json above it
 * (Node resolves node_modules folders upwards, and workspace roots hold shared dependencies).
 */
export function declarationsFor(model: ProjectModel, file: string): Declarations | undefined {
  const pkg = packageOfFile(model, file);
  if (!pkg) return undefined;
  // Every file of a package shares them; rules ask once per file. One memo per package: a map filled
  // on demand inside one memo would hand later callers what earlier ones read without recording it.
  return model.memoOf('packages:declarations', pkg.path, () => declarationsOfPackage(model, pkg));
}

function declarationsOfPackage(model: ProjectModel, pkg: ModelFile<PackageJsonFacts>): Declarations {
  const runtime = new Set<string>();
  const dev = new Map<string, string>();
  for (let dir = path.dirname(pkg.path); ; dir = path.dirname(dir)) {
    const hit = model.files.get(joinDir(dir, 'package.json'));
    if (hit?.facts.kind === 'package-json') {
      for (const d of hit.facts.dependencies) {
        if (d.section !== 'devDependencies') runtime.add(d.name);
        else if (!dev.has(d.name)) dev.set(d.name, hit.path);
      }
    }
    if (dir === '.' || dir === '/' || dir === '') break;
  }
  for (const name of runtime) dev.delete(name);
  return { pkg, runtime, devOnly: new Set(dev.keys()), devDeclaredIn: dev };
}

const BUNDLERS = /^(vite|webpack|next|react-scripts|@angular\/core|@angular\/cli|nuxt|vue|svelte|@sveltejs\/kit|rollup|esbuild|parcel|tsup|tsdown|@vercel\/ncc|expo|react-native|gatsby|@remix-run\/dev|astro|electron|electron-builder|@rspack\/core|rolldown|unbuild|@nestjs\/cli-webpack|webpack-cli|bun)$/;

/**
 * A package made to be published and installed by others: not `private`, with a name, a version and
 * something made for its users (`exports`, `module`, `types`, `files`, a `publishConfig`, a `bin`, or
 * a `main` other than the `index.js` that `npm init` writes: postiz's unprivate app root has only
 * that). Its users install it, and with it any optional peer it loads on demand. The one test of
 * "published" (undeclared-import, deployed entrypoints, compose roles).
 */
export function isPublishedPackage(pkg: PackageJsonFacts): boolean {
  const raw = pkg.doc.value;
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return false;
  const json = raw as Record<string, unknown>;
  if (json.private === true || json.private === 'true' || typeof json.name !== 'string' || typeof json.version !== 'string') return false;
  if (['exports', 'module', 'types', 'typings', 'files', 'publishConfig'].some((k) => json[k] !== undefined) || pkg.bin.length > 0) return true;
  return typeof json.main === 'string' && !/^(\.\/)?index\.js$/.test(json.main);
}

/**
 * A package whose code is bundled before it runs (a front end, or a service built with
 * esbuild/tsup/tsdown/ncc): its imports are resolved at build time, where devDependencies are installed.
 */
export function isBundled(pkg: PackageJsonFacts): boolean {
  if (pkg.dependencies.some((d) => BUNDLERS.test(d.name))) return true;
  return pkg.scripts.some((s) => /^(build|bundle|compile)/.test(s.name) && /\b(esbuild|tsup|tsdown|ncc|webpack|rollup|vite|parcel|bun build|rspack|rolldown|unbuild)\b/.test(s.value));
}

/** package.json scripts that start what a package deploys (`start`, `serve:prod`, `worker`). */
const START_LIKE_SCRIPT = /^(start|serve|server|prod|production|worker)(:|$)/;

/**
 * Files that only package.json scripts other than start-like ones run (`"build": "node ./check.mjs"`,
 * `"postinstall": "node scripts/patch.js"`), and what tool configurations load: build and
 * development tooling.
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
      for (const t of targets) (START_LIKE_SCRIPT.test(s.name) ? runtime : tooling).add(t);
    }
  }
  // What a build or lint tool's configuration loads by relative path (`lint-staged.config.js`
  // requiring a shared `lint-staged.common.js`, `vite.config.ts` importing a local plugin) runs in
  // that tool. Only the configurations' own imports are read, not every file's: a helper that runtime
  // code imports too is then taken for tooling (a miss, never a false finding).
  for (const f of model.tsFiles) {
    if (!isToolConfigPath(f.path)) continue;
    for (const imp of f.facts.imports) {
      if (!imp.specifier.startsWith('.')) continue;
      const target = model.resolveImport(f.path, imp.specifier);
      if (target && !isToolConfigPath(target)) tooling.add(target);
    }
  }
  for (const r of runtime) tooling.delete(r);
  return tooling;
}

/**
 * Workspace packages that no production install contains (their package.json paths): private, and
 * every other package.json that declares one lists it in devDependencies only (a test-containers
 * helper, an eval harness, a fixtures package). `npm ci --omit=dev` and `pnpm install --prod` leave
 * them out, so their code runs in tests and tooling, where devDependencies are installed. A package
 * that runs on its own (a start-like script, a `bin`, a Dockerfile beside it) or is published (not
 * private) is never one: it may be installed without its devDependencies elsewhere.
 */
export function devOnlyWorkspacePackages(model: ProjectModel): Set<string> {
  return model.memo('packages:dev-only-workspace-packages', () => computeDevOnlyWorkspacePackages(model));
}

function computeDevOnlyWorkspacePackages(model: ProjectModel): Set<string> {
  // For each declared name: whether some package.json declares it in a section a production install keeps.
  const declaredForProduction = new Map<string, boolean>();
  for (const pkg of model.ofKind('package-json')) {
    for (const d of pkg.facts.dependencies) {
      if (d.name === pkg.facts.name) continue;
      declaredForProduction.set(d.name, (declaredForProduction.get(d.name) ?? false) || d.section !== 'devDependencies');
    }
  }
  const dockerfileDirs = new Set(model.ofKind('dockerfile').map((d) => path.dirname(d.path)));
  const out = new Set<string>();
  for (const pkg of model.ofKind('package-json')) {
    const { name, scripts, bin } = pkg.facts;
    if (name === undefined || declaredForProduction.get(name) !== false) continue;
    const doc = pkg.facts.doc.value;
    if (!isRecord(doc) || doc.private !== true || bin.length > 0) continue;
    if (scripts.some((s) => START_LIKE_SCRIPT.test(s.name))) continue;
    if (dockerfileDirs.has(path.dirname(pkg.path))) continue;
    out.add(pkg.path);
  }
  return out;
}
