import { defineRule } from '../../src/rule-api/types.js';
import { localPackageNames } from '../../src/model/packages.js';

const messages = {
  unpinned: '{{name}} ({{section}}) {{problem}}.',
};

export default defineRule({
  id: 'dependencies/unpinned-dependency',
  factor: 'dependencies',
  severity: 'warning',
  // Strict only: 0 true of 14 judged findings on the accuracy corpus (docs/accuracy.md).
  presets: { recommended: 'off', strict: 'warning' },
  targets: ['package-json'],
  docs: {
    description: 'A dependency whose version is `*`, `latest`, `x`, empty or another dist-tag, or a git/GitHub URL without a commit',
    remediation: 'Declare a version range (^1.4.2) or an exact version; for git dependencies add the commit (`github:org/repo#<sha>`), or publish the package.',
  },
  messages,
  checkProject(model, ctx) {
    // npm workspaces have no `workspace:` protocol: `"@shop/shared": "*"` is how a sibling is named.
    const local = localPackageNames(model);
    for (const pkg of model.ofKind('package-json')) {
      if (pkg.isTest) continue;
      for (const dep of pkg.facts.dependencies) {
        // `*` is the usual way to say "any version the host provides" for peers.
        if (dep.section === 'peerDependencies' || local.has(dep.name)) continue;
        const problem = judge(dep.value.trim());
        if (!problem) continue;
        ctx.report({
          loc: { file: pkg.path, line: dep.line, column: dep.column },
          messageId: 'unpinned',
          data: { name: dep.name, section: dep.section, problem },
          evidence: `"${dep.name}": "${dep.value}"`,
        });
      }
    }
  },
});

const ANY = new Set(['', '*', 'x', 'X', 'latest', 'next', 'canary', 'beta', 'alpha', 'rc', 'nightly', 'dev', 'experimental', 'insiders']);

function judge(spec: string): string | undefined {
  if (spec.startsWith('npm:')) {
    const at = spec.lastIndexOf('@');
    return at > 4 ? judge(spec.slice(at + 1)) : 'is an npm alias without a version';
  }
  if (ANY.has(spec)) return spec === '' ? 'has an empty version: any version matches' : `is "${spec}": whatever is published next is installed`;
  // Repository sources: git URLs, GitHub/GitLab/Bitbucket shorthands, `user/repo`.
  const git = /^(git\+|git:|github:|gitlab:|bitbucket:|gist:)/.test(spec) || /^https?:\/\/.*\.git(#.*)?$/.test(spec) || /^[\w.-]+\/[\w.-]+(#.*)?$/.test(spec);
  if (git) {
    const ref = spec.includes('#') ? spec.slice(spec.indexOf('#') + 1) : '';
    if (/^[0-9a-f]{7,40}$/i.test(ref)) return undefined;
    if (ref.startsWith('semver:')) return undefined;
    return ref === '' ? 'comes from a git repository without a commit: it follows the default branch' : `comes from a git repository at "${ref}", a branch or tag that can move; pin a commit`;
  }
  // A URL to anything but a versioned tarball.
  if (/^https?:\/\//.test(spec) && !/\.(tgz|tar\.gz)(\?.*)?$/.test(spec)) return 'comes from a URL whose content can change';
  return undefined;
}
