import path from 'node:path/posix';
import { defineRule } from '../../src/rule-api/types.js';
import type { DockerfileFacts, DockerStage } from '../../src/parsing/facts.js';
import { envBefore, nodeInstall, omitsDev, prunesDev, runCommands, stageByName, stageChain } from '../../src/model/docker-commands.js';
import {
  declarationsFor,
  groupImportPlaces,
  hoistedFromSibling,
  isBundled,
  devOnlyWorkspacePackages,
  importedOnlyOutsideRuntime,
  isDevContextPath,
  isNotPackageCode,
  scriptOnlyFiles,
  isUnder,
  packageNameOf,
  type Declarations,
  type ImportPlace,
} from '../../src/model/packages.js';

const messages = {
  devOnlyInImage: '{{name}} is declared only in devDependencies of {{pkg}}, but {{dockerfile}}:{{line}} installs without devDependencies ({{install}}): the import{{others}} fails when the container starts.',
};

export default defineRule({
  id: 'dependencies/dev-dependency-at-runtime',
  factor: 'dependencies',
  severity: 'warning',
  presets: { recommended: 'info', strict: 'warning' },
  targets: ['ts', 'package-json', 'dockerfile', 'xf'],
  supersedes: ['dependencies/undeclared-import'],
  docs: {
    description: 'Production source imports a package declared only in devDependencies while the image installs without devDependencies',
    remediation: 'Move the package to dependencies (npm install <pkg> --save-prod), or stop importing it from code that runs in production.',
  },
  messages,
  checkProject(model, ctx) {
    const tooling = scriptOnlyFiles(model);
    const devOnlyPackages = devOnlyWorkspacePackages(model);
    // Production source files, chosen once: the loop below runs once per Dockerfile.
    const runtimeFiles = model.tsFiles
      .filter((file) => !file.isTest && !isNotPackageCode(file.path) && !isDevContextPath(file.path) && !tooling.has(file.path) && !/\.[jt]sx$/.test(file.path) && file.facts.imports.length > 0)
      .sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
    // One finding per package.json and name, at its first import, with the first Dockerfile that omits devDependencies.
    const groups = new Map<string, ImportPlace[]>();
    const installs = new Map<string, { dockerfile: string; line: number; text: string }>();
    const seen = new Set<string>();
    // Whether a package is bundled, asked once per package, not once per file of it (its reads are in this rule's record either way).
    const bundled = new Map<string, boolean>();
    const isBundledPackage = (pkg: Declarations['pkg']) => {
      let answer = bundled.get(pkg.path);
      if (answer === undefined) {
        answer = isBundled(pkg.facts);
        bundled.set(pkg.path, answer);
      }
      return answer;
    };
    for (const df of model.ofKind('dockerfile')) {
      if (/(^|[.-])dev(elop(ment)?)?([.-]|$)/i.test(path.basename(df.path))) continue;
      const final = df.facts.stages[df.facts.stages.length - 1];
      if (!final) continue;
      const mode = installMode(df.facts, final, 0);
      if (mode.kind !== 'prod') continue;
      const contextDir = path.dirname(df.path);
      for (const file of filesUnder(runtimeFiles, contextDir)) {
        const decl = declarationsFor(model, file.path);
        if (!decl || isBundledPackage(decl.pkg) || devOnlyPackages.has(decl.pkg.path) || !isUnder(decl.pkg.path, contextDir)) continue;
        let onlyOutsideRuntime: boolean | undefined;
        for (const imp of file.facts.imports) {
          if (imp.typeOnly || imp.guarded) continue;
          const name = packageNameOf(imp.specifier);
          // Loaded inside a function: an optional feature's package, not needed when the container
          // starts; loaded in a branch that runs only outside production: never in this image.
          if (!name || imp.lazy || imp.outsideProduction || !decl.devOnly.has(name)) continue;
          // A workspace sibling's production dependency is installed, and hoisted, without devDependencies too.
          if (hoistedFromSibling(model, decl.pkg.path, name)?.production) continue;
          // A file only dev code, or a branch outside production, loads (asked of the few files that get here).
          if ((onlyOutsideRuntime ??= importedOnlyOutsideRuntime(model, file.path))) break;
          const key = `${decl.pkg.path}\0${name}`;
          const at = `${file.path}\0${imp.line}\0${name}`;
          if (seen.has(at)) continue;
          seen.add(at);
          if (!installs.has(key)) installs.set(key, { dockerfile: df.path, line: mode.line, text: mode.text });
          const place: ImportPlace = { file: file.path, line: imp.line, column: imp.column, specifier: imp.specifier, name, pkg: decl.devDeclaredIn.get(name) ?? decl.pkg.path };
          const list = groups.get(key);
          if (list) list.push(place);
          else groups.set(key, [place]);
        }
      }
    }
    for (const { key, first, rest, others } of groupImportPlaces(groups)) {
      const install = installs.get(key)!;
      ctx.report({
        loc: { file: first.file, line: first.line, column: first.column },
        messageId: 'devOnlyInImage',
        data: { name: first.name, pkg: first.pkg, dockerfile: install.dockerfile, line: install.line, install: install.text, others },
        evidence: first.specifier,
        related: rest.map((r) => ({ file: r.file, line: r.line, column: r.column, message: 'also imported here' })),
      });
    }
  },
});

/**
 * The files (sorted by path) at or below `dir`, by binary search: every path that starts with
 * `dir/` sorts between `dir/` and `dir0` ('0' follows '/'). One Dockerfile per service of a
 * 200-service monorepo made the plain scan 1 million path comparisons.
 */
function filesUnder<T extends { path: string }>(sorted: T[], dir: string): T[] {
  if (dir === '.' || dir === '') return sorted;
  const lowerBound = (key: string) => {
    let lo = 0;
    let hi = sorted.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (sorted[mid]!.path < key) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
  return sorted.slice(lowerBound(`${dir}/`), lowerBound(`${dir}0`));
}

type Mode = { kind: 'none' } | { kind: 'all' | 'prod'; line: number; text: string };

/** How the node_modules of a stage were installed: the last install, prune or node_modules copy wins. */
function installMode(facts: DockerfileFacts, stage: DockerStage, depth: number): Mode {
  let mode: Mode = { kind: 'none' };
  if (depth > facts.stages.length) return mode;
  const chain = stageChain(facts, stage);
  for (const s of [...chain].reverse()) {
    const runs = runCommands(s);
    for (const ins of s.instructions) {
      if (ins.keyword === 'RUN') {
        for (const run of runs) {
          if (run.ins !== ins) continue;
          if (prunesDev(run.argv)) {
            mode = { kind: 'prod', line: run.line, text: run.argv.join(' ') };
            continue;
          }
          const install = nodeInstall(run.argv);
          if (!install || install.global || install.packages.length > 0) continue;
          const env = envBefore(chain, ins.line, s.index);
          for (const a of run.cmd.assignments) env.set(a.name, a.value);
          mode = { kind: omitsDev(install, env) ? 'prod' : 'all', line: run.line, text: run.argv.join(' ') + (env.get('NODE_ENV') === 'production' && !/--(omit|only|prod)/.test(run.argv.join(' ')) ? ' with NODE_ENV=production' : '') };
        }
      } else if (ins.keyword === 'COPY' && /(^|[\s/])node_modules\b/.test(ins.text)) {
        const from = ins.flags.find((f) => f.startsWith('--from='))?.slice('--from='.length);
        const source = from ? stageByName(facts, from, s.index) : undefined;
        if (source) {
          const copied = installMode(facts, source, depth + 1);
          if (copied.kind !== 'none') mode = copied;
        }
      }
    }
  }
  return mode;
}
