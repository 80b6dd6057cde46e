import path from 'node:path/posix';
import { defineRule } from '../../src/rule-api/types.js';

/** Env files that configure a test run or CI job, not a deploy. */
const TEST_ENV = /^\.env\.(test|testing|ci|e2e|spec)(\.|$)|^(test|ci|e2e)\.env$/i;
/** Variables a front-end build inlines into public bundles: not secrets by construction. */
const PUBLIC_PREFIX = /^(VITE_|REACT_APP_|NEXT_PUBLIC_|NUXT_PUBLIC_|EXPO_PUBLIC_|PUBLIC_|GATSBY_|STORYBOOK_)/;

const messages = {
  committed: '{{file}} is committed to git with {{count}}: config that varies per deploy lives in the repository, for everyone who can read it.{{why}}',
  notIgnored: '{{file}} holds {{count}} and is not ignored by .gitignore{{index}}: the next `git add .` commits it.{{why}}',
};

export default defineRule({
  id: 'config/committed-env-file',
  factor: 'config',
  severity: 'error',
  // Strict only: 5 true, 1 false, 5 debatable of 11 judged on the accuracy corpus (docs/accuracy.md).
  presets: { recommended: 'off', strict: 'error' },
  security: true,
  targets: ['repo', 'env'],
  roles: ['runtime', 'dev'],
  docs: {
    description: 'A .env file with values (.env, .env.production...) tracked in git, or not ignored by .gitignore; .env.example/.sample/.template are fine',
    remediation: 'Remove the file from git (git rm --cached .env), add `.env*` and `!.env.example` to .gitignore, rotate any secret it held, and commit a .env.example with names and no values.',
  },
  messages,
  checkProject(model, ctx) {
    if (!model.repo.isGitRepo) return;
    const tracked = model.repo.trackedFiles ? new Set(model.repo.trackedFiles) : undefined;
    for (const file of model.ofKind('env')) {
      if (file.facts.isTemplate || file.isTest) continue;
      const withValues = file.facts.entries.filter((e) => e.value !== '');
      const first = withValues[0];
      if (!first) continue;
      const base = path.basename(file.path);
      const publicOnly = withValues.every((e) => PUBLIC_PREFIX.test(e.name));
      const lowered = TEST_ENV.test(base) || publicOnly;
      const why = TEST_ENV.test(base) ? ' It configures tests, so this is informational.' : publicOnly ? ' It only holds public front-end build variables, so this is informational.' : '';
      const loc = { file: file.path, line: first.line, column: first.column };
      const count = `${withValues.length} value${withValues.length > 1 ? 's' : ''}`;
      if (tracked && tracked.has(file.path)) {
        ctx.report({
          loc,
          messageId: 'committed',
          data: { file: file.path, count, why },
          ...(lowered ? { severity: 'info' as const } : {}),
        });
      } else {
        ctx.report({
          loc,
          messageId: 'notIgnored',
          data: { file: file.path, count, index: tracked ? '' : ' (the git index could not be read to tell whether it is committed)', why },
          severity: lowered ? 'info' : 'warning',
        });
      }
    }
  },
});
