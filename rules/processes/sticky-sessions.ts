import { defineRule, type FileContext, type MessageData } from '../../src/rule-api/types.js';
import { escapePointer, isRecord, valuePositionOf } from '../../src/parsing/structured.js';
import type { StructuredDoc } from '../../src/parsing/facts.js';

/** Ingress/Service annotations that pin a client to one pod, with the value that turns them on. */
const AFFINITY_ANNOTATIONS: Array<{ key: string; on: (v: string) => boolean }> = [
  { key: 'nginx.ingress.kubernetes.io/affinity', on: (v) => v.toLowerCase() === 'cookie' },
  { key: 'ingress.kubernetes.io/affinity', on: (v) => v.toLowerCase() === 'cookie' },
  { key: 'traefik.ingress.kubernetes.io/affinity', on: (v) => v.toLowerCase() === 'true' },
  { key: 'traefik.ingress.kubernetes.io/service.sticky.cookie', on: (v) => v.toLowerCase() === 'true' },
  { key: 'haproxy.org/cookie-persistence', on: (v) => v.trim() !== '' },
  { key: 'haproxy-ingress.github.io/affinity', on: (v) => v.toLowerCase() === 'cookie' },
  { key: 'alb.ingress.kubernetes.io/target-group-attributes', on: (v) => /stickiness\.enabled\s*=\s*true/i.test(v) },
];

const WHY = 'each client is tied to one pod, so that pod holds state the others do not have, and scaling or replacing pods breaks sessions.';
const messages = {
  serviceAffinity: `Service {{name}} sets sessionAffinity: ClientIP: ${WHY}`,
  annotation: `{{kind}} {{name}} turns on sticky sessions ({{key}}: {{value}}): ${WHY}`,
  consistentHash: `DestinationRule {{name}} hashes clients to pods by {{by}}: ${WHY}`,
  backendConfig: `BackendConfig {{name}} sets session affinity {{affinity}}: ${WHY}`,
};
type MessageId = keyof typeof messages;

export default defineRule({
  id: 'processes/sticky-sessions',
  factor: 'processes',
  severity: 'warning',
  presets: { recommended: 'info', strict: 'warning' },
  docs: {
    description: 'Kubernetes routes each client to the same pod: Service `sessionAffinity: ClientIP`, ingress cookie-affinity annotations, Istio consistent-hash cookies, GKE BackendConfig affinity',
    remediation: 'Make the processes stateless (sessions and caches in a backing service) and remove the affinity, so that any pod can serve any request and pods can come and go.',
  },
  messages,
  create: () => ({
    k8s(facts, ctx) {
      for (const doc of facts.docs) {
        if (!isRecord(doc.value)) continue;
        if (doc.value.kind === 'List' && Array.isArray(doc.value.items)) {
          doc.value.items.forEach((item, i) => checkObject(item, `/items/${i}`, doc, ctx));
        } else checkObject(doc.value, '', doc, ctx);
      }
    },
  }),
});

function checkObject(obj: unknown, prefix: string, doc: StructuredDoc, ctx: FileContext<MessageId>): void {
  if (!isRecord(obj)) return;
  const kind = typeof obj.kind === 'string' ? obj.kind : '';
  const meta = isRecord(obj.metadata) ? obj.metadata : {};
  const name = typeof meta.name === 'string' ? meta.name : '';
  const spec = isRecord(obj.spec) ? obj.spec : {};
  const report = (pointer: string, messageId: MessageId, data: MessageData) => ctx.report({ loc: { file: ctx.path, ...valuePositionOf(doc, prefix + pointer) }, messageId, data });

  if (kind === 'Service' && spec.sessionAffinity === 'ClientIP') {
    report('/spec/sessionAffinity', 'serviceAffinity', { name });
  }
  if (isRecord(meta.annotations)) {
    for (const [key, value] of Object.entries(meta.annotations)) {
      const known = AFFINITY_ANNOTATIONS.find((a) => a.key === key);
      if (known && typeof value === 'string' && known.on(value)) {
        report(`/metadata/annotations/${escapePointer(key)}`, 'annotation', { kind, name, key, value });
      }
    }
  }
  // Istio: DestinationRule trafficPolicy.loadBalancer.consistentHash by cookie or source IP.
  if (kind === 'DestinationRule' && isRecord(spec.trafficPolicy) && isRecord(spec.trafficPolicy.loadBalancer) && isRecord(spec.trafficPolicy.loadBalancer.consistentHash)) {
    const hash = spec.trafficPolicy.loadBalancer.consistentHash;
    const by = ['httpCookie', 'useSourceIp'].find((k) => hash[k] !== undefined && hash[k] !== false);
    if (by) report(`/spec/trafficPolicy/loadBalancer/consistentHash/${by}`, 'consistentHash', { name, by });
  }
  // GKE: BackendConfig sessionAffinity.affinityType.
  if (kind === 'BackendConfig' && isRecord(spec.sessionAffinity) && typeof spec.sessionAffinity.affinityType === 'string' && spec.sessionAffinity.affinityType !== 'NONE') {
    report('/spec/sessionAffinity/affinityType', 'backendConfig', { name, affinity: spec.sessionAffinity.affinityType });
  }
}
