import { defineRule } from '../../src/rule-api/types.js';
import { nonProductionTargetStages, runCommands, stripWrappers } from '../../src/model/docker-commands.js';

const DOWNLOADERS = /^(curl|wget)$/;
const SHELLS = /^(sh|bash|ash|dash|zsh|ksh|node|python3?|perl|ruby)$/;

const messages = {
  remoteScript: 'RUN runs a script downloaded at build time ({{found}}): what it installs can change or be tampered with between builds.',
};

export default defineRule({
  id: 'dependencies/remote-script-pipe',
  factor: 'dependencies',
  severity: 'warning',
  // A warning by default: 11 true, 1 false, 10 debatable of 22 judged on the accuracy corpus (0.92;
  // docs/accuracy.md).
  presets: { recommended: 'warning', strict: 'warning' },
  docs: {
    description: 'A RUN line pipes curl/wget output straight into a shell or interpreter',
    remediation: 'Install the tool from the distribution packages or an image, or download a versioned file, check its checksum (sha256sum -c), then run it.',
  },
  messages,
  create: () => ({
    dockerfile(facts, ctx) {
      const unshipped = nonProductionTargetStages(facts);
      for (const stage of facts.stages) {
        // A test, development or lint stage the released image does not build on runs nothing it ships.
        if (unshipped.has(stage.index)) continue;
        for (const run of runCommands(stage)) {
          const program = run.argv[0]?.split('/').pop() ?? '';
          let found: string | undefined;
          if (DOWNLOADERS.test(program) && run.pipesInto) {
            const target = stripWrappers(run.pipesInto.argv)[0]?.split('/').pop() ?? '';
            if (SHELLS.test(target)) found = `${program} … | ${target}`;
          }
          // sh -c "$(curl -fsSL https://...)"
          if (!found && SHELLS.test(program)) {
            const inner = run.argv.slice(1).find((a) => /\$\(\s*(curl|wget)\b/.test(a) || /^<\(\s*(curl|wget)\b/.test(a));
            if (inner) found = `${program} -c "$(${/curl/.test(inner) ? 'curl' : 'wget'} …)"`;
          }
          if (!found) continue;
          ctx.report({
            loc: { file: ctx.path, line: run.line, column: run.column },
            messageId: 'remoteScript',
            data: { found },
            evidence: found,
          });
        }
      }
    },
  }),
});
