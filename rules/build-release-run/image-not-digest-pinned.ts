import { defineRule } from '../../src/rule-api/types.js';
import { classifyTag, imageRule, resolvedNote } from './_images.js';

const messages = {
  tagOnly: 'Image {{image}} in {{where}} is pinned by tag only{{resolved}}: a tag can be pushed again, a digest cannot.',
};

export default defineRule({
  id: 'build-release-run/image-not-digest-pinned',
  factor: 'build-release-run',
  severity: 'info',
  presets: { recommended: 'off', strict: 'warning' },
  targets: ['dockerfile', 'compose', 'k8s'],
  docs: {
    description: 'An image pinned by a version tag but not by digest (`@sha256:`); tags can be pushed again (strict preset)',
    remediation: 'Append the digest of the image you tested (node:20.11.1-alpine3.19@sha256:...), and let a bot (Renovate, Dependabot) update tag and digest together.',
  },
  messages,
  // Untagged, latest and floating tags are reported by the more specific rules only.
  ...imageRule<keyof typeof messages>((ctx, site) => {
      if (classifyTag(site) !== 'versioned') return;
      ctx.report({
        loc: { file: ctx.path, ...site.at },
        messageId: 'tagOnly',
        data: { image: site.resolved, where: site.where, resolved: resolvedNote(site) },
        evidence: site.raw,
      });
    }),
});
