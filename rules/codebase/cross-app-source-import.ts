import path from 'node:path/posix';
import { defineRule } from '../../src/rule-api/types.js';
import { isDevContextPath, packageOfDir } from '../../src/model/packages.js';
import type { ModelFile, ProjectModel } from '../../src/model/project-model.js';
import type { PackageJsonFacts } from '../../src/parsing/facts.js';

const messages = {
  crossAppImport: '{{specifier}} reaches into the source of {{to}} from {{from}}: the two packages no longer build, version or deploy on their own.{{also}}',
};

export default defineRule({
  id: 'codebase/cross-app-source-import',
  factor: 'codebase',
  severity: 'warning',
  // Strict only: 2 true, 2 false, 12 debatable of 16 judged findings on the accuracy corpus (docs/accuracy.md).
  presets: { recommended: 'off', strict: 'warning' },
  targets: ['ts', 'repo'],
  docs: {
    description: "One app or package imports another package's source by relative path across package boundaries instead of depending on a shared package",
    remediation: 'Move the shared code into a package of its own and depend on it by name (a workspace dependency such as "@shop/shared": "workspace:*"), so that each app declares and builds what it uses.',
  },
  messages,
  checkProject(model, ctx) {
    // One finding per pair of packages, at the first import (files in discovery order), the others
    // its related places: one boundary crossed is one thing to fix, however many lines cross it.
    const pairs = new Map<string, { first: { file: string; line: number; column: number; specifier: string; to: string; from: string }; more: Array<{ file: string; line: number; column: number; specifier: string }> }>();
    for (const file of model.tsFiles) {
      if (file.isTest || isDevContextPath(file.path)) continue;
      const from = appOf(model, packageOfDir(model, path.dirname(file.path)));
      if (!from) continue;
      const fromDir = path.dirname(from.path);
      for (const imp of file.facts.imports) {
        // `import type` from another app (a tRPC router type, say) ships no code across the boundary.
        if (imp.typeOnly || !imp.specifier.startsWith('.')) continue;
        const resolved = model.resolveImport(file.path, imp.specifier);
        const target = resolved ?? path.normalize(path.join(path.dirname(file.path), imp.specifier));
        if (target.startsWith('..') || /(^|\/)node_modules\//.test(target)) continue;
        // Another package's package.json read for its version or name: metadata, not its source (undb).
        if (path.basename(target) === 'package.json') continue;
        const to = appOf(model, packageOfDir(model, resolved ? path.dirname(resolved) : target));
        if (!to || to.path === from.path) continue;
        const toDir = path.dirname(to.path);
        const place = { file: file.path, line: imp.line, column: imp.column, specifier: imp.specifier };
        const key = `${from.path}\0${to.path}`;
        const pair = pairs.get(key);
        if (pair) {
          pair.more.push(place);
          continue;
        }
        const name = to.facts.name ? `${to.facts.name} (${toDir === '.' ? 'the root package' : toDir})` : toDir === '.' ? 'the root package' : toDir;
        pairs.set(key, { first: { ...place, to: name, from: from.facts.name ?? fromDir }, more: [] });
      }
    }
    for (const { first, more } of pairs.values()) {
      const also = more.length === 0 ? '' : more.length === 1 ? ' 1 more import of this package crosses the same boundary, listed as a related place.' : ` ${more.length} more imports of this package cross the same boundary, listed as related places.`;
      ctx.report({
        loc: { file: first.file, line: first.line, column: first.column },
        messageId: 'crossAppImport',
        data: { specifier: first.specifier, to: first.to, from: first.from, also },
        evidence: first.specifier,
        ...(more.length > 0 ? { related: more.map((m) => ({ file: m.file, line: m.line, column: m.column, message: `also imports ${m.specifier}` })) } : {}),
      });
    }
  },
});

/**
 * The app a package is part of: the outermost package whose folder holds it, short of the
 * repository's root package and of a workspace root (whose members are packages of their own). A
 * package inside another's folder is a part the outer one ships (Gladys's integrations under
 * server/services/, each with a package.json for its own dependencies, loaded by the server in its
 * process): imports between them stay inside one app, and an import from elsewhere reaches into that app.
 */
function appOf(model: ProjectModel, pkg: ModelFile<PackageJsonFacts> | undefined): ModelFile<PackageJsonFacts> | undefined {
  let app = pkg;
  for (let depth = 0; app && depth < 32; depth++) {
    const dir = path.dirname(app.path);
    if (dir === '.') break;
    const outer = packageOfDir(model, path.dirname(dir));
    // The repository's root package is often only tooling (linters, hooks) over apps installed on
    // their own: it is no app that its folders are parts of.
    if (!outer || outer.path === 'package.json' || isWorkspaceRoot(model, path.dirname(outer.path))) break;
    app = outer;
  }
  return app;
}

function isWorkspaceRoot(model: ProjectModel, dir: string): boolean {
  const manifest = model.files.get(dir === '.' ? 'package.json' : `${dir}/package.json`)?.facts;
  return (manifest?.kind === 'package-json' && manifest.workspaces.length > 0) || model.files.has(dir === '.' ? 'pnpm-workspace.yaml' : `${dir}/pnpm-workspace.yaml`);
}
