// Kubernetes manifests: objects, and for every workload its pod template's containers with the
// positions of what the rules read.

import type { K8sContainer, K8sObject, Pos, Scalar, StructuredDoc } from './facts.js';
import { isRecord, positionOf, valuePositionOf } from './structured.js';

export function isK8sDoc(doc: StructuredDoc): boolean {
  const v = doc.value;
  return isRecord(v) && typeof v.apiVersion === 'string' && typeof v.kind === 'string';
}

/** Where each workload kind keeps its pod spec. */
const POD_SPEC_POINTER: Record<string, string> = {
  Pod: '/spec',
  Deployment: '/spec/template/spec',
  StatefulSet: '/spec/template/spec',
  DaemonSet: '/spec/template/spec',
  ReplicaSet: '/spec/template/spec',
  ReplicationController: '/spec/template/spec',
  Job: '/spec/template/spec',
  CronJob: '/spec/jobTemplate/spec/template/spec',
};

export function extractK8sObjects(docs: StructuredDoc[]): K8sObject[] {
  const out: K8sObject[] = [];
  docs.forEach((doc, docIndex) => {
    // A `kind: List` wraps objects in items; read them as if they were documents.
    const v = doc.value;
    if (!isRecord(v)) return;
    const items: Array<{ value: Record<string, unknown>; prefix: string }> =
      v.kind === 'List' && Array.isArray(v.items)
        ? v.items.flatMap((item, i) => (isRecord(item) ? [{ value: item, prefix: `/items/${i}` }] : []))
        : [{ value: v, prefix: '' }];
    for (const { value, prefix } of items) {
      if (typeof value.apiVersion !== 'string' || typeof value.kind !== 'string') continue;
      const metadata = isRecord(value.metadata) ? value.metadata : {};
      const obj: K8sObject = {
        apiVersion: value.apiVersion,
        kind: value.kind,
        name: typeof metadata.name === 'string' ? metadata.name : '',
        ...(typeof metadata.namespace === 'string' ? { namespace: metadata.namespace } : {}),
        docIndex,
        ...positionOf(doc, prefix || ''),
      };
      const specPointer = POD_SPEC_POINTER[value.kind];
      if (specPointer) {
        const spec = get(value, specPointer);
        if (isRecord(spec)) {
          const pointer = prefix + specPointer;
          const containers: K8sContainer[] = [];
          for (const init of [false, true]) {
            const list = spec[init ? 'initContainers' : 'containers'];
            if (!Array.isArray(list)) continue;
            list.forEach((c, i) => {
              if (isRecord(c)) containers.push(container(doc, c, `${pointer}/${init ? 'initContainers' : 'containers'}/${i}`, init));
            });
          }
          const grace = spec.terminationGracePeriodSeconds;
          obj.pod = {
            pointer,
            containers,
            ...positionOf(doc, pointer),
            ...(typeof grace === 'number'
              ? { terminationGracePeriodSeconds: { value: grace, ...valuePositionOf(doc, `${pointer}/terminationGracePeriodSeconds`) } }
              : {}),
          };
        }
      }
      out.push(obj);
    }
  });
  return out;
}

function container(doc: StructuredDoc, c: Record<string, unknown>, pointer: string, init: boolean): K8sContainer {
  const pos = (p: string): Pos => positionOf(doc, p);
  const result: K8sContainer = {
    name: typeof c.name === 'string' ? c.name : '',
    init,
    pointer,
    env: [],
    envFrom: [],
    ports: [],
    volumeMounts: [],
    ...pos(pointer),
  };
  if (typeof c.image === 'string') result.image = { value: c.image, ...valuePositionOf(doc, `${pointer}/image`) };
  for (const key of ['command', 'args'] as const) {
    const v = c[key];
    if (Array.isArray(v)) {
      const s: Scalar<string[]> = { value: v.map((x) => String(x)), ...pos(`${pointer}/${key}`) };
      result[key] = s;
    }
  }
  if (Array.isArray(c.env)) {
    c.env.forEach((e, i) => {
      if (!isRecord(e) || typeof e.name !== 'string') return;
      const entry: K8sContainer['env'][number] = { name: e.name, ...pos(`${pointer}/env/${i}`) };
      if (e.value !== undefined && e.value !== null) entry.value = String(e.value);
      if (isRecord(e.valueFrom)) {
        const [kind, ref] = Object.entries(e.valueFrom)[0] ?? [];
        if (kind) {
          entry.valueFrom = {
            kind,
            ...(isRecord(ref) && typeof ref.name === 'string' ? { name: ref.name } : {}),
            ...(isRecord(ref) && typeof ref.key === 'string' ? { key: ref.key } : {}),
          };
        }
      }
      result.env.push(entry);
    });
  }
  if (Array.isArray(c.envFrom)) {
    c.envFrom.forEach((e, i) => {
      if (!isRecord(e)) return;
      const at = pos(`${pointer}/envFrom/${i}`);
      if (isRecord(e.configMapRef) && typeof e.configMapRef.name === 'string') result.envFrom.push({ kind: 'configMap', name: e.configMapRef.name, ...at });
      if (isRecord(e.secretRef) && typeof e.secretRef.name === 'string') result.envFrom.push({ kind: 'secret', name: e.secretRef.name, ...at });
    });
  }
  if (Array.isArray(c.ports)) {
    c.ports.forEach((p, i) => {
      if (isRecord(p) && typeof p.containerPort === 'number') {
        result.ports.push({ containerPort: p.containerPort, ...(typeof p.name === 'string' ? { name: p.name } : {}), ...pos(`${pointer}/ports/${i}`) });
      }
    });
  }
  for (const probe of ['livenessProbe', 'readinessProbe', 'startupProbe'] as const) {
    if (isRecord(c[probe])) result[probe] = pos(`${pointer}/${probe}`);
  }
  if (Array.isArray(c.volumeMounts)) {
    c.volumeMounts.forEach((m, i) => {
      if (isRecord(m) && typeof m.name === 'string' && typeof m.mountPath === 'string') {
        result.volumeMounts.push({ name: m.name, mountPath: m.mountPath, ...pos(`${pointer}/volumeMounts/${i}`) });
      }
    });
  }
  return result;
}

function get(value: unknown, pointer: string): unknown {
  let cur = value;
  for (const part of pointer.split('/').slice(1)) {
    if (!isRecord(cur)) return undefined;
    cur = cur[part];
  }
  return cur;
}
