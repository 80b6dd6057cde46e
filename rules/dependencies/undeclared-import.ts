import { builtinModules } from 'node:module';
import path from 'node:path/posix';
import { defineRule } from '../../src/rule-api/types.js';
import type { ProjectModel } from '../../src/model/project-model.js';
import { declarationsFor, isBundled, isDevContextPath, scriptOnlyFiles, isUnder, joinDir, localPackageNames, packageNameOf } from '../../src/model/packages.js';

const BUILTINS = new Set(builtinModules);
/** Modules the host provides to the code it runs (VS Code extensions, k6 scripts). */
const HOST_PROVIDED = new Set(['vscode', 'k6', 'bun', 'electron']);
/** Fixtures of the scanned repository: their imports belong to the code under test, not to this package. */
const FIXTURE_DIR = /(^|\/)(fixtures|__fixtures__|testdata|test-fixtures)\//;
/**
 * Code that is not part of any package's build: project templates a CLI scaffolds from, and CI
 * scripts whose workflow installs what they need.
 */
const NOT_PACKAGE_CODE = /(^|\/)(templates?|boilerplates?|scaffolds?|skeletons?|starters?|\.github|\.gitlab|\.circleci)\//;

export default defineRule({
  id: 'dependencies/undeclared-import',
  factor: 'dependencies',
  severity: 'error',
  targets: ['ts', 'package-json'],
  // An undeclared import breaks tests and tools on a clean install too: info there.
  roles: ['runtime', 'build', 'dev', 'test'],
  docs: {
    description: 'A bare import of a package that the nearest package.json does not declare (not a builtin, not a workspace package, not a tsconfig alias)',
    remediation: 'Add the package to the dependencies of the package.json that governs the file (npm install <pkg>), or to devDependencies when only tests, tools or config files use it.',
  },
  checkProject(model, ctx) {
    const local = localPackageNames(model);
    const aliases = new AliasIndex(model);
    const tooling = scriptOnlyFiles(model);
    for (const file of model.tsFiles) {
      if (FIXTURE_DIR.test(file.path) || NOT_PACKAGE_CODE.test(file.path)) continue;
      const decl = declarationsFor(model, file.path);
      if (!decl) continue;
      const devAllowed = file.isTest || isDevContextPath(file.path) || tooling.has(file.path) || /\.[jt]sx$/.test(file.path) || isBundled(decl.pkg.facts);
      const seen = new Set<string>();
      for (const imp of file.facts.imports) {
        if (imp.typeOnly || imp.guarded) continue;
        const name = packageNameOf(imp.specifier);
        if (!name || BUILTINS.has(name) || BUILTINS.has(imp.specifier) || HOST_PROVIDED.has(name)) continue;
        if (name === decl.pkg.facts.name || local.has(name) || decl.runtime.has(name)) continue;
        if (aliases.isAlias(file.path, imp.specifier, path.dirname(decl.pkg.path))) continue;
        const key = `${name}\0${imp.line}`;
        if (seen.has(key)) continue;
        seen.add(key);
        if (decl.devOnly.has(name)) {
          if (devAllowed) continue;
          ctx.report({
            loc: { file: file.path, line: imp.line, column: imp.column },
            message: `${name} is imported by production source but ${decl.pkg.path} declares it only in devDependencies: an install without devDependencies (npm ci --omit=dev) breaks this import.`,
            evidence: imp.specifier,
            severity: 'warning',
          });
          continue;
        }
        ctx.report({
          loc: { file: file.path, line: imp.line, column: imp.column },
          message: `${name} is imported but not declared in ${decl.pkg.path}: it only resolves if something else happens to install it.`,
          evidence: imp.specifier,
        });
      }
    }
  },
});

/** tsconfig/jsconfig `paths` and `baseUrl`, and source folders a bundler alias may name. */
class AliasIndex {
  private readonly configs: Array<{ dir: string; paths: string[]; baseDir?: string }> = [];
  private readonly dirs = new Set<string>();
  private readonly stems = new Set<string>();

  constructor(private readonly model: ProjectModel) {
    for (const f of model.ofKind('tsconfig')) {
      const dir = path.dirname(f.path);
      this.configs.push({ dir, paths: f.facts.paths ?? [], ...(f.facts.baseUrl !== undefined ? { baseDir: path.normalize(joinDir(dir, f.facts.baseUrl)) } : {}) });
    }
    for (const p of model.files.keys()) {
      this.stems.add(p.replace(/\.[^/.]+$/, ''));
      for (let d = path.dirname(p); d !== '.' && d !== '/' && !this.dirs.has(d); d = path.dirname(d)) this.dirs.add(d);
    }
  }

  isAlias(file: string, specifier: string, packageDir: string): boolean {
    for (const c of this.configs) {
      if (!isUnder(file, c.dir)) continue;
      for (const pattern of c.paths) {
        const star = pattern.indexOf('*');
        if (star >= 0 ? star > 0 && specifier.startsWith(pattern.slice(0, star)) : specifier === pattern || specifier.startsWith(`${pattern}/`)) return true;
      }
      if (c.baseDir !== undefined && this.exists(joinDir(c.baseDir, specifier.split('/')[0]!))) return true;
    }
    // `components/Button` where src/components exists: a bundler or babel alias this tool cannot read.
    const first = specifier.split('/')[0]!;
    return this.exists(joinDir(packageDir, first)) || this.exists(joinDir(joinDir(packageDir, 'src'), first));
  }

  private exists(p: string): boolean {
    const n = path.normalize(p);
    return this.dirs.has(n) || this.stems.has(n);
  }
}
