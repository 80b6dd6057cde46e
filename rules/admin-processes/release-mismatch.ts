import path from 'node:path/posix';
import { defineRule } from '../../src/rule-api/types.js';
import type { K8sContainer, K8sObject } from '../../src/parsing/facts.js';
import type { ProjectModel } from '../../src/model/project-model.js';
import { MIGRATION_COMMAND } from '../../src/knowledge/migration-tools.js';
import { kustomizeImageOverride } from '../../src/model/templates.js';
import { splitImage } from '../../src/parsing/dockerfile.js';

const LONG_RUNNING = new Set(['Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet']);
const ADMIN_JOB_NAME = /migrat|seed|schema|setup|admin|release|upgrade|(^|[-_])db([-_]|$)/i;
/** `api-migrations` is the admin image of `api` when it only adds one of these suffixes. */
const ADMIN_IMAGE_SUFFIX = /^[-_](migrat\w*|migrations?|jobs?|admin|tasks?|cli|tools?|seed\w*)$/i;

const messages = {
  releaseMismatch: '{{jobKind}} {{jobName}} runs {{jobImage}} but {{workloadKind}} {{workloadName}} ({{workloadFile}}:{{workloadLine}}) runs {{workloadImage}}: the admin process is not from the release it serves.',
};

interface Placed {
  file: string;
  obj: K8sObject;
  container: K8sContainer;
  name: string;
  tag?: string;
  digest?: string;
}

export default defineRule({
  id: 'admin-processes/release-mismatch',
  factor: 'admin-processes',
  severity: 'warning',
  presets: { recommended: 'info', strict: 'warning' },
  targets: ['k8s', 'xf'],
  docs: {
    description: 'A migration or admin Job/CronJob runs a different image or tag than the workload it serves (same image at another tag, or an `<app>-migrations` image at another release)',
    remediation:
      'Run admin processes from the same release as the app: the same image and tag (set both from one place: a kustomization `images:` entry, one Helm value, one CI variable), with the admin command as `command`/`args`.',
  },
  messages,
  checkProject(model, ctx) {
    const jobs: Placed[] = [];
    const workloads: Placed[] = [];
    for (const file of model.k8sFiles()) {
      if (file.isTest) continue;
      for (const obj of file.facts.objects) {
        const isJob = obj.kind === 'Job' || obj.kind === 'CronJob';
        if (!isJob && !LONG_RUNNING.has(obj.kind)) continue;
        for (const c of obj.pod?.containers ?? []) {
          const placed = effectiveImage(model, file.path, obj, c);
          if (!placed) continue;
          if (isJob && !c.init && isAdminJob(obj, c)) jobs.push(placed);
          else if (!isJob && !c.init) workloads.push(placed);
        }
      }
    }
    for (const job of jobs) {
      const jobVersion = job.digest ?? job.tag;
      if (jobVersion === undefined || job.tag?.toLowerCase() === 'latest') continue;
      const served = workloads.filter((w) => sameApp(model, job, w));
      for (const w of served) {
        const version = w.digest ?? w.tag;
        if (version === undefined || w.tag?.toLowerCase() === 'latest' || version === jobVersion) continue;
        const sameName = w.name === job.name;
        const linked = !sameName && w.name.length < job.name.length && job.name.startsWith(w.name) && ADMIN_IMAGE_SUFFIX.test(job.name.slice(w.name.length));
        if (!sameName && !linked) continue;
        ctx.report({
          loc: { file: job.file, line: job.container.image!.line, column: job.container.image!.column },
          messageId: 'releaseMismatch',
          data: { jobKind: job.obj.kind, jobName: job.obj.name, jobImage: show(job), workloadKind: w.obj.kind, workloadName: w.obj.name, workloadFile: w.file, workloadLine: w.container.image!.line, workloadImage: show(w) },
          evidence: show(job),
        });
        break;
      }
    }
  },
});

function isAdminJob(obj: K8sObject, c: K8sContainer): boolean {
  const argv = [...(c.command?.value ?? []), ...(c.args?.value ?? [])].join(' ');
  return ADMIN_JOB_NAME.test(obj.name) || ADMIN_JOB_NAME.test(c.name) || MIGRATION_COMMAND.test(argv) || /\b(migrat\w*|seed)\b/i.test(argv);
}

function effectiveImage(model: ProjectModel, file: string, obj: K8sObject, c: K8sContainer): Placed | undefined {
  const raw = c.image?.value.trim();
  if (!raw || /\$\(|\{\{|\$\{/.test(raw)) return undefined;
  const parts = splitImage(raw);
  const override = kustomizeImageOverride(model, file, parts.name);
  const name = override?.newName ?? parts.name;
  const tag = override?.newTag ?? parts.tag;
  const digest = override?.digest ?? (override?.newTag ? undefined : parts.digest);
  return { file, obj, container: c, name, ...(tag !== undefined ? { tag } : {}), ...(digest !== undefined ? { digest } : {}) };
}

/** Same folder, or built by the same kustomization; and not in different namespaces. */
function sameApp(model: ProjectModel, a: Placed, b: Placed): boolean {
  if (a.obj.namespace && b.obj.namespace && a.obj.namespace !== b.obj.namespace) return false;
  if (path.dirname(a.file) === path.dirname(b.file)) return true;
  // Sibling manifests under one kustomization folder (base/job.yaml and base/deploy/api.yaml).
  const envA = model.environmentOf(a.file);
  const envB = model.environmentOf(b.file);
  if (envA !== envB) return false;
  const rootA = kustomizeRoot(model, a.file);
  return rootA !== undefined && rootA === kustomizeRoot(model, b.file);
}

function kustomizeRoot(model: ProjectModel, file: string): string | undefined {
  for (let dir = path.dirname(file); ; dir = path.dirname(dir)) {
    const prefix = dir === '.' ? '' : `${dir}/`;
    if (model.files.has(`${prefix}kustomization.yaml`) || model.files.has(`${prefix}kustomization.yml`)) return dir;
    if (dir === '.' || dir === '/' || dir === '') return undefined;
  }
}

function show(p: Placed): string {
  return `${p.name}${p.tag ? `:${p.tag}` : ''}${p.digest ? `@${p.digest.slice(0, 19)}` : ''}`;
}
