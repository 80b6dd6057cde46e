// What deployment config says the environment holds: .env files and templates, compose
// `environment`/`env_file`, Kubernetes `env`/`envFrom` (with the ConfigMap/Secret manifests of the
// repository), kustomize generators, Dockerfile ENV/ARG, Procfile and package.json script
// assignments. Compared with the `process.env` reads of the code by config/undeclared-env-var and
// config/unused-env-var.

import path from 'node:path/posix';
import type { ProjectModel } from './project-model.js';
import { isRecord, scalarLeaves } from '../parsing/structured.js';
import { isDevContextPath, joinDir } from './packages.js';
import { platformEnv } from './platform-env.js';

export interface EnvDeclaration {
  name: string;
  file: string;
  line: number;
  column: number;
  /** Declared for this repository's own code (so an unused name is worth a note). */
  ownCode: boolean;
}

export interface EnvDeclarations {
  names: Set<string>;
  declarations: EnvDeclaration[];
  /** Files that were read as declarations, for messages. */
  sources: string[];
  /** Some config lists variables for the code (a template, compose environment, k8s env). */
  enumerating: boolean;
  /** Something provides variables this tool cannot list (a missing env_file, ConfigMap or Secret; Helm templates). */
  incomplete: string | undefined;
}

/** Variables the platform, the OS, Node or the tooling set (see platform-env.ts): never findings either way. */
export function isWellKnownEnv(name: string): boolean {
  return platformEnv(name) !== undefined;
}

/**
 * Read by libraries or tools without a `process.env` read in the code: pg's PG*, the AWS SDK,
 * Prisma's schema, APM agents, build tools' import.meta.env.
 */
const TOOL_CONSUMED = /^(PG[A-Z]+|AWS_[A-Z_]+|DATABASE_URL|DIRECT_URL|SHADOW_DATABASE_URL|PRISMA_[A-Z_]+|SENTRY_[A-Z_]+|OTEL_[A-Z_]+|DD_[A-Z_]+|NEW_RELIC_[A-Z_]+|ELASTIC_APM_[A-Z_]+|VITE_[A-Z0-9_]+|NEXT_[A-Z0-9_]+|NUXT_[A-Z0-9_]+|NITRO_[A-Z0-9_]+|ASTRO_[A-Z0-9_]+|PUBLIC_[A-Z0-9_]+|NODE_[A-Z_]+|GOOGLE_[A-Z_]+|AZURE_[A-Z_]+|COMPOSE_[A-Z_]+|DOCKER_[A-Z_]+|POSTGRES_[A-Z_]+|MYSQL_[A-Z_]+|MARIADB_[A-Z_]+|MONGO_INITDB_[A-Z_]+|REDIS_ARGS|RABBITMQ_[A-Z_]+|MINIO_[A-Z_]+|OPENAI_[A-Z_]+|ANTHROPIC_[A-Z_]+|GROQ_API_KEY|LANGCHAIN_[A-Z_]+|LANGSMITH_[A-Z_]+|HF_[A-Z_]+|HUGGINGFACE[A-Z_]*|MONGOMS_[A-Z_]+|PUPPETEER_[A-Z_]+|PLAYWRIGHT_[A-Z_]+|TZ)$/;

export function isToolConsumedEnv(name: string): boolean {
  return TOOL_CONSUMED.test(name);
}

/** Where the project declares environment variables, once per model (two rules ask). Shared: do not mutate. */
export function collectEnvDeclarations(model: ProjectModel): EnvDeclarations {
  return model.memo('env-declarations', () => computeEnvDeclarations(model));
}

function computeEnvDeclarations(model: ProjectModel): EnvDeclarations {
  const out: EnvDeclarations = { names: new Set(), declarations: [], sources: [], enumerating: false, incomplete: undefined };
  const sources = new Set<string>();
  const add = (name: string, file: string, pos: { line: number; column: number }, ownCode: boolean) => {
    out.names.add(name);
    out.declarations.push({ name, file, line: pos.line, column: pos.column, ownCode });
    sources.add(file);
  };
  const missing = (what: string) => {
    out.incomplete ??= what;
  };
  // `.env` is usually a gitignored copy of the committed `.env.example` beside it: then the template
  // says what the file holds.
  const knownOrTemplate = (target: string): boolean => {
    if (model.files.get(target)?.kind === 'env') return true;
    const dir = path.dirname(target);
    const base = path.basename(target);
    return model.ofKind('env').some((f) => f.facts.isTemplate && path.dirname(f.path) === dir && path.basename(f.path).startsWith(`${base}.`));
  };

  for (const f of model.ofKind('env')) {
    if (f.isTest) continue;
    if (f.facts.entries.length > 0) out.enumerating = true;
    for (const e of f.facts.entries) add(e.name, f.path, e, true);
    // Documented as optional: provided when the operator wants it, and never "unused".
    for (const e of f.facts.commented ?? []) {
      out.names.add(e.name);
      sources.add(f.path);
    }
  }

  for (const compose of model.composeFiles()) {
    if (compose.isTest) continue;
    const dir = path.dirname(compose.path);
    for (const s of compose.facts.services) {
      const own = s.build !== undefined;
      if (s.environment.length > 0 || s.envFiles.length > 0) out.enumerating = true;
      for (const e of s.environment) add(e.name, compose.path, e, own);
      for (const envFile of s.envFiles) {
        const target = path.normalize(joinDir(dir, envFile.value));
        if (!knownOrTemplate(target)) missing(`${compose.path} service ${s.name} reads ${envFile.value}, which is not in the repository`);
      }
    }
  }

  // ConfigMaps, Secrets and kustomize generators of the repository, by name.
  const maps = new Map<string, string[]>();
  for (const k of model.k8sFiles()) {
    for (const obj of k.facts.objects) {
      if (obj.kind !== 'ConfigMap' && obj.kind !== 'Secret') continue;
      const doc = k.facts.docs[obj.docIndex]?.value;
      if (!isRecord(doc)) continue;
      const keys = [...(isRecord(doc.data) ? Object.keys(doc.data) : []), ...(isRecord(doc.stringData) ? Object.keys(doc.stringData) : [])];
      maps.set(`${obj.kind === 'ConfigMap' ? 'configMap' : 'secret'}/${obj.name}`, keys);
    }
  }
  for (const f of model.ofKind('structured')) {
    if (!/(^|\/)kustomization\.ya?ml$/.test(f.path)) continue;
    const doc = f.facts.docs[0]?.value;
    if (!isRecord(doc)) continue;
    for (const [section, kind] of [['configMapGenerator', 'configMap'], ['secretGenerator', 'secret']] as const) {
      const gens = doc[section];
      if (!Array.isArray(gens)) continue;
      for (const g of gens) {
        if (!isRecord(g) || typeof g.name !== 'string') continue;
        const keys: string[] = [];
        let known = true;
        if (Array.isArray(g.literals)) for (const l of g.literals) if (typeof l === 'string' && l.includes('=')) keys.push(l.slice(0, l.indexOf('=')));
        for (const list of [g.envs, g.files]) {
          if (!Array.isArray(list)) continue;
          for (const e of list) {
            const target = typeof e === 'string' ? model.files.get(path.normalize(joinDir(path.dirname(f.path), e))) : undefined;
            if (target?.facts.kind === 'env') keys.push(...target.facts.entries.map((x) => x.name));
            else known = false;
          }
        }
        if (known) maps.set(`${kind}/${g.name}`, keys);
        else missing(`${f.path} generates ${kind} ${g.name} from files this tool cannot read`);
      }
    }
  }
  for (const k of model.k8sFiles()) {
    if (k.isTest) continue;
    for (const obj of k.facts.objects) {
      for (const c of obj.pod?.containers ?? []) {
        if (c.env.length > 0 || c.envFrom.length > 0) out.enumerating = true;
        for (const e of c.env) add(e.name, k.path, e, false);
        for (const from of c.envFrom) {
          const keys = maps.get(`${from.kind}/${from.name}`);
          if (!keys) {
            missing(`${k.path} takes envFrom ${from.kind} ${from.name}, whose manifest is not in the repository`);
            continue;
          }
          for (const key of keys) add(key, k.path, from, false);
        }
      }
    }
  }
  if (model.ofKind('helm-template').length > 0) missing('Helm templates set the environment when they are rendered');

  for (const df of model.ofKind('dockerfile')) {
    if (df.isTest) continue;
    for (const a of df.facts.globalArgs) add(a.name, df.path, a, false);
    for (const s of df.facts.stages) for (const e of s.env) add(e.name, df.path, e, false);
  }
  // next.config `env`, bundler `define` of `process.env.X`: the build hands these to the code.
  for (const f of model.tsFiles) for (const p of f.facts.envProvided ?? []) add(p.name, f.path, p, false);
  for (const p of model.ofKind('procfile')) {
    for (const proc of p.facts.processes) for (const cmd of proc.commands) for (const a of cmd.assignments) add(a.name, p.path, proc, false);
  }
  for (const pkg of model.ofKind('package-json')) {
    if (pkg.isTest) continue;
    for (const script of pkg.facts.scripts) {
      for (const cmd of model.scriptCommands(script.value)) {
        for (const a of cmd.assignments) add(a.name, pkg.path, script, false);
        // cross-env A=1 B=2 node x.js, env A=1 node x.js
        if (cmd.argv[0] === 'cross-env' || cmd.argv[0] === 'env' || cmd.argv[0] === 'dotenv') {
          for (const w of cmd.argv.slice(1)) {
            const m = /^([A-Za-z_][A-Za-z0-9_]*)=/.exec(w);
            if (m) add(m[1]!, pkg.path, script, false);
          }
        }
        // dotenv-cli, `node --env-file=.env`: the file is an env file of the repository (or not).
        for (const w of cmd.argv) {
          const m = /^--env-file=(.+)$/.exec(w);
          if (m && !knownOrTemplate(path.normalize(joinDir(path.dirname(pkg.path), m[1]!)))) missing(`${pkg.path} loads ${m[1]} with --env-file, which is not in the repository`);
        }
      }
    }
  }
  out.sources = [...sources].sort();
  return out;
}

/** Names referenced as `${NAME}` / `$NAME` by compose files and Dockerfiles (interpolation, not code). */
export function interpolatedNames(model: ProjectModel): Set<string> {
  const names = new Set<string>();
  const scan = (text: string) => {
    for (const m of text.matchAll(/\$\{?([A-Za-z_][A-Za-z0-9_]*)/g)) names.add(m[1]!);
  };
  for (const c of model.composeFiles()) for (const doc of c.facts.docs) for (const leaf of scalarLeaves(doc.value)) if (typeof leaf.value === 'string') scan(leaf.value);
  for (const df of model.ofKind('dockerfile')) for (const s of df.facts.stages) for (const ins of s.instructions) scan(ins.text);
  for (const k of model.k8sFiles()) for (const doc of k.facts.docs) for (const leaf of scalarLeaves(doc.value)) if (typeof leaf.value === 'string') scan(leaf.value.replace(/\$\(/g, '${'));
  return names;
}

/** Source files whose env reads are the service's: not tests, fixtures or tool config. */
export function isRuntimeSource(file: { path: string; isTest: boolean }): boolean {
  return !file.isTest && !isDevContextPath(file.path);
}

