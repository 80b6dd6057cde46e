import path from 'node:path/posix';
import { defineRule } from '../../src/rule-api/types.js';
import { localPackageNames, lockfileFor } from '../../src/model/packages.js';

/** Specifiers that point into the repository: yarn classic and older lockfiles do not record them. */
const LOCAL_SPEC = /^(workspace:|file:|link:|portal:|\.{0,2}\/)/;

const messages = {
  noEntry: '{{lockfile}} has no entry for the package in {{dir}}: its dependencies were never installed through the lockfile.',
  notRecorded: '{{name}} ({{section}}) is declared in {{pkg}} but {{lockfile}} does not record it: the lockfile was not updated after package.json changed.',
};

export default defineRule({
  id: 'dependencies/lockfile-out-of-sync',
  factor: 'dependencies',
  severity: 'warning',
  presets: { recommended: 'info', strict: 'warning' },
  targets: ['package-json'],
  docs: {
    description: 'A dependency declared in package.json is absent from the lockfile that should record it',
    remediation: 'Run the package manager\'s install (npm install, yarn, pnpm install) and commit the updated lockfile together with package.json.',
  },
  messages,
  checkProject(model, ctx) {
    const local = localPackageNames(model);
    for (const pkg of model.ofKind('package-json')) {
      if (pkg.isTest || pkg.facts.dependencies.length === 0) continue;
      const dir = path.dirname(pkg.path);
      const found = lockfileFor(model, dir);
      if (!found) continue;
      const { lock, importer } = found;
      const facts = lock.facts;
      // A lockfile that records nothing at all (a stub, or one that was never installed into) has
      // nothing to compare with: missing-lockfile's business, not this rule's.
      const recordsNothing = Object.values(facts.importers ?? {}).every((deps) => deps.length === 0) && (facts.lockedNames ?? []).length === 0;
      if (recordsNothing) continue;
      let locked: Set<string> | undefined;
      if (facts.importers) {
        const entry = facts.importers[importer];
        if (!entry) {
          // A workspace package the lockfile has never seen.
          if (importer !== '.' && pkg.facts.dependenciesKey) {
            ctx.report({
              loc: { file: pkg.path, ...pkg.facts.dependenciesKey },
              messageId: 'noEntry',
              data: { lockfile: lock.path, dir },
            });
          }
          continue;
        }
        locked = new Set(entry);
      } else if (facts.lockedNames) locked = new Set(facts.lockedNames);
      if (!locked) continue;
      for (const dep of pkg.facts.dependencies) {
        if (dep.section === 'peerDependencies' || locked.has(dep.name)) continue;
        // yarn classic does not lock workspace siblings or local folders.
        if (LOCAL_SPEC.test(dep.value) || (facts.lockedNames && local.has(dep.name))) continue;
        ctx.report({
          loc: { file: pkg.path, line: dep.line, column: dep.column },
          messageId: 'notRecorded',
          data: { name: dep.name, section: dep.section, pkg: pkg.path, lockfile: lock.path },
          evidence: `"${dep.name}": "${dep.value}"`,
        });
      }
    }
  },
});
