import { defineRule } from '../../src/rule-api/types.js';
import { classifyTag, imageRule, infoReason, resolvedNote } from './_images.js';

const messages = {
  unpinned: 'Image {{image}} in {{where}} {{what}}{{info}}',
};

export default defineRule({
  id: 'build-release-run/unpinned-image',
  factor: 'build-release-run',
  severity: 'error',
  targets: ['dockerfile', 'compose', 'k8s'],
  docs: {
    description: 'An image with no tag or the `latest` tag (Dockerfile FROM, compose image, Kubernetes pod template containers); info when a variable chooses the tag and only defaults to latest, or the image is a developer tool (pgadmin, mailhog)',
    remediation: 'Pin the image to a version tag (node:20.11-alpine3.19), or better a digest (node:20.11-alpine3.19@sha256:...), so that a release is built from and runs a known image.',
  },
  messages,
  ...imageRule<keyof typeof messages>((ctx, site) => {
      const cls = classifyTag(site);
      if (cls !== 'untagged' && cls !== 'latest') return;
      const loc = { file: ctx.path, ...site.at };
      const what = cls === 'untagged' ? `has no tag${resolvedNote(site)}: it means latest, so every pull may get a different image.` : `uses the mutable latest tag${resolvedNote(site)}.`;
      const info = infoReason(site);
      if (info) {
        ctx.report({ loc, messageId: 'unpinned', data: { image: site.resolved, where: site.where, what, info }, evidence: site.raw, severity: 'info' });
        return;
      }
      ctx.report({ loc, messageId: 'unpinned', data: { image: site.resolved, where: site.where, what, info: '' }, evidence: site.raw });
    }),
});
