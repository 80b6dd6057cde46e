import { defineRule } from '../../src/rule-api/types.js';
import { isNonProduction } from '../../src/model/file-role.js';
import { describeChain, type RunLeaf } from '../../src/model/run-commands.js';
import { leafEntries } from '../../src/model/services.js';
import type { ProjectModel } from '../../src/model/project-model.js';
import { chainRelated, leafHops } from '../../src/model/run-chain.js';
import { signalBlockedAt } from '../../src/model/signal-path.js';

const messages = {
  swallowed: '{{why}}, so SIGTERM from docker stop / Kubernetes never reaches {{command}} ({{chain}}): it is killed after the grace period instead of shutting down.',
};

export default defineRule({
  id: 'disposability/signal-swallowing-entrypoint',
  factor: 'disposability',
  severity: 'error',
  // A warning by default: 47 true, 1 false, 2 debatable of 50 judged on the accuracy corpus (0.98;
  // docs/accuracy.md), an error in strict. It sat at the error bar's edge (0.95) a session before, and
  // its false findings came one class at a time (BusyBox's sh, su, dev-named scripts): a warning still.
  presets: { recommended: 'warning', strict: 'error' },
  targets: ['xf', 'dockerfile', 'compose', 'k8s'],
  docs: {
    description:
      'A server or consumer started so that SIGTERM does not reach it: shell-form CMD/ENTRYPOINT, `sh -c` or an entry script without `exec`, `npm start`/`yarn start` as PID 1, with no init (tini, dumb-init, compose `init: true`) in front, or an entry script without `exec` behind an init that signals its child only (tini, the init of docker and compose; not dumb-init or `tini -g`, which signal the process group); followed through the run-command chain in Dockerfiles, compose and Kubernetes',
    remediation:
      'Start the server as PID 1 or behind an init: exec form `CMD ["node", "dist/server.js"]`, `exec node ...` as the last line of an entry script, `node` instead of `npm start` in the image, or `tini --` / `init: true` in front.',
  },
  messages,
  checkProject(model, ctx) {
    const seen = new Set<string>();
    for (const { command, leaves } of model.runCommands()) {
      if (command.origin !== 'dockerfile' && command.origin !== 'compose' && command.origin !== 'k8s') continue;
      // Whether an init in front reaches the server is signalBlockedAt's to say (tini signals its child only).
      if (isNonProduction(command.environment)) continue;
      for (const leaf of leaves) {
        // A step the script waits for (a migration before `exec node server.js`) is no server's parent.
        if (leaf.step) continue;
        const server = runsServer(model, leaf);
        if (!server) continue;
        const harm = signalBlockedAt(leaf);
        if (!harm) continue;
        const key = `${harm.at.file}:${harm.at.line}`;
        if (seen.has(key)) continue;
        seen.add(key);
        ctx.report({
          loc: harm.at,
          messageId: 'swallowed',
          data: { why: harm.why, command: leaf.argv.slice(0, 2).join(' '), chain: describeChain(leaf) },
          // The whole chain, from the deployment line to the server's source file (none for a generated server).
          related: chainRelated(leafHops(leaf), server.entry),
        });
      }
    }
  },
});

/**
 * Whether the leaf starts a server or consumer: a source entry whose import closure starts one, or a
 * server a build generates (Next.js's standalone server.js, which has no source file to read).
 */
function runsServer(model: ProjectModel, leaf: RunLeaf): { entry?: string } | undefined {
  for (const entry of leafEntries(model, leaf)) {
    const entryFacts = model.files.get(entry)?.facts;
    if (entryFacts?.kind !== 'ts') continue;
    for (const file of model.importClosure(entry)) {
      const facts = model.files.get(file)?.facts;
      if (facts?.kind === 'ts' && facts.serverStarts.some((s) => s.topLevel || entryFacts.hasTopLevelCall)) return { entry };
    }
  }
  return leaf.generatedServer !== undefined ? {} : undefined;
}
