import { defineRule } from '../../src/rule-api/types.js';

const messages = {
  notInGit: 'The audited folder is not inside a git work tree (no .git folder here or above): there is no codebase history that deploys can be traced to.',
};

export default defineRule({
  id: 'codebase/not-version-controlled',
  factor: 'codebase',
  severity: 'warning',
  presets: { recommended: 'info', strict: 'warning' },
  targets: ['repo'],
  docs: {
    description: 'The scanned folder is not inside a git work tree',
    remediation: 'Keep the app in version control: `git init`, commit, and deploy from commits of that one repository.',
  },
  messages,
  checkProject(model, ctx) {
    if (model.repo.isGitRepo || model.repo.otherVcs || model.files.size === 0) return;
    ctx.report({
      loc: { file: '.', line: 1, column: 1 },
      messageId: 'notInGit',
    });
  },
});
