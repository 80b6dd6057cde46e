import { defineRule } from '../../src/rule-api/types.js';
import { isNonProduction, isProjectCodeMount } from '../../src/model/file-role.js';
import { isRecord, positionOf } from '../../src/parsing/structured.js';

/** Where images conventionally keep the application. */
const APP_DIRS = /^\/(app|code|src|srv\/app|opt\/app|usr\/src\/app|usr\/app|home\/node\/app|workspace|var\/www(\/html)?)(\/|$)/;

const messages = {
  composeBindMount: 'Service {{service}} bind-mounts {{source}} at {{target}}: the container runs whatever code is on the host, not the code of a release.',
  hostPath: "{{kind}} {{name}} mounts the node's {{hostPath}}{{where}}: the pod runs code from the node's disk, not from a released image.",
};

export default defineRule({
  id: 'build-release-run/source-bind-mount',
  factor: 'build-release-run',
  severity: 'warning',
  presets: { recommended: 'info', strict: 'warning' },
  docs: {
    description: 'A production service bind-mounts the source tree (compose `.:/app`, a Kubernetes hostPath to the code), so code changes without a release',
    remediation: 'Copy the code into the image at build time and run the image as it is; keep source mounts in a dev-only compose file (compose.dev.yaml, docker-compose.override.yml) or a dev profile.',
  },
  messages,
  create: () => ({
    compose(facts, ctx) {
      for (const svc of facts.services) {
        if (svc.profiles.some((p) => /dev|test|debug|local/i.test(p))) continue;
        for (const v of svc.volumes) {
          if (v.source === undefined || v.target === undefined) continue;
          if (v.type !== undefined && v.type !== 'bind') continue;
          if (/node_modules/.test(v.target)) continue;
          if (!isProjectCodeMount(v.source)) continue;
          ctx.report({
            loc: { file: ctx.path, line: v.line, column: v.column },
            messageId: 'composeBindMount',
            data: { service: svc.name, source: v.source, target: v.target },
            evidence: v.raw,
          });
        }
      }
    },
    k8s(facts, ctx) {
      for (const obj of facts.objects) {
        if (!obj.pod) continue;
        const doc = facts.docs[obj.docIndex];
        if (!doc) continue;
        const spec = at(doc.value, obj.pod.pointer);
        const volumes = isRecord(spec) && Array.isArray(spec.volumes) ? spec.volumes : [];
        volumes.forEach((vol, i) => {
          if (!isRecord(vol) || !isRecord(vol.hostPath) || typeof vol.hostPath.path !== 'string' || typeof vol.name !== 'string') return;
          const hostPath = vol.hostPath.path;
          const mounts = obj.pod!.containers.flatMap((c) => c.volumeMounts.filter((m) => m.name === vol.name).map((m) => ({ container: c.name, mountPath: m.mountPath })));
          const codeMount = mounts.find((m) => APP_DIRS.test(m.mountPath));
          const codeHost = /(^|\/)(src|app|code|workspace|repo|source)(\/|$)/.test(hostPath) && !/^\/(var\/(log|lib|run)|etc|dev|sys|proc|run)(\/|$)/.test(hostPath);
          if (!codeMount && !codeHost) return;
          const where = codeMount ? ` at ${codeMount.mountPath} in container ${codeMount.container}` : '';
          ctx.report({
            loc: { file: ctx.path, ...positionOf(doc, `${obj.pod!.pointer}/volumes/${i}/hostPath/path`) },
            messageId: 'hostPath',
            data: { kind: obj.kind, name: obj.name, hostPath, where },
            evidence: `hostPath: ${hostPath}`,
          });
        });
      }
    },
  }),
});

function at(value: unknown, pointer: string): unknown {
  let v = value;
  for (const part of pointer.split('/').slice(1)) {
    const key = part.replace(/~1/g, '/').replace(/~0/g, '~');
    if (Array.isArray(v)) v = v[Number(key)];
    else if (isRecord(v)) v = v[key];
    else return undefined;
  }
  return v;
}
