import { defineRule } from '../../src/rule-api/types.js';
import type { CodePort, PortDeclaration, ServiceUnit } from '../../src/model/services.js';
import { chainRelated, runChains } from '../../src/model/run-chain.js';

const messages = {
  mismatch: '{{unit}} declares port {{ports}} ({{what}}), but the code it runs listens on {{listening}}.',
};

export default defineRule({
  id: 'port-binding/port-mismatch',
  factor: 'port-binding',
  severity: 'warning',
  presets: { recommended: 'info', strict: 'warning' },
  targets: ['xf', 'ts', 'dockerfile', 'compose', 'k8s'],
  docs: {
    description:
      "The port a service's code listens on (its literal default, or the PORT value its deployment sets) is none of the ports its Dockerfile EXPOSE, compose ports/expose, or Kubernetes containerPort/Service targetPort declare",
    remediation: 'Make one value win: read the port from the environment in code, set that variable in the deployment, and declare the same number in EXPOSE, compose ports and containerPort/targetPort.',
  },
  messages,
  checkProject(model, ctx) {
    for (const unit of model.services().units) {
      if (unit.environment === 'test' || unit.runsUnknown || unit.codePorts.length === 0) continue;
      const listening = listeningPorts(unit);
      if (!listening) continue;
      for (const group of ownDeclarationGroups(unit)) {
        if (group.some((d) => listening.ports.has(d.port))) continue;
        const d = group[0]!;
        // The run chain from the unit to the code, then the listen calls.
        const branch = runChains(model).find((u) => u.id === unit.id)?.branches.find((b) => b.entries.length > 0);
        const related = [...(branch ? chainRelated(branch.hops, branch.entries[0]) : []), ...unit.codePorts.map((p) => ({ file: p.file, line: p.line, column: p.column, message: 'listens here' }))];
        ctx.report({
          loc: { file: d.file, line: d.line, column: d.column },
          messageId: 'mismatch',
          data: { unit: unit.kind === 'dockerfile' ? `${unit.file}` : unit.label, ports: group.map((g) => g.port).join('/'), what: d.what, listening: listening.describe },
          evidence: `${d.what} ${d.port}`,
          ...(related.length > 0 ? { related } : {}),
        });
      }
    }
  },
});

/** The ports the unit's code binds, with the deployment's environment applied; undefined when unknown. */
function listeningPorts(unit: ServiceUnit): { ports: Set<number>; describe: string } | undefined {
  const ports = new Set<number>();
  const parts: string[] = [];
  for (const p of unit.codePorts) {
    const value = effectivePort(p, unit);
    if (value === undefined) return undefined;
    ports.add(value.port);
    parts.push(`${value.port} (${p.file}:${p.line}${value.why})`);
  }
  return { ports, describe: [...new Set(parts)].join(', ') };
}

function effectivePort(p: CodePort, unit: ServiceUnit): { port: number; why: string } | undefined {
  if (p.opaque && !p.env) return undefined;
  if (p.env) {
    if (Object.hasOwn(unit.env, p.env)) {
      const v = unit.env[p.env];
      if (v === null || v === undefined || !/^\d+$/.test(v)) return undefined;
      return { port: Number(v), why: `, ${p.env}=${v} set by ${unit.label}` };
    }
    if (unit.envOpen || p.literal === undefined) return undefined;
    return { port: p.literal, why: `, the fallback when ${p.env} is unset, and ${unit.label} does not set it` };
  }
  return p.literal === undefined || p.literal === 0 ? undefined : { port: p.literal, why: '' };
}

/** Declarations of the unit itself, grouped so that one matching port clears its group. */
function ownDeclarationGroups(unit: ServiceUnit): PortDeclaration[][] {
  const groups = new Map<string, PortDeclaration[]>();
  for (const d of unit.ports) {
    if (d.file !== unit.file) continue; // inherited EXPOSE of the unit's Dockerfile
    const list = groups.get(d.what) ?? [];
    list.push(d);
    groups.set(d.what, list);
  }
  return [...groups.values()];
}
