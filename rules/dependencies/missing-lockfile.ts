import path from 'node:path/posix';
import { defineRule } from '../../src/rule-api/types.js';
import type { ProjectModel } from '../../src/model/project-model.js';
import { isRecord } from '../../src/parsing/structured.js';
import { globMatches } from '../../src/discovery/glob.js';

export default defineRule({
  id: 'dependencies/missing-lockfile',
  factor: 'dependencies',
  severity: 'error',
  targets: ['package-json'],
  docs: {
    description: 'A package.json with dependencies and no lockfile beside it or at its workspace root',
    remediation: 'Commit the lockfile your package manager writes (package-lock.json, yarn.lock, pnpm-lock.yaml or bun.lock) and install with it (npm ci, yarn --immutable, pnpm --frozen-lockfile).',
  },
  checkProject(model, ctx) {
    const lockDirs = new Set(model.ofKind('lockfile').map((f) => path.dirname(f.path)));
    for (const pkg of model.ofKind('package-json')) {
      if (pkg.isTest || !pkg.facts.dependenciesKey) continue;
      const dir = path.dirname(pkg.path);
      if (lockDirs.has(dir)) continue;
      const root = workspaceRoot(model, dir);
      if (root !== undefined && lockDirs.has(root)) continue;
      const where = root !== undefined && root !== dir ? ` or at its workspace root ${root === '.' ? '(the repository root)' : root}` : '';
      ctx.report({
        loc: { file: pkg.path, ...pkg.facts.dependenciesKey },
        message: `${pkg.path} declares dependencies but no lockfile is committed beside it${where}: installs are not reproducible.`,
      });
    }
  },
});

/** The nearest ancestor folder that declares this folder as a workspace (npm/yarn workspaces, pnpm). */
function workspaceRoot(model: ProjectModel, dir: string): string | undefined {
  for (let cur = dir === '.' ? '.' : path.dirname(dir); ; cur = path.dirname(cur)) {
    const prefix = cur === '.' ? '' : `${cur}/`;
    const rel = cur === '.' ? dir : dir.slice(prefix.length);
    const pkg = model.files.get(`${prefix}package.json`)?.facts;
    if (pkg?.kind === 'package-json' && pkg.workspaces.some((g) => matchesGlob(rel, g))) return cur;
    const pnpm = model.files.get(`${prefix}pnpm-workspace.yaml`)?.facts;
    if (pnpm?.kind === 'structured') {
      const doc = pnpm.docs[0]?.value;
      const globs = isRecord(doc) && Array.isArray(doc.packages) ? doc.packages.filter((g): g is string => typeof g === 'string') : [];
      if (globs.some((g) => matchesGlob(rel, g))) return cur;
    }
    if (cur === '.') return undefined;
  }
}

/** Workspace globs: `packages/*`, `apps/**`, `services/api`. Matched without a regular expression:
 * the glob comes from the scanned tree and must not be able to make the audit backtrack for ever. */
function matchesGlob(rel: string, glob: string): boolean {
  const clean = glob.replace(/^\.\//, '').replace(/\/$/, '');
  if (clean.startsWith('!')) return false;
  return globMatches(rel, clean);
}
