import { defineRule } from '../../src/rule-api/types.js';
import { classifyTag, imageRule, infoReason, resolvedNote } from './_images.js';

const messages = {
  floatingTag: 'Image {{image}} in {{where}} uses the floating tag {{tag}}{{resolved}}: it names no version, so it moves to a new release of the image without any change here.{{info}}',
};

export default defineRule({
  id: 'build-release-run/floating-image-tag',
  factor: 'build-release-run',
  severity: 'warning',
  targets: ['dockerfile', 'compose', 'k8s'],
  docs: {
    description: 'An image tag that names no version (`alpine`, `lts`, `slim`, `stable`, `edge`, a distro codename on an image that is not the distro itself), after ARG/`${VAR}` defaults are resolved',
    remediation: 'Use a tag that names a version of the image (node:20.11.1-alpine3.19, postgres:16.2-bookworm), and for full reproducibility add its digest.',
  },
  messages,
  ...imageRule<keyof typeof messages>((ctx, site) => {
      if (classifyTag(site) !== 'floating') return;
      const info = infoReason(site);
      ctx.report({
        loc: { file: ctx.path, ...site.at },
        messageId: 'floatingTag',
        data: { image: site.resolved, where: site.where, tag: site.tag!, resolved: resolvedNote(site), info: info ?? '' },
        evidence: site.raw,
        ...(info ? { severity: 'info' as const } : {}),
      });
    }),
});
