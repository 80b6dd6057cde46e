import { defineRule } from '../../src/rule-api/types.js';
import { nodeInstall, nonProductionTargetStages, runCommands } from '../../src/model/docker-commands.js';

const messages = {
  noVersion: 'Global install of {{spec}} has no version: each build gets whatever is newest.',
  movingTag: 'Global install of {{spec}} follows the moving dist-tag {{tag}}: each build gets whatever is newest.',
};

export default defineRule({
  id: 'dependencies/unpinned-global-install',
  factor: 'dependencies',
  severity: 'warning',
  docs: {
    description: 'A Dockerfile installs a global npm package without a version (npm install -g pm2, yarn global add x, pnpm add -g x)',
    remediation: 'Pin the version (`npm install -g pm2@5.3.1`), or better, declare the tool in package.json and run it from node_modules/.bin so the lockfile pins it.',
  },
  messages,
  create: () => ({
    dockerfile(facts, ctx) {
      const unshipped = nonProductionTargetStages(facts);
      for (const stage of facts.stages) {
        // A test or development stage the released image does not build on installs nothing it ships.
        if (unshipped.has(stage.index)) continue;
        for (const run of runCommands(stage)) {
          const install = nodeInstall(run.argv);
          if (!install?.global) continue;
          for (const spec of install.packages) {
            const version = versionOf(spec);
            if (version !== undefined && version !== '' && version !== 'latest' && version !== '*' && version !== 'next') continue;
            // Local paths and tarballs are files of the build context.
            if (/^(\.|\/|file:|https?:|git)/.test(spec) || /\.tgz$/.test(spec)) continue;
            // `$(jq -r .packageManager package.json)`, `$TOOL`: the build decides the word, which may
            // well be pinned (zigbee2mqtt installs the packageManager field, pnpm@10.18.3).
            if (spec.includes('$') || spec.includes('`')) continue;
            // `pm2@latest` names a version as much as `pm2` does, but says so: the message says which.
            const tag = version === undefined || version === '' ? undefined : version;
            ctx.report({
              loc: { file: ctx.path, line: run.line, column: run.column },
              messageId: tag ? 'movingTag' : 'noVersion',
              data: tag ? { spec, tag } : { spec },
              // The command with this package alone: two packages of one install are two findings, each
              // with its own fingerprint (a baseline of one must not hide the other).
              evidence: run.argv.filter((w) => w === spec || !install.packages.includes(w)).join(' '),
            });
          }
        }
      }
    },
  }),
});

/** `pm2@5.3.1` -> `5.3.1`, `@scope/cli@2` -> `2`, `pm2` -> undefined. */
function versionOf(spec: string): string | undefined {
  const at = spec.indexOf('@', spec.startsWith('@') ? 1 : 0);
  return at < 0 ? undefined : spec.slice(at + 1);
}
