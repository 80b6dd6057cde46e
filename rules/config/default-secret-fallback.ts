import { defineRule } from '../../src/rule-api/types.js';
import { isSecretName } from '../../src/secrets/detect.js';
import { isOwnSecretName, nameWords } from '../../src/secrets/vocabulary.js';
import type { PackageJsonFacts } from '../../src/parsing/facts.js';
import { isNonProduction } from '../../src/model/file-role.js';

const messages = {
  secretFallback: '{{name}} falls back to a {{length}}-character literal: when the variable is missing the service runs with a secret everyone who can read the code knows.',
};

export default defineRule({
  id: 'config/default-secret-fallback',
  factor: 'config',
  severity: 'error',
  // Strict only: 33 true, 20 false, 6 debatable of 59 judged on the accuracy corpus (0.62; docs/accuracy.md):
  // most false ones left are services that refuse the default in production with a check elsewhere.
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
    shared: (model, once) => ({
      // The project's own name (the root package.json's, scope included: `@nangohq/nango`), whose
      // words may qualify its own secrets (`NANGO_ADMIN_KEY`).
      projectWords: once(() => {
        const root = model.files.get('package.json')?.facts as PackageJsonFacts | undefined;
        return root?.kind === 'package-json' && root.name ? nameWords(root.name).filter((w) => !GENERIC_PACKAGE_WORDS.has(w)) : [];
      }),
    }),
    checkFile: (file, shared: { projectWords: () => string[] }, model): Fallback[] | undefined => {
      // Tests, seeds, dev servers and their configs run where no one attacks them.
      if (file.isTest || file.facts.kind !== 'ts' || isNonProduction(model.environmentOf(file.path))) return undefined;
      const out: Fallback[] = [];
      let projectWords: Set<string> | undefined;
      for (const read of file.facts.envReads) {
        const fb = read.fallback;
        if (!fb || fb.kind !== 'string' || !fb.length || !isSecretName(read.name)) continue;
        // A made-up credential the service presents to someone else (a database's password, an API
        // provider's or an OAuth application's key: `OPENAI_API_KEY ?? 'not-used'`, `STRIPE_SECRET_KEY
        // || 'sk_nothing'` so an SDK constructs) fails where it is sent, and grants nothing; one that
        // looks like a real key may be one. Any value of the service's own secrets, which it signs,
        // verifies or encrypts with, lets whoever reads the code forge what they protect.
        if (fb.notCredential && !isOwnSecretName(read.name, (projectWords ??= new Set(shared.projectWords())))) continue;
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

/** Words of a root package's name that name no project: `@acme/monorepo`, `root`, `workspace`. */
const GENERIC_PACKAGE_WORDS = new Set(['monorepo', 'root', 'workspace', 'workspaces', 'app', 'apps', 'server', 'backend', 'service', 'api', 'js', 'ts', 'node']);

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
