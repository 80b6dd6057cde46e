import { defineRule, type FileContext, type ProjectContext } from '../../src/rule-api/types.js';
import { kustomizeImageOverride, skaffoldBuiltImages, unpinnedHelmImages } from '../../src/model/templates.js';
import { splitImage, substitute } from '../../src/parsing/dockerfile.js';
import type { Pos } from '../../src/model/facts.js';

export default defineRule({
  id: 'build-release-run/unpinned-image',
  factor: 'build-release-run',
  severity: 'error',
  targets: ['dockerfile', 'compose', 'k8s'],
  docs: {
    description: 'An image with no tag or the `latest` tag (Dockerfile FROM, compose image, Kubernetes pod template containers)',
    remediation: 'Pin the image to a version tag (node:20.11-alpine3.19), or better a digest (node:20.11-alpine3.19@sha256:...), so that a release is built from and runs a known image.',
  },
  create: () => ({
    dockerfile(facts, ctx) {
      for (const stage of facts.stages) {
        const image = stage.image;
        // `FROM builder` names an earlier stage; `scratch` is the empty image; an ARG without a
        // default cannot be judged here (it is set at build time).
        if (stage.fromStage || image.resolved === null || image.resolved.toLowerCase() === 'scratch') continue;
        judge(ctx, image.raw, image.resolved, image, 'FROM');
      }
    },
    compose(facts, ctx) {
      for (const service of facts.services) {
        if (!service.image) continue;
        // With `build`, `image` names the image compose builds, not one it pulls.
        if (service.build) continue;
        const resolved = substitute(service.image.value, new Map());
        if (resolved === null) continue;
        judge(ctx, service.image.value, resolved, service.image, `service ${service.name}`);
      }
    },
  }),
  // k8s manifests are judged in the project phase because a kustomization elsewhere may pin their
  // tags (`images: [{ name, newTag }]`); Helm values files only count inside a chart (Chart.yaml).
  checkProject(model, ctx) {
    const skaffold = skaffoldBuiltImages(model);
    for (const file of model.k8sFiles()) {
      for (const obj of file.facts.objects) {
        for (const c of obj.pod?.containers ?? []) {
          if (!c.image) continue;
          // Values a tool fills in later: `$(IMAGE)`, `{{ .Values.image }}`, `${IMAGE}`.
          if (/\$\(|\{\{|\$\{/.test(c.image.value)) continue;
          const ref = splitImage(c.image.value.trim());
          // skaffold deploys these manifests with the image it just built and tagged.
          if (!ref.tag && !ref.digest && skaffold.has(ref.name)) continue;
          const override = kustomizeImageOverride(model, file.path, ref.name);
          if (override && (override.digest || (override.newTag && override.newTag.toLowerCase() !== 'latest'))) continue;
          judge(projectSink(ctx, file.path), c.image.value, c.image.value, c.image, `${obj.kind} ${obj.name} container ${c.name}`);
        }
      }
    }
    for (const { file, image, problem } of unpinnedHelmImages(model)) {
      const loc = { file, line: image.line, column: image.column };
      const what = `Image ${image.image} in Helm values ${image.pointer.slice(1).replace(/\//g, '.')}`;
      ctx.report({
        loc,
        message: problem === 'latest' ? `${what} uses the mutable latest tag.` : `${what} has no tag and the chart has no appVersion to fall back on: it means latest.`,
        evidence: image.image,
      });
    }
  },
});

/** Lets judge() report from the project phase at a position in `file`. */
function projectSink(ctx: ProjectContext, file: string): Pick<FileContext, 'path' | 'report'> {
  return { path: file, report: (d) => ctx.report({ ...d, loc: d.loc ?? { file, line: 1, column: 1 } }) };
}

function judge(ctx: Pick<FileContext, 'path' | 'report'>, raw: string, resolved: string, at: Pos, where: string): void {
  if (resolved.trim() === '') return;
  const { tag, digest } = splitImage(resolved.trim());
  if (digest) return;
  const via = raw !== resolved ? ` (${raw} resolves to ${resolved})` : '';
  if (tag === undefined) {
    ctx.report({ loc: { file: ctx.path, ...at }, message: `Image ${resolved} in ${where} has no tag${via}: it means latest, so every pull may get a different image.`, evidence: raw });
  } else if (tag.toLowerCase() === 'latest') {
    ctx.report({ loc: { file: ctx.path, ...at }, message: `Image ${resolved} in ${where} uses the mutable latest tag${via}.`, evidence: raw });
  }
}
