import { defineRule } from '../../src/rule-api/types.js';
import { envBefore, nodeInstall, runCommands, stageChain } from '../../src/model/docker-commands.js';

const messages = {
  nonDeterministic: '`{{command}}` may install other versions than the lockfile records; use `{{fix}}`.',
};

export default defineRule({
  id: 'dependencies/non-deterministic-install',
  factor: 'dependencies',
  severity: 'warning',
  docs: {
    description: 'A Dockerfile installs dependencies in a way that may resolve other versions than the lockfile: npm install, yarn without --frozen-lockfile/--immutable, pnpm without --frozen-lockfile',
    remediation: 'Install exactly what the lockfile says: `npm ci`, `yarn install --frozen-lockfile` (classic) or `yarn install --immutable` (berry), `pnpm install --frozen-lockfile`, `bun install --frozen-lockfile`.',
  },
  messages,
  create: () => ({
    dockerfile(facts, ctx) {
      for (const stage of facts.stages) {
        const chain = stageChain(facts, stage);
        for (const run of runCommands(stage)) {
          const install = nodeInstall(run.argv);
          if (!install || install.global || install.packages.length > 0) continue;
          const env = envBefore(chain, run.ins.line, stage.index);
          for (const a of run.cmd.assignments) env.set(a.name, a.value);
          const a = install.argv;
          let fix: string | undefined;
          if (install.kind === 'npm-install') fix = 'npm ci';
          else if (install.kind === 'yarn-install') {
            const immutable = /^(1|true)$/i.test(env.get('YARN_ENABLE_IMMUTABLE_INSTALLS') ?? '') || a.includes('--frozen-lockfile') || a.includes('--immutable');
            if (!immutable) fix = yarnBerryIn(chain) ? 'yarn install --immutable' : 'yarn install --frozen-lockfile (classic) or yarn install --immutable (berry)';
          } else if (install.kind === 'pnpm-install') {
            // pnpm freezes the lockfile by itself when CI is set.
            const frozen = a.includes('--frozen-lockfile') || /^(1|true)$/i.test(env.get('CI') ?? '');
            if (!frozen) fix = 'pnpm install --frozen-lockfile';
          } else if (install.kind === 'bun-install') {
            if (!a.includes('--frozen-lockfile')) fix = 'bun install --frozen-lockfile';
          }
          if (!fix) continue;
          ctx.report({
            loc: { file: ctx.path, line: run.line, column: run.column },
            messageId: 'nonDeterministic',
            data: { command: a.join(' '), fix },
            evidence: a.join(' '),
          });
        }
      }
    },
  }),
});

/**
 * Whether the image's stages show Yarn 2+ (berry): they copy its settings or release (`.yarnrc.yml`,
 * `.yarn/releases`) or set a modern version. Berry dropped `--frozen-lockfile`'s meaning, so the fix
 * names `--immutable` alone then.
 */
function yarnBerryIn(chain: ReturnType<typeof stageChain>): boolean {
  return chain.some((s) => s.instructions.some((ins) => /\.yarnrc\.yml\b|\.yarn\/releases\b|\byarn set version (berry|stable|[2-9])/.test(ins.text)));
}
