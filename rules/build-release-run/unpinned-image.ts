import { defineRule } from '../../src/rule-api/types.js';
import { classifyTag, imageVisitors, resolvedNote } from './_images.js';

export default defineRule({
  id: 'build-release-run/unpinned-image',
  factor: 'build-release-run',
  severity: 'error',
  targets: ['dockerfile', 'compose', 'k8s'],
  docs: {
    description: 'An image with no tag or the `latest` tag (Dockerfile FROM, compose image, Kubernetes pod template containers)',
    remediation: 'Pin the image to a version tag (node:20.11-alpine3.19), or better a digest (node:20.11-alpine3.19@sha256:...), so that a release is built from and runs a known image.',
  },
  create: () =>
    imageVisitors((ctx, site) => {
      const cls = classifyTag(site);
      const loc = { file: ctx.path, ...site.at };
      if (cls === 'untagged') {
        ctx.report({ loc, message: `Image ${site.resolved} in ${site.where} has no tag${resolvedNote(site)}: it means latest, so every pull may get a different image.`, evidence: site.raw });
      } else if (cls === 'latest') {
        ctx.report({ loc, message: `Image ${site.resolved} in ${site.where} uses the mutable latest tag${resolvedNote(site)}.`, evidence: site.raw });
      }
    }),
});
