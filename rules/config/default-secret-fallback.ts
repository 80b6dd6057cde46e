import { defineRule } from '../../src/rule-api/types.js';
import { isSecretName } from '../../src/secrets/detect.js';

const messages = {
  secretFallback: '{{name}} falls back to a {{length}}-character literal: when the variable is missing the service runs with a secret everyone who can read the code knows.',
};

export default defineRule({
  id: 'config/default-secret-fallback',
  factor: 'config',
  severity: 'error',
  // Strict only: 1 true of 15 judged findings on the accuracy corpus (docs/accuracy.md).
  presets: { recommended: 'off', strict: 'error' },
  security: true,
  targets: ['ts'],
  supersedes: ['config/hardcoded-secret'],
  docs: {
    description: "A secret-like environment variable read with a literal fallback (`process.env.JWT_SECRET || 'changeme'`): the fallback ships in every build",
    remediation: 'Drop the fallback and fail at start when the variable is missing (throw, or a schema such as envalid/zod without a default); give development its value through a local .env file.',
  },
  messages,
  checkProject(model, ctx) {
    for (const file of model.tsFiles) {
      if (file.isTest) continue;
      for (const read of file.facts.envReads) {
        const fb = read.fallback;
        if (!fb || fb.kind !== 'string' || !fb.length || !isSecretName(read.name)) continue;
        ctx.report({
          loc: { file: file.path, line: fb.line, column: fb.column, ...(fb.endLine ? { endLine: fb.endLine } : {}), ...(fb.endColumn ? { endColumn: fb.endColumn } : {}) },
          messageId: 'secretFallback',
          data: { name: read.name, length: fb.length },
          evidence: `${read.name} ?? <${fb.length} chars>`,
        });
      }
    }
  },
});
