import { defineRule } from '../../src/rule-api/types.js';
import { isNonProduction } from '../../src/model/file-role.js';

const messages = {
  zeroGrace: '{{kind}} {{name}} has terminationGracePeriodSeconds: 0: its processes are killed without any time to finish their work.',
  shortGrace: '{{kind}} {{name}} has terminationGracePeriodSeconds: {{grace}}, shorter than the {{seconds}} s the code allows for shutdown ({{api}}, {{file}}:{{line}}): the pod is killed mid-drain.',
};

export default defineRule({
  id: 'disposability/zero-grace-period',
  factor: 'disposability',
  severity: 'warning',
  presets: { recommended: 'info', strict: 'warning' },
  targets: ['k8s', 'xf'],
  docs: {
    description: 'terminationGracePeriodSeconds of 0, or shorter than the shutdown timeout the code of that workload allows itself (a forced-exit timer, a terminus/http-terminator/lightship timeout)',
    remediation:
      'Give the pod at least as long as the code needs to drain: terminationGracePeriodSeconds above the shutdown timeout in code (the default is 30 s), and never 0, which is SIGKILL at once.',
  },
  messages,
  checkProject(model, ctx) {
    const units = new Map(model.services().units.map((u) => [u.id, u]));
    for (const f of model.k8sFiles()) {
      if (f.isTest || isNonProduction(model.environmentOf(f.path))) continue;
      for (const obj of f.facts.objects) {
        const grace = obj.pod?.terminationGracePeriodSeconds;
        if (!grace) continue;
        const loc = { file: f.path, line: grace.line, column: grace.column };
        if (grace.value === 0) {
          ctx.report({ loc, messageId: 'zeroGrace', data: { kind: obj.kind, name: obj.name } });
          continue;
        }
        // The longest shutdown deadline in the code its containers run.
        let longest: { ms: number; file: string; line: number; api: string } | undefined;
        for (const c of obj.pod!.containers) {
          const unit = units.get(`${f.path}#${obj.kind}/${obj.name}/${c.name}`);
          if (!unit || unit.runsUnknown) continue;
          for (const entry of unit.entries) {
            for (const file of model.importClosure(entry)) {
              const facts = model.files.get(file)?.facts;
              if (facts?.kind !== 'ts') continue;
              for (const t of facts.shutdownTimeouts ?? []) if (!longest || t.ms > longest.ms) longest = { ms: t.ms, file, line: t.line, api: t.api };
            }
          }
        }
        if (longest && grace.value * 1000 < longest.ms) {
          ctx.report({
            loc,
            messageId: 'shortGrace',
            data: { kind: obj.kind, name: obj.name, grace: grace.value, seconds: longest.ms / 1000, api: longest.api, file: longest.file, line: longest.line },
          });
        }
      }
    }
  },
});
