import { defineRule } from '../../src/rule-api/types.js';
import { collectEnvDeclarations, interpolatedNames, isRuntimeSource, isToolConsumedEnv, isWellKnownEnv } from '../../src/model/env-declarations.js';

/** Fixtures of the scanned repository read variables of the code under test, not of this service. */
const FIXTURE_DIR = /(^|\/)(fixtures|__fixtures__|testdata)\//;

const messages = {
  unused: '{{name}} is declared in {{file}} but no code reads process.env.{{name}}: a stale setting, or one read under another name.',
};

export default defineRule({
  id: 'config/unused-env-var',
  factor: 'config',
  severity: 'info',
  presets: { recommended: 'off', strict: 'warning' },
  targets: ['env', 'compose', 'ts', 'xf'],
  docs: {
    description: 'A variable declared in deployment config for this code (.env.example, .env, compose environment of a built service) that no code reads',
    remediation: 'Remove the stale declaration, or, if a library reads it implicitly, keep it and document which one.',
  },
  messages,
  checkProject(model, ctx) {
    const files = model.tsFiles.filter((f) => !FIXTURE_DIR.test(f.path));
    // Without code, or when code reads process.env as a whole (cleanEnv(process.env), process.env[key]),
    // what is read cannot be listed.
    // Tests that save and restore the whole environment do not count.
    if (files.length === 0 || files.some((f) => f.facts.envOpaque && isRuntimeSource(f))) return;
    const decl = collectEnvDeclarations(model);
    if (!decl.enumerating) return;
    const read = new Set<string>();
    for (const f of files) for (const r of f.facts.envReads) read.add(r.name);
    const interpolated = interpolatedNames(model);
    const seen = new Set<string>();
    for (const d of decl.declarations) {
      if (!d.ownCode || read.has(d.name) || interpolated.has(d.name) || isWellKnownEnv(d.name) || isToolConsumedEnv(d.name)) continue;
      const key = `${d.file}\0${d.line}\0${d.name}`;
      if (seen.has(key)) continue;
      seen.add(key);
      ctx.report({
        loc: { file: d.file, line: d.line, column: d.column },
        messageId: 'unused',
        data: { name: d.name, file: d.file },
        evidence: d.name,
      });
    }
  },
});
