import { defineRule } from '../../src/rule-api/types.js';
import { isNonProduction } from '../../src/model/file-role.js';

const LONG_RUNNING = new Set(['Deployment', 'StatefulSet', 'DaemonSet']);

const messages = {
  noReadiness: '{{where}} has no readinessProbe: it gets traffic before it is ready and while it shuts down.',
  noLiveness: '{{where}} has no livenessProbe: a hung process is never restarted.',
  noLivenessNoPort: '{{where}} has no livenessProbe: a hung process is never restarted. It serves no port, so only an exec probe (a heartbeat file the process touches) could check it.',
};

export default defineRule({
  id: 'disposability/missing-probes',
  factor: 'disposability',
  severity: 'warning',
  targets: ['k8s'],
  docs: {
    description: 'A container of a long-running workload (Deployment, StatefulSet, DaemonSet) without a livenessProbe (info when it serves no port and no Service selects it: a worker), and, reported separately, one that receives traffic (declares a port or is selected by a Service) without a readinessProbe; Jobs and CronJobs are not judged',
    remediation:
      'Add a readinessProbe (traffic only reaches a started, not yet draining process) and a livenessProbe (a hung process is restarted), for example httpGet on /healthz and /readyz served by the app.',
  },
  messages,
  checkProject(model, ctx) {
    const files = model.k8sFiles();
    // A kustomize patch or a second manifest of the same workload may add the probes.
    const probed = new Map<string, { liveness: boolean; readiness: boolean }>();
    for (const f of files) {
      for (const obj of f.facts.objects) {
        for (const c of obj.pod?.containers ?? []) {
          const key = `${obj.kind}/${obj.name}/${c.name}`;
          const p = probed.get(key) ?? { liveness: false, readiness: false };
          p.liveness ||= Boolean(c.livenessProbe);
          p.readiness ||= Boolean(c.readinessProbe);
          probed.set(key, p);
        }
      }
    }
    const units = new Map(model.services().units.map((u) => [u.id, u]));
    for (const f of files) {
      if (f.isTest || isNonProduction(model.environmentOf(f.path))) continue;
      for (const obj of f.facts.objects) {
        if (!LONG_RUNNING.has(obj.kind) || !obj.pod) continue;
        for (const c of obj.pod.containers) {
          // Init containers run to completion; a container without image is a patch fragment.
          if (c.init || !c.image) continue;
          const p = probed.get(`${obj.kind}/${obj.name}/${c.name}`)!;
          const where = `${obj.kind} ${obj.name} container ${c.name || '(unnamed)'}`;
          // Readiness gates traffic: a container with no port and no Service in front gets none.
          const servesTraffic = c.ports.length > 0 || units.get(`${f.path}#${obj.kind}/${obj.name}/${c.name}`)?.exposedBy !== undefined;
          if (!p.readiness && servesTraffic) {
            ctx.report({ loc: { file: f.path, line: c.line, column: c.column }, messageId: 'noReadiness', data: { where } });
          }
          if (!p.liveness && servesTraffic) {
            ctx.report({ loc: { file: f.path, line: c.line, column: c.column }, messageId: 'noLiveness', data: { where } });
          } else if (!p.liveness) {
            // A queue worker or a load generator serves nothing to probe: whether a heartbeat file
            // and an exec probe are worth it is the team's call, not something this rule can know.
            ctx.report({
              loc: { file: f.path, line: c.line, column: c.column },
              messageId: 'noLivenessNoPort',
              data: { where },
              severity: 'info',
            });
          }
        }
      }
    }
  },
});
