import { defineRule, type SharedValueForm } from '../../src/rule-api/types.js';
import type { EnvReadFact } from '../../src/parsing/facts.js';
import { collectEnvDeclarations, isRuntimeSource, isWellKnownEnv } from '../../src/model/env-declarations.js';
import { isSecretName } from '../../src/secrets/detect.js';

type Read = EnvReadFact & { file: string };

/**
 * What a variable's reads say about a deploy that does not set it:
 * - `required`: some read insists (a throw or assert at start-up, a schema entry without default), or
 *   is asserted with `!`, and no read copes with it unset: the deploy breaks. Warning.
 * - `hidden`: a read copes, and one falls back to a literal that stands in for a production value (a
 *   URL or local host, a secret): the deploy runs, against the wrong thing. Info.
 * - `unsure`: only plain reads, nothing says whether the code can do without it (an optional
 *   integration's key reads the same as the database URL). Info.
 * - `optional`: the code copes (a fallback, a presence test, an optional schema entry): nothing to say.
 */
function verdict(reads: Read[]): 'required' | 'hidden' | 'unsure' | 'optional' {
  if (reads.some((r) => r.use === 'required')) return 'required';
  const copes = reads.some((r) => r.fallback !== undefined || r.use === 'test' || r.use === 'optional');
  if (copes) return reads.some((r) => hidesProductionValue(r)) ? 'hidden' : 'optional';
  return reads.some((r) => r.use === 'asserted') ? 'required' : 'unsure';
}

function hidesProductionValue(r: EnvReadFact): boolean {
  const fb = r.fallback;
  if (!fb || fb.kind !== 'string') return false;
  return fb.endpoint === true || (isSecretName(r.name) && (fb.length ?? 0) > 0);
}

/** The read to point at: the one that insists, else the first plain use, else the first. */
function primary(reads: Read[]): Read {
  return reads.find((r) => r.use === 'required') ?? reads.find((r) => r.use === 'asserted') ?? reads.find((r) => r.use === undefined && r.fallback === undefined) ?? reads.find(hidesProductionValue) ?? reads[0]!;
}

function why(r: Read): string {
  if (r.schema) return r.fallback ? `its ${r.schema} schema entry has a default` : `its ${r.schema} schema entry has no default`;
  if (r.use === 'required') return 'the code stops at start-up without it';
  if (r.use === 'asserted') return 'asserted with !';
  if (r.fallback) return 'the code falls back to a literal';
  return 'read with no fallback';
}

const OTHERS_LISTED = 3;

const messages = {
  required: '{{name}} is needed here ({{why}}){{also}} but no deployment config provides it (read: {{checked}}).',
  hidden: '{{name}} is read here{{also}} but no deployment config provides it (read: {{checked}}); the code falls back to a literal that stands in for a production value, so deploys silently run with it.',
  unsure: '{{name}} is read here with no fallback{{also}} and no deployment config provides it (read: {{checked}}); if deploys need it, declare it (Info only: nothing in the code says it is required).',
};

export default defineRule({
  id: 'config/undeclared-env-var',
  factor: 'config',
  severity: 'warning',
  presets: { recommended: 'off', strict: 'warning' },
  targets: ['ts', 'env', 'compose', 'k8s', 'dockerfile', 'procfile', 'xf'],
  docs: {
    description: 'An environment variable the code needs (asserted, checked at start-up, or required by its env schema) that no deployment config provides (.env.example, compose, k8s env/envFrom, Dockerfile ENV, Procfile)',
    remediation: 'Declare the variable where deploys get their config: a line in .env.example, the service\'s compose `environment`, the Kubernetes container `env` or its ConfigMap/Secret.',
  },
  messages,
  // Per file: a change in one file looks at that file's env reads only; what deployment configs
  // declare is a shared value, stored with the partials while no config changes.
  checkProjectByFile: {
    kind: 'ts',
    shared: (model, once): Shared => ({
      declared: once(() => {
        const decl = collectEnvDeclarations(model);
        return { names: decl.names, sources: decl.sources, enumerating: decl.enumerating, incomplete: decl.incomplete };
      }, DECLARED_FORM),
    }),
    checkFile: (file, shared: Shared): StoredRead[] | undefined => {
      if (!isRuntimeSource(file) || file.facts.kind !== 'ts') return undefined;
      const decl = shared.declared();
      // With no config that lists variables, every read would be a finding: say nothing per variable.
      // Where something provides variables we cannot list, a read may be provided there.
      if (!decl.enumerating || decl.incomplete) return undefined;
      const out: StoredRead[] = [];
      for (const r of file.facts.envReads) {
        if (decl.names.has(r.name) || isWellKnownEnv(r.name)) continue;
        // `variable`, not `name`: the cache's secret screen reads every field beside a secret-like `name` as its value.
        const { name, ...rest } = r;
        out.push({ ...rest, variable: name, file: file.path });
      }
      return out.length > 0 ? out : undefined;
    },
    combine: (partials: StoredRead[][], ctx, shared: Shared) => {
      const reads = new Map<string, Read[]>();
      for (const stored of partials.flat()) {
        const { variable, ...rest } = stored;
        const list = reads.get(variable) ?? [];
        list.push({ ...rest, name: variable });
        reads.set(variable, list);
      }
      if (reads.size === 0) return;
      const decl = shared.declared();
      const checked = decl.sources.length > 3 ? `${decl.sources.slice(0, 3).join(', ')} and ${decl.sources.length - 3} more` : decl.sources.join(', ');
      for (const [name, list] of [...reads].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
        // The code sets it itself (`process.env.MODE = 'worker'` before starting a worker).
        if (list.some((r) => r.use === 'assigned')) continue;
        const v = verdict(list);
        if (v === 'optional') continue;
        const first = primary(list);
        const others = list.filter((r) => r !== first);
        const listed = others.slice(0, OTHERS_LISTED).map((r) => `${r.file}:${r.line}`);
        const more = others.length > OTHERS_LISTED ? ` and ${others.length - OTHERS_LISTED} more` : '';
        const also = others.length > 0 ? ` (also read at ${listed.join(', ')}${more})` : '';
        ctx.report({
          loc: { file: first.file, line: first.line, column: first.column },
          messageId: v,
          data: { name, why: why(first), also, checked },
          evidence: first.schema ? `${first.schema} ${name}` : `process.env.${name}`,
          ...(v !== 'required' ? { severity: 'info' as const } : {}),
        });
      }
    },
  },
});

/** A read as a file's partial holds it. */
type StoredRead = Omit<Read, 'name'> & { variable: string };

/** What the deployment configs declare, as this rule reads it. */
interface Declared {
  names: Set<string>;
  sources: string[];
  enumerating: boolean;
  incomplete: string | undefined;
}

interface Shared {
  declared: () => Declared;
}

const DECLARED_FORM: SharedValueForm<Declared> = {
  name: 'declared-env',
  save: (d) => ({ names: [...d.names], sources: d.sources, enumerating: d.enumerating, ...(d.incomplete !== undefined ? { incomplete: d.incomplete } : {}) }),
  load: (stored) => {
    if (typeof stored !== 'object' || stored === null) return undefined;
    const s = stored as Record<string, unknown>;
    const strings = (a: unknown): a is string[] => Array.isArray(a) && a.every((x) => typeof x === 'string');
    if (!strings(s.names) || !strings(s.sources) || typeof s.enumerating !== 'boolean' || (s.incomplete !== undefined && typeof s.incomplete !== 'string')) return undefined;
    return { names: new Set(s.names), sources: s.sources, enumerating: s.enumerating, incomplete: s.incomplete };
  },
};
