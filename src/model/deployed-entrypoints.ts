// Which entrypoints a platform runs and stops: what the process rules (a SIGTERM handler, a fatal-error
// handler) judge. Every source file that starts a server is an entrypoint of the project model, but a
// Gruntfile that serves while a developer builds, a one-off tool beside the service and a test server
// of the maintainers are never stopped by an orchestrator.
//
// Strongest evidence first, per project folder (the nearest folder with a package.json, a Dockerfile or
// a Procfile, so that one service of a monorepo says nothing about its siblings):
// 1. a production deployable unit (compose service, Kubernetes container, Dockerfile stage, Procfile
//    process) whose run chain reaches the file: in a folder where one does, only those files run;
// 2. otherwise what the folder declares it runs: package.json start/main/bin, a Dockerfile CMD, a
//    command of a production unit (not the main of a published library: its users import it);
// 3. otherwise, in a folder that declares nothing, the files inferred from the import graph (they start
//    a server and nothing imports them), unless only a package's dev or build scripts run them.
// Always only files whose role is runtime (file-role.ts): build configuration, tests, dev tooling and
// docs are not deployed whatever starts them, and an Electron app's main process runs on a desktop
// unless a deployed unit runs it. A configured `entrypoints` list replaces all of this.

import path from 'node:path/posix';
import { isNonProduction } from './file-role.js';
import type { Entrypoint, ProjectModel } from './project-model.js';
import { parseShellScript } from '../parsing/shell.js';
import { ciShellLines } from './docker-builds.js';
import type { TsFacts } from '../parsing/facts.js';
import { isPublishedPackage, scriptOnlyFiles } from './packages.js';
import { runChains, type ChainBranch, type RunChainUnit } from './run-chain.js';

export interface DeployedEntrypoint extends Entrypoint {
  /** How the model knows it runs: a deployed unit's chain, a declaration, the import graph, or the configuration. */
  evidence: 'unit' | 'declared' | 'inferred' | 'configured';
  /** The production unit and the branch of its chain that reach the file (evidence `unit`). */
  unit?: RunChainUnit;
  branch?: ChainBranch;
  /**
   * The file the platform starts when it is a wrapper of this one: `app.js` requiring `./lib/main`,
   * the build of src/main.ts. Both are one process: what the wrapper does (its SIGTERM handler)
   * counts for it (processFiles).
   */
  wrappedBy?: string;
}

/** Every source file of the process an entrypoint starts: its import closure, and its wrapper's. */
export function processFiles(model: ProjectModel, entry: DeployedEntrypoint): string[] {
  const closure = model.importClosure(entry.file);
  if (entry.wrappedBy === undefined) return closure;
  return [...new Set([...model.importClosure(entry.wrappedBy), ...closure])];
}

const SCOPE_KINDS = new Set(['package-json', 'dockerfile', 'procfile']);

/**
 * A desktop app's main process: the file imports `electron` itself, or its package declares it (in
 * any dependency section). Electron apps often keep a second package.json for the packaged app
 * (apps/agent/src/package.json) that does not list electron: the import says it all the same.
 */
export function isDesktopApp(model: ProjectModel, file: string): boolean {
  const facts = model.files.get(file)?.facts;
  if (facts?.kind === 'ts' && facts.imports.some((i) => i.specifier === 'electron' || i.specifier === 'electron/main')) return true;
  return model.packageJsonFor(file)?.facts.dependencies.some((d) => d.name === 'electron') === true;
}

/**
 * A published package (isPublishedPackage) with nothing of its own to run: no start script, no bin,
 * no Dockerfile or Procfile beside it (hcengineering's pods are unprivate packages built into images).
 * Its `main` names its API.
 */
export function isLibraryPackage(model: ProjectModel, packageJson: string): boolean {
  const facts = model.files.get(packageJson)?.facts;
  if (facts?.kind !== 'package-json' || !isPublishedPackage(facts) || facts.bin.length > 0 || facts.scripts.some((s) => s.name === 'start')) return false;
  const dir = path.dirname(packageJson);
  return ![...model.ofKind('dockerfile'), ...model.ofKind('procfile')].some((f) => path.dirname(f.path) === dir);
}

/** Whether the file, or a module it imports, starts a server or consumer at load (outside any function). */
function startsAtLoad(model: ProjectModel, file: string): boolean {
  return model.importClosure(file).some((f) => (model.files.get(f)?.facts as TsFacts | undefined)?.serverStarts?.some((s) => s.topLevel) === true);
}

/**
 * Source files a CI job runs in a step (`run: node integration/server.js &` of a GitHub workflow, a
 * GitLab `script:` line), from the repository's root: servers a test job starts and then queries.
 */
function filesRunByCi(model: ProjectModel): Set<string> {
  return model.memo('entrypoints:run-by-ci', () => {
    const out = new Set<string>();
    for (const ci of model.ofKind('structured')) {
      if (model.roleOf(ci.path).role !== 'ci') continue;
      for (const doc of ci.facts.docs) {
        for (const text of ciShellLines(doc)) for (const cmd of parseShellScript(text)) for (const file of model.argvTargets(cmd.argv, '.')) out.add(file);
      }
    }
    return out;
  });
}

export function computeDeployedEntrypoints(model: ProjectModel): DeployedEntrypoint[] {
  const reachedBy = new Map<string, { unit: RunChainUnit; branch: ChainBranch }>();
  for (const unit of runChains(model)) {
    if (isNonProduction(unit.environment) || model.roleOf(unit.at.file).role !== 'runtime') continue;
    // The branch that keeps the process running, over a one-off step that runs the same file first
    // (`node index.js --migrate` before `exec node index.js`): its chain is what SIGTERM goes through.
    for (const branch of unit.branches) for (const file of branch.entries) if (!reachedBy.has(file) || (reachedBy.get(file)!.branch.leaf.step && !branch.leaf.step)) reachedBy.set(file, { unit, branch });
  }
  const all = model.entrypoints();
  if (model.settings.entrypoints) {
    return all.map((e) => {
      const hit = reachedBy.get(e.file);
      return { ...e, evidence: 'configured' as const, ...(hit ? { unit: hit.unit, branch: hit.branch } : {}) };
    });
  }

  // Commands of dev and test set-ups (a dev compose service, a test stage): what they run is not deployed.
  const nonProductionCommands = new Set<string>();
  // Files whose every run command is a dev or test set-up's (a start script in development mode that
  // runs them through `concurrently yarn:start:api`): what a developer runs, however it is named.
  const runByNonProduction = new Set<string>();
  const runByOthers = new Set<string>();
  // Folders where a command that may be deployed ends in a program the model could not map back to
  // source (overseerr's `yarn start` → `node dist/index.js` with no mapping): what it runs is
  // unknown, so no file there is said to be run only by developers.
  const unresolvedIn = new Set<string>();
  for (const { command, leaves } of model.runCommands()) {
    const nonProduction = isNonProduction(command.environment);
    if (nonProduction) nonProductionCommands.add(`${command.at.file}:${command.at.line}`);
    for (const leaf of leaves) {
      for (const file of leaf.entries) (nonProduction ? runByNonProduction : runByOthers).add(file);
      // A chain that ends in a server a build generates (Next.js's standalone server.js) is known:
      // it says nothing unknown runs beside the folder's own files.
      if (!nonProduction && leaf.stop !== undefined && !leaf.through && !leaf.generatedServer) unresolvedIn.add(path.dirname(command.at.file));
    }
  }
  for (const file of runByOthers) runByNonProduction.delete(file);
  const runUnknown = (file: string): boolean => {
    for (const dir of unresolvedIn) if (dir === '.' || file.startsWith(`${dir}/`)) return true;
    return false;
  };

  const scopeDirs = new Set<string>();
  for (const f of model.files.values()) if (SCOPE_KINDS.has(f.kind)) scopeDirs.add(path.dirname(f.path));
  const scopeOf = (file: string): string => {
    for (let dir = path.dirname(file); ; dir = path.dirname(dir)) {
      if (scopeDirs.has(dir) || dir === '.' || dir === '/' || dir === '') return dir;
    }
  };

  const candidates: DeployedEntrypoint[] = [];
  for (const e of all) {
    if (model.roleOf(e.file).role !== 'runtime') continue;
    const hit = reachedBy.get(e.file);
    if (hit) candidates.push({ ...e, evidence: 'unit', unit: hit.unit, branch: hit.branch });
    // An Electron app's main process runs on a user's desktop: no platform stops it with SIGTERM or
    // restarts it (a server it embeds serves its own window), unless a deployed unit runs it.
    else if (isDesktopApp(model, e.file)) continue;
    else if (e.declaredAt) {
      if (model.roleOf(e.declaredAt.file).role !== 'runtime' || nonProductionCommands.has(`${e.declaredAt.file}:${e.declaredAt.line}`)) continue;
      // The `main` of a published library is what its users import, not a process, when nothing in
      // it starts a server as it loads: socket.io's Server.attach() listens when an application
      // calls it, in the application's process. (A package that only forgot `private` and listens
      // at load is a service, and stays.)
      if (e.reason === 'package.json main' && isLibraryPackage(model, e.declaredAt.file) && !startsAtLoad(model, e.file)) continue;
      candidates.push({ ...e, evidence: 'declared' });
    }
    // Inferred from the import graph, but its package's scripts say who runs it: only scripts that
    // are not start-like (`"dev": "ts-node src/index.ts"`, a build step), or only run commands of a
    // dev or test set-up, or a CI job's step, so a developer, a build or a test job does, and nothing
    // declares it deployed (prisma-examples' rest-express, grpc and postgis servers;
    // cypress-realworld-app's API; fastify's integration server, which a workflow starts to curl it).
    else if (!runUnknown(e.file) && (scriptOnlyFiles(model).has(e.file) || runByNonProduction.has(e.file) || filesRunByCi(model).has(e.file))) continue;
    else candidates.push({ ...e, evidence: 'inferred' });
  }
  // A bin or start file that requires its package's built output (`require('./dist/index.js')`) runs
  // the source of that output: it carries the shim's evidence.
  const byFile = new Map(candidates.map((c) => [c.file, c]));
  for (const shim of [...candidates]) {
    if (shim.evidence !== 'declared' && shim.evidence !== 'unit') continue;
    const facts = model.files.get(shim.file)?.facts;
    if (facts?.kind !== 'ts') continue;
    for (const imp of facts.imports) {
      if (!imp.specifier.startsWith('.') || model.resolveImport(shim.file, imp.specifier) !== undefined) continue;
      const source = model.sourceForRuntimePath(imp.specifier, path.dirname(shim.file));
      if (!source || source === shim.file || model.roleOf(source).role !== 'runtime') continue;
      const upgraded: DeployedEntrypoint = { ...shim, file: source, reason: `${shim.reason}, through ${shim.file}`, wrappedBy: shim.wrappedBy ?? shim.file };
      const known = byFile.get(source);
      if (known && (known.evidence === 'unit' || (known.evidence === 'declared' && known.reason !== 'package.json main'))) continue;
      if (known) candidates.splice(candidates.indexOf(known), 1, upgraded);
      else candidates.push(upgraded);
      byFile.set(source, upgraded);
    }
  }
  candidates.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
  // The strongest evidence in each folder decides what runs there. A package.json `main` names what a
  // package exports, which says nothing about what else in its folder runs: it ranks with inference.
  const rank = (c: DeployedEntrypoint): number => (c.evidence === 'unit' ? 3 : c.evidence === 'declared' && c.reason !== 'package.json main' ? 2 : 1);
  const best = new Map<string, number>();
  for (const c of candidates) {
    const scope = scopeOf(c.file);
    best.set(scope, Math.max(best.get(scope) ?? 0, rank(c)));
  }
  return candidates.filter((c) => rank(c) === best.get(scopeOf(c.file)));
}
