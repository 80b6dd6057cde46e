// Backing services seen in deployment files, by environment, for the dev-prod-parity rules: which
// engine (postgres, sqlite, redis...) each environment uses, from images and from the env vars that
// choose a driver or carry a connection URL. Environments come from file names (model.environmentOf):
// files with no environment in their name take the side opposite to the named ones, so that
// `docker-compose.yml` + `docker-compose.dev.yml` compare, and two unnamed files never do.

import type { ProjectModel } from '../../src/model/project-model.js';
import { splitImage, substitute } from '../../src/parsing/dockerfile.js';

export type Category = 'SQL database' | 'document database' | 'cache' | 'message broker' | 'search engine';

export interface Engine {
  category: Category;
  engine: string;
}

const IMAGE_ENGINES: Array<[RegExp, Engine]> = [
  [/^(postgres|postgresql|postgis|timescaledb(-ha)?|pgvector|pg\d*)$/, { category: 'SQL database', engine: 'postgres' }],
  [/^(mysql|mysql-server|percona(-server)?)$/, { category: 'SQL database', engine: 'mysql' }],
  [/^mariadb$/, { category: 'SQL database', engine: 'mariadb' }],
  [/^(mssql|server)$/, { category: 'SQL database', engine: 'mssql' }],
  [/^cockroach(db)?$/, { category: 'SQL database', engine: 'cockroachdb' }],
  [/^(mongo|mongodb)$/, { category: 'document database', engine: 'mongodb' }],
  [/^(redis|redis-stack|redis-stack-server|valkey|keydb|dragonfly)$/, { category: 'cache', engine: 'redis' }],
  [/^memcached$/, { category: 'cache', engine: 'memcached' }],
  [/^rabbitmq$/, { category: 'message broker', engine: 'rabbitmq' }],
  [/^(kafka|cp-kafka|redpanda)$/, { category: 'message broker', engine: 'kafka' }],
  [/^(nats|nats-streaming)$/, { category: 'message broker', engine: 'nats' }],
  [/^elasticsearch$/, { category: 'search engine', engine: 'elasticsearch' }],
  [/^opensearch$/, { category: 'search engine', engine: 'opensearch' }],
  [/^meilisearch$/, { category: 'search engine', engine: 'meilisearch' }],
];

/** Engine of a container image (`postgres:16-alpine`, `bitnami/postgresql`, `mcr.microsoft.com/mssql/server`). */
export function engineOfImage(image: string): (Engine & { name: string; tag?: string }) | undefined {
  const { name, tag } = splitImage(image.trim());
  const last = name.split('/').pop()!.toLowerCase();
  if (last === 'server' && !/mssql/.test(name)) return undefined;
  for (const [re, engine] of IMAGE_ENGINES) if (re.test(last)) return { ...engine, name, ...(tag ? { tag } : {}) };
  return undefined;
}

/** Driver names as code and config write them. */
const DRIVER_ENGINES: Record<string, string> = {
  pg: 'postgres',
  postgres: 'postgres',
  postgresql: 'postgres',
  'pg-native': 'postgres',
  sqlite: 'sqlite',
  sqlite3: 'sqlite',
  'better-sqlite3': 'sqlite',
  'better-sqlite': 'sqlite',
  libsql: 'sqlite',
  mysql: 'mysql',
  mysql2: 'mysql',
  mariadb: 'mariadb',
  mssql: 'mssql',
  tedious: 'mssql',
  oracle: 'oracle',
  oracledb: 'oracle',
  cockroachdb: 'cockroachdb',
};

/** A driver name (knex client, Sequelize dialect, TypeORM type) to a SQL engine. */
export function engineOfDriver(value: string): string | undefined {
  return DRIVER_ENGINES[value.trim().toLowerCase()];
}

/** Env vars that choose the database driver, and env vars that carry a database URL. */
const DRIVER_VAR = /^(DB|DATABASE|TYPEORM|SEQUELIZE|KNEX)_?(CLIENT|DIALECT|TYPE|ENGINE|DRIVER|CONNECTION)$|^NC_DB_TYPE$/i;
const URL_VAR = /^((\w+_)?(DATABASE|DB)_?(URL|URI)|NC_DB)$/i;

/** The SQL engine an env var selects: `DB_CLIENT=sqlite3`, `DATABASE_URL=postgres://...`, `NC_DB=pg://...`. */
export function engineOfEnv(name: string, value: string | null | undefined): string | undefined {
  if (value === null || value === undefined) return undefined;
  const v = substitute(value, new Map()) ?? value;
  if (DRIVER_VAR.test(name)) return engineOfDriver(v);
  if (URL_VAR.test(name)) {
    const scheme = /^([a-z0-9+]+):/i.exec(v.trim())?.[1]?.toLowerCase();
    if (!scheme) return undefined;
    if (scheme === 'file') return 'sqlite';
    return engineOfDriver(scheme.replace(/\+.*$/, '')) ?? (scheme.startsWith('mongodb') ? undefined : undefined);
  }
  return undefined;
}

export interface Sighting {
  engine: string;
  category: Category;
  file: string;
  line: number;
  column: number;
  /** What shows it: `image postgres:16`, `DB_CLIENT=sqlite3`. */
  how: string;
  image?: { name: string; tag?: string };
}

export type Side = 'dev' | 'prod';

/** Every backing-service sighting in compose files, k8s manifests and .env files, with its side. */
export function sightings(model: ProjectModel): Array<Sighting & { side: Side }> {
  const raw: Array<Sighting & { env: 'dev' | 'prod' | 'unknown' }> = [];
  const envOf = (file: string) => {
    const e = model.environmentOf(file);
    return e === 'test' ? undefined : e;
  };
  for (const f of model.composeFiles()) {
    if (f.isTest) continue;
    const fileEnv = envOf(f.path);
    if (!fileEnv) continue;
    for (const svc of f.facts.services) {
      if (svc.profiles.some((p) => /test/i.test(p))) continue;
      const env = svc.profiles.some((p) => /dev|debug|local/i.test(p)) ? 'dev' : fileEnv;
      if (svc.image && !svc.build) {
        const resolved = substitute(svc.image.value, new Map());
        const e = resolved ? engineOfImage(resolved) : undefined;
        if (e) raw.push({ engine: e.engine, category: e.category, file: f.path, line: svc.image.line, column: svc.image.column, how: `image ${resolved}`, image: { name: e.name, ...(e.tag ? { tag: e.tag } : {}) }, env });
      }
      for (const v of svc.environment) {
        const engine = engineOfEnv(v.name, v.value);
        if (engine) raw.push({ engine, category: 'SQL database', file: f.path, line: v.line, column: v.column, how: `${v.name}=${redactUrl(v.value!)}`, env });
      }
    }
  }
  for (const f of model.k8sFiles()) {
    if (f.isTest) continue;
    const env = envOf(f.path);
    if (!env) continue;
    for (const obj of f.facts.objects) {
      for (const c of obj.pod?.containers ?? []) {
        if (c.image && !/\$\(|\{\{|\$\{/.test(c.image.value)) {
          const e = engineOfImage(c.image.value);
          if (e) raw.push({ engine: e.engine, category: e.category, file: f.path, line: c.image.line, column: c.image.column, how: `image ${c.image.value.trim()}`, image: { name: e.name, ...(e.tag ? { tag: e.tag } : {}) }, env });
        }
        for (const v of c.env) {
          const engine = engineOfEnv(v.name, v.value);
          if (engine) raw.push({ engine, category: 'SQL database', file: f.path, line: v.line, column: v.column, how: `${v.name}=${redactUrl(v.value!)}`, env });
        }
      }
    }
  }
  for (const f of model.ofKind('env')) {
    if (f.isTest || f.facts.isTemplate) continue;
    const env = envOf(f.path);
    if (!env) continue;
    for (const e of f.facts.entries) {
      const engine = engineOfEnv(e.name, e.value);
      if (engine) raw.push({ engine, category: 'SQL database', file: f.path, line: e.line, column: e.column, how: `${e.name}=${redactUrl(e.value)}`, env });
    }
  }
  const hasDev = raw.some((s) => s.env === 'dev');
  const hasProd = raw.some((s) => s.env === 'prod');
  const out: Array<Sighting & { side: Side }> = [];
  for (const { env, ...s } of raw) {
    if (env === 'dev') out.push({ ...s, side: 'dev' });
    else if (env === 'prod') out.push({ ...s, side: 'prod' });
    // Unnamed files stand for the other side only when exactly one side is named.
    else if (hasDev && !hasProd) out.push({ ...s, side: 'prod' });
    else if (hasProd && !hasDev) out.push({ ...s, side: 'dev' });
  }
  return out;
}

/** `postgres://user:pw@host/db` -> `postgres://…@host/db`: credentials never reach a message. */
export function redactUrl(value: string): string {
  return value.replace(/^([a-z0-9+]+:\/\/)[^@/]*@/i, '$1…@');
}
