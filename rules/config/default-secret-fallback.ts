import { defineRule } from '../../src/rule-api/types.js';
import { isSecretName } from '../../src/secrets/detect.js';
import { isClientCredentialName } from '../../src/secrets/vocabulary.js';

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
  // Per file: a change in one file looks at that file's env reads only.
  checkProjectByFile: {
    kind: 'ts',
    shared: () => undefined,
    checkFile: (file): Fallback[] | undefined => {
      if (file.isTest || file.facts.kind !== 'ts') return undefined;
      const out: Fallback[] = [];
      for (const read of file.facts.envReads) {
        const fb = read.fallback;
        if (!fb || fb.kind !== 'string' || !fb.length || !isSecretName(read.name)) continue;
        // A dummy key for a client whose provider needs none or refuses it (`OPENAI_API_KEY ??
        // 'not-used'` for a local model server, `RESEND_API_KEY || 're_132'` so an SDK constructs): grants nothing.
        if (fb.notCredential && isClientCredentialName(read.name)) continue;
        out.push({ file: file.path, variable: read.name, length: fb.length, line: fb.line, column: fb.column, ...(fb.endLine ? { endLine: fb.endLine } : {}), ...(fb.endColumn ? { endColumn: fb.endColumn } : {}) });
      }
      return out.length > 0 ? out : undefined;
    },
    combine: (partials: Fallback[][], ctx) => {
      for (const fb of partials.flat()) {
        ctx.report({
          loc: { file: fb.file, line: fb.line, column: fb.column, ...(fb.endLine ? { endLine: fb.endLine } : {}), ...(fb.endColumn ? { endColumn: fb.endColumn } : {}) },
          messageId: 'secretFallback',
          data: { name: fb.variable, length: fb.length },
          evidence: `${fb.variable} ?? <${fb.length} chars>`,
        });
      }
    },
  },
});

/** A literal fallback of a secret-named variable, as a file's partial holds it (the variable's name, the literal's length and place). */
interface Fallback {
  file: string;
  variable: string;
  length: number;
  line: number;
  column: number;
  endLine?: number;
  endColumn?: number;
}
