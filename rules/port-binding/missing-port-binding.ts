import { defineRule } from '../../src/rule-api/types.js';

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
  checkProject(model, ctx) {
    for (const unit of model.services().units) {
      if (unit.kind === 'dockerfile' || !unit.exposedBy || unit.environment === 'test') continue;
      // Only when the whole run command was followed to code that is all in view.
      if (unit.runsUnknown || unit.entries.length === 0 || unit.codePorts.length > 0) continue;
      if (unit.importsHttpFramework || unit.importsWorkspacePackage) continue;
      const d = unit.exposedBy;
      ctx.report({
        loc: { file: d.file, line: d.line, column: d.column },
        message: `${unit.label} exposes port ${d.port} (${d.what}), but the code it runs (${unit.entries.join(', ')}) never listens on a port.`,
        evidence: `${d.what} ${d.port}`,
      });
    }
  },
});
