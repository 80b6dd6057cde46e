import path from 'node:path/posix';
import { defineRule } from '../../src/rule-api/types.js';
import { isDevContextPath, packageOfDir } from '../../src/model/packages.js';

const messages = {
  crossAppImport: '{{specifier}} reaches into the source of {{to}} from {{from}}: the two packages no longer build, version or deploy on their own.',
};

export default defineRule({
  id: 'codebase/cross-app-source-import',
  factor: 'codebase',
  severity: 'warning',
  // Strict only: 2 true of 24 judged findings on the accuracy corpus (docs/accuracy.md).
  presets: { recommended: 'off', strict: 'warning' },
  targets: ['ts', 'repo'],
  docs: {
    description: "One app or package imports another package's source by relative path across package boundaries instead of depending on a shared package",
    remediation: 'Move the shared code into a package of its own and depend on it by name (a workspace dependency such as "@shop/shared": "workspace:*"), so that each app declares and builds what it uses.',
  },
  messages,
  checkProject(model, ctx) {
    for (const file of model.tsFiles) {
      if (file.isTest || isDevContextPath(file.path)) continue;
      const from = packageOfDir(model, path.dirname(file.path));
      if (!from) continue;
      const fromDir = path.dirname(from.path);
      for (const imp of file.facts.imports) {
        // `import type` from another app (a tRPC router type, say) ships no code across the boundary.
        if (imp.typeOnly || !imp.specifier.startsWith('.')) continue;
        const resolved = model.resolveImport(file.path, imp.specifier);
        const target = resolved ?? path.normalize(path.join(path.dirname(file.path), imp.specifier));
        if (target.startsWith('..') || /(^|\/)node_modules\//.test(target)) continue;
        const to = packageOfDir(model, resolved ? path.dirname(resolved) : target);
        if (!to || to.path === from.path) continue;
        const toDir = path.dirname(to.path);
        const name = to.facts.name ? `${to.facts.name} (${toDir === '.' ? 'the root package' : toDir})` : toDir === '.' ? 'the root package' : toDir;
        ctx.report({
          loc: { file: file.path, line: imp.line, column: imp.column },
          messageId: 'crossAppImport',
          data: { specifier: imp.specifier, to: name, from: from.facts.name ?? fromDir },
          evidence: imp.specifier,
        });
      }
    }
  },
});
