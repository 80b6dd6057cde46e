import { defineRule } from '../../src/rule-api/types.js';

const messages = {
  neverListens: '{{label}} exposes port {{port}} ({{what}}), but the code it runs ({{entries}}) never listens on a port.',
};

export default defineRule({
  id: 'port-binding/missing-port-binding',
  factor: 'port-binding',
  severity: 'warning',
  presets: { recommended: 'info', strict: 'warning' },
  targets: ['xf', 'ts', 'compose', 'k8s'],
  docs: {
    description: 'A compose service that publishes a port, or a Kubernetes workload selected by a Service, whose code never listens on any port',
    remediation:
      'Either the process should bind the port itself (export the service over HTTP from inside the app, on the port the environment gives), or the port mapping / Service is stale and should go.',
  },
  messages,
  checkProject(model, ctx) {
    for (const unit of model.services().units) {
      if (unit.kind === 'dockerfile' || !unit.exposedBy || unit.environment === 'test') continue;
      // Only when the whole run command was followed to code that is all in view.
      if (unit.runsUnknown || unit.entries.length === 0 || unit.codePorts.length > 0) continue;
      if (unit.importsHttpFramework || unit.importsWorkspacePackage) continue;
      const d = unit.exposedBy;
      ctx.report({
        loc: { file: d.file, line: d.line, column: d.column },
        messageId: 'neverListens',
        data: { label: unit.label, port: d.port, what: d.what, entries: unit.entries.join(', ') },
        evidence: `${d.what} ${d.port}`,
      });
    }
  },
});
