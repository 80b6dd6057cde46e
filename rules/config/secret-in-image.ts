import { defineRule } from '../../src/rule-api/types.js';
import { findKnownSecrets, isSecretName, redact } from '../../src/secrets/detect.js';
import { stagesInAnImage } from '../../src/model/docker-commands.js';

const messages = {
  literalSecret: '{{instruction}} {{name}} has a literal value ({{value}}): it {{where}}, and it is the same in every environment.',
};

export default defineRule({
  id: 'config/secret-in-image',
  factor: 'config',
  severity: 'error',
  // Strict only: 0 true of 20 judged findings on the accuracy corpus (docs/accuracy.md), all of them
  // builder stages, which it no longer judges; nothing on the corpus measures it since.
  presets: { recommended: 'off', strict: 'error' },
  security: true,
  supersedes: ['config/hardcoded-secret'],
  docs: {
    description: 'A Dockerfile ENV or ARG with a secret-like name and a literal value, baked into the image',
    remediation: 'Remove the value from the Dockerfile: pass the secret at run time (environment of the container, a mounted secret), and at build time use `RUN --mount=type=secret`.',
  },
  messages,
  create: () => ({
    dockerfile(facts, ctx) {
      // Only what the image carries: a builder stage that others merely COPY --from keeps its
      // environment in the build, and a global ARG reaches a stage only when the stage declares it again.
      const inImage = stagesInAnImage(facts);
      const stages = facts.stages.filter((s) => inImage.has(s.index));
      const redeclared = new Set(stages.flatMap((s) => s.env.filter((e) => e.instruction === 'ARG' && !e.hasValue).map((e) => e.name)));
      const entries = [
        ...facts.globalArgs.filter((a) => redeclared.has(a.name)).map((a) => ({ ...a, instruction: 'ARG' as const })),
        ...stages.flatMap((s) => s.env),
      ];
      for (const e of entries) {
        if (!e.hasValue || !isSecretName(e.name)) continue;
        const value = e.value.trim();
        // A known token format is config/hardcoded-secret's, with the format in its message.
        if (!isLiteralSecretValue(value) || findKnownSecrets(value).length > 0) continue;
        const where = e.instruction === 'ENV' ? 'is stored in the image config, visible to anyone who can pull it (docker inspect)' : 'is recorded in the image history when the build does not override it';
        ctx.report({
          loc: { file: ctx.path, line: e.line, column: e.column },
          messageId: 'literalSecret',
          data: { instruction: e.instruction, name: e.name, value: redact(value), where },
          evidence: `${e.instruction} ${e.name}=${redact(value)}`,
        });
      }
    },
  }),
});

/** A literal: not empty, not a variable reference, not a flag, number or path. */
export function isLiteralSecretValue(value: string): boolean {
  if (value === '' || value.includes('$')) return false;
  if (/^(true|false|yes|no|on|off|none|null|\d{1,6})$/i.test(value)) return false;
  // A path to a secret file (GOOGLE_APPLICATION_CREDENTIALS=/run/secrets/gcp.json) is not the secret.
  if (/^(\/|\.\.?\/|~\/)/.test(value) || /\.(json|pem|key|crt|p12|pfx|txt)$/i.test(value)) return false;
  return true;
}
