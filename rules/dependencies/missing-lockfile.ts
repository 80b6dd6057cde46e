import path from 'node:path/posix';
import { defineRule } from '../../src/rule-api/types.js';
import type { ProjectModel } from '../../src/model/project-model.js';
import type { PackageJsonFacts } from '../../src/parsing/facts.js';
import { isNotPackageCode, joinDir, localPackageNames, rushLockfileDir, workspaceRoots } from '../../src/model/packages.js';

const messages = {
  noLockfile: '{{pkg}} declares dependencies but no lockfile is committed beside it{{where}}: installs are not reproducible.',
};

export default defineRule({
  id: 'dependencies/missing-lockfile',
  factor: 'dependencies',
  severity: 'error',
  presets: { recommended: 'info', strict: 'error' },
  targets: ['package-json'],
  docs: {
    description: 'A package.json with dependencies and no lockfile beside it or at its workspace root',
    remediation: 'Commit the lockfile your package manager writes (package-lock.json, yarn.lock, pnpm-lock.yaml or bun.lock) and install with it (npm ci, yarn --immutable, pnpm --frozen-lockfile).',
  },
  messages,
  checkProject(model, ctx) {
    const lockDirs = new Set(model.ofKind('lockfile').map((f) => path.dirname(f.path)));
    const local = localPackageNames(model);
    for (const pkg of model.ofKind('package-json')) {
      // A template a CLI scaffolds from gets its lockfile in the generated project.
      if (pkg.isTest || !pkg.facts.dependenciesKey || isNotPackageCode(pkg.path)) continue;
      const dir = path.dirname(pkg.path);
      if (lockDirs.has(dir)) continue;
      const roots = workspaceRoots(model, dir);
      const root = roots[0];
      // Any workspace that lists it, the nearest or an outer one (a shared pnpm lockfile at the top).
      if (roots.some((r) => lockDirs.has(r))) continue;
      // A Rush project: its lockfile is under common/config/rush.
      const rush = rushLockfileDir(model, dir);
      if (rush !== undefined && lockDirs.has(rush)) continue;
      if (installedByAncestor(model, pkg.facts, dir, lockDirs, local)) continue;
      const where = root !== undefined && root !== dir ? ` or at its workspace root ${root === '.' ? '(the repository root)' : root}` : '';
      ctx.report({
        loc: { file: pkg.path, ...pkg.facts.dependenciesKey },
        messageId: 'noLockfile',
        data: { pkg: pkg.path, where },
      });
    }
  },
});

/**
 * A package installed by one install at an ancestor folder with a lockfile: an Nx workspace (its
 * libraries' package.json files are build metadata; the root install provides every dependency),
 * or an ancestor package.json that declares every dependency the package names.
 */
function installedByAncestor(model: ProjectModel, pkg: PackageJsonFacts, dir: string, lockDirs: Set<string>, local: Set<string>): boolean {
  for (let cur = path.dirname(dir); ; cur = path.dirname(cur)) {
    if (lockDirs.has(cur)) {
      if (model.files.has(joinDir(cur, 'nx.json'))) return true;
      const above = model.files.get(joinDir(cur, 'package.json'))?.facts;
      if (above?.kind === 'package-json') {
        const declared = new Set(above.dependencies.map((d) => d.name));
        if (pkg.dependencies.every((d) => declared.has(d.name) || local.has(d.name))) return true;
      }
    }
    if (cur === '.' || cur === '/' || cur === '') return false;
  }
}
