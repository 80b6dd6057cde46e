import path from 'node:path/posix';
import { defineRule } from '../../src/rule-api/types.js';
import { workspaceRoot } from '../../src/model/packages.js';

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
