import { defineRule } from '../../src/rule-api/types.js';

/** v1.2.3, 1.2, api-v2.0.1, @scope/pkg@1.4.0, releases/2024.05.1, 1.2.3-rc.1 */
const VERSION_TAG = /(^|[/@_-])v?\d+\.\d+(\.\d+)?([-+.][0-9A-Za-z.-]+)?$/;

const messages = {
  noVersionTags: 'The repository has no version tags{{other}}: releases cannot be named, compared or rolled back by the commit they were built from.',
};

export default defineRule({
  id: 'codebase/no-release-tags',
  factor: 'codebase',
  severity: 'info',
  presets: { recommended: 'off', strict: 'warning' },
  targets: ['repo'],
  docs: {
    description: 'The git repository has no version tags (v1.2.3) to name releases by',
    remediation: 'Tag the commit each release is built from (`git tag v1.4.0 && git push --tags`), or let your release tool (semantic-release, changesets, release-please) do it.',
  },
  messages,
  checkProject(model, ctx) {
    // A shallow clone (CI checkouts) usually has no tags even when the repository does.
    if (!model.repo.isGitRepo || model.repo.shallow || model.files.size === 0) return;
    const tags = model.repo.tags ?? [];
    if (tags.some((t) => VERSION_TAG.test(t))) return;
    const other = tags.length > 0 ? ` (its ${tags.length} tag${tags.length > 1 ? 's' : ''}, such as ${tags[0]}, name no version)` : '';
    ctx.report({
      loc: { file: '.', line: 1, column: 1 },
      messageId: 'noVersionTags',
      data: { other },
    });
  },
});
