import { defineRule, type FileContext } from '../../src/rule-api/types.js';
import type { Pos } from '../../src/parsing/facts.js';
import { finalStage } from '../../src/model/project-model.js';
import { splitImage } from '../../src/parsing/dockerfile.js';

/**
 * A folder that holds an app's log files: `/app/logs`, `/usr/src/app/log`, `/var/log/myapp`,
 * `/home/node/.pm2/logs`. `/var/log` itself, npm's `_logs` and other tools' folders are not.
 */
const LOG_DIR = /^(?!.*\/_logs)(\/[^\s:]*)?\/(logs?|\.pm2\/logs)\/?$|^\/var\/log\/(?!(nginx|apache2|httpd|postgresql|mysql|mongodb|redis|journal|containers|pods)\b)[\w.-]+\/?$/i;
/** Log routers and agents read log folders on purpose. */
const LOG_AGENT = /fluent|filebeat|promtail|vector|datadog|otel|opentelemetry|logstash|splunk|loki|grafana|newrelic|elastic-agent|nginx|apache|httpd/i;

const messages = {
  logVolume: '{{where}} mounts the log folder {{target}}: the app writes log files to keep instead of a stream on stdout.',
};
type Ctx = FileContext<keyof typeof messages>;

export default defineRule({
  id: 'logs/log-volume',
  factor: 'logs',
  severity: 'warning',
  // Off by default: 1 true, 5 false, 4 debatable of 10 judged on the accuracy corpus (docs/accuracy.md):
  // a backing service's own server logs (ClickHouse), an app's stored event data under a logs folder.
  presets: { recommended: 'off', strict: 'warning' },
  docs: {
    description: "A volume or mount for the app's log folder (Dockerfile VOLUME, compose volumes, Kubernetes volumeMounts)",
    remediation:
      'Write logs to stdout instead of a file in a mounted folder, remove the volume, and let the platform collect the stream (docker logs, the Kubernetes node log files read by a log router).',
  },
  messages,
  create: () => ({
    dockerfile(facts, ctx) {
      const stage = finalStage(facts);
      for (const ins of stage?.instructions ?? []) {
        if (ins.keyword !== 'VOLUME') continue;
        for (const target of volumeTargets(ins.text)) if (LOG_DIR.test(target)) report(ctx, ins, target, 'VOLUME');
      }
    },
    compose(facts, ctx) {
      for (const svc of facts.services) {
        // Off-the-shelf images (databases, proxies, log agents) keep their own logs; the app is what this repo builds or names.
        if (!svc.build && svc.image && isThirdParty(svc.image.value)) continue;
        if (svc.profiles.some((p) => /dev|test|debug/i.test(p))) continue;
        for (const v of svc.volumes) if (v.target && LOG_DIR.test(v.target)) report(ctx, v, v.target, `service ${svc.name} volume`);
      }
    },
    k8s(facts, ctx) {
      for (const obj of facts.objects) {
        // A DaemonSet that mounts log folders is the node's log router reading them.
        if (obj.kind === 'DaemonSet') continue;
        for (const c of obj.pod?.containers ?? []) {
          if (c.image && isThirdParty(c.image.value)) continue;
          if (LOG_AGENT.test(c.name)) continue;
          for (const m of c.volumeMounts) if (LOG_DIR.test(m.mountPath)) report(ctx, m, m.mountPath, `${obj.kind} ${obj.name} container ${c.name} volumeMount`);
        }
      }
    },
  }),
});

function report(ctx: Ctx, at: Pos, target: string, where: string): void {
  ctx.report({
    loc: { file: ctx.path, line: at.line, column: at.column },
    messageId: 'logVolume',
    data: { where, target },
    evidence: target,
  });
}

/** VOLUME /a /b or VOLUME ["/a", "/b"]. */
function volumeTargets(text: string): string[] {
  const t = text.trim();
  if (t.startsWith('[')) {
    try {
      const list: unknown = JSON.parse(t);
      return Array.isArray(list) ? list.filter((x): x is string => typeof x === 'string') : [];
    } catch {
      return [];
    }
  }
  return t.split(/\s+/).filter(Boolean);
}

/** Docker Hub library images (`postgres`, `nginx`) and images of known log agents. */
function isThirdParty(image: string): boolean {
  const { name } = splitImage(image.trim());
  if (LOG_AGENT.test(name)) return true;
  return !name.includes('/') || name.startsWith('library/') || name.startsWith('docker.io/library/') || /^(bitnami|docker\.elastic\.co|quay\.io\/prometheus|mcr\.microsoft\.com)\b/.test(name);
}
