import { defineRule } from '../../src/rule-api/types.js';
import type { EnvReadFact } from '../../src/model/facts.js';
import { collectEnvDeclarations, isRuntimeSource, isWellKnownEnv } from '../../src/model/env-declarations.js';

export default defineRule({
  id: 'config/undeclared-env-var',
  factor: 'config',
  severity: 'warning',
  targets: ['ts', 'env', 'compose', 'k8s', 'dockerfile', 'procfile', 'xf'],
  docs: {
    description: 'process.env.X is read in code but provided by no deployment config (.env.example, compose, k8s env/envFrom, Dockerfile ENV, Procfile)',
    remediation: 'Declare the variable where deploys get their config: a line in .env.example, the service\'s compose `environment`, the Kubernetes container `env` or its ConfigMap/Secret.',
  },
  checkProject(model, ctx) {
    const decl = collectEnvDeclarations(model);
    // With no config that lists variables, every read would be a finding: say nothing per variable.
    // Where something provides variables we cannot list, a read may be provided there.
    if (!decl.enumerating || decl.incomplete) return;
    const reads = new Map<string, Array<EnvReadFact & { file: string }>>();
    for (const file of model.tsFiles) {
      if (!isRuntimeSource(file)) continue;
      for (const r of file.facts.envReads) {
        if (decl.names.has(r.name) || isWellKnownEnv(r.name)) continue;
        const list = reads.get(r.name) ?? [];
        list.push({ ...r, file: file.path });
        reads.set(r.name, list);
      }
    }
    const checked = decl.sources.length > 3 ? `${decl.sources.slice(0, 3).join(', ')} and ${decl.sources.length - 3} more` : decl.sources.join(', ');
    for (const [name, list] of reads) {
      const first = list[0]!;
      const others = list.length > 1 ? ` (and ${list.length - 1} other read${list.length > 2 ? 's' : ''})` : '';
      const defaulted = list.every((r) => r.fallback !== undefined);
      ctx.report({
        loc: { file: first.file, line: first.line, column: first.column },
        message: `${name} is read here${others} but no deployment config provides it (read: ${checked})${defaulted ? '; the code falls back to a default, so deploys silently run with it' : ''}.`,
        evidence: `process.env.${name}`,
        ...(defaulted ? { severity: 'info' as const } : {}),
      });
    }
  },
});
