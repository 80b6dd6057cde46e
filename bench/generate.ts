// A deterministic synthetic monorepo for the benchmark: N services of realistic server code, each
// with its package.json and lockfile, tsconfig, Dockerfile, Kubernetes Deployment + Service, and one
// root compose file. A known share of services (1 in VIOLATING_EVERY, from the second one) carries a violation of
// every factor, so that the rules do their real work (messages, positions, cross-file reasoning).
// The same seed and size give the same bytes on every run and every machine.

import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';

export const VIOLATING_EVERY = 8;

/** mulberry32: small, fast, and the same sequence everywhere (the hostile and secrets tests use it too). */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const ENTITIES = ['user', 'order', 'product', 'invoice', 'payment', 'shipment', 'customer', 'account', 'ticket', 'report', 'review', 'coupon', 'cart', 'session', 'asset', 'tenant'];
const FIELD_TYPES: Array<[string, string, string]> = [
  ['string', "''", 'z.string().min(1)'],
  ['number', '0', 'z.number().int()'],
  ['boolean', 'false', 'z.boolean()'],
  ['Date', 'new Date(0)', 'z.coerce.date()'],
];
const FIELD_NAMES = ['name', 'title', 'email', 'status', 'amount', 'quantity', 'currency', 'createdAt', 'updatedAt', 'ownerId', 'region', 'priority', 'notes', 'score', 'enabled', 'version', 'reference', 'label'];
const BACKINGS = ['postgres', 'redis', 'amqp'] as const;

export interface GeneratedCorpus {
  root: string;
  services: number;
  violating: number;
  files: number;
  bytes: number;
  /** One TS file that the bench edits for the "one file changed" run. */
  editTarget: string;
}

interface Ctx {
  r: () => number;
  pick<T>(list: readonly T[]): T;
  int(lo: number, hi: number): number;
}

function makeCtx(seed: number): Ctx {
  const r = rng(seed);
  return {
    r,
    pick: (list) => list[Math.floor(r() * list.length)]!,
    int: (lo, hi) => lo + Math.floor(r() * (hi - lo + 1)),
  };
}

const cap = (s: string) => s[0]!.toUpperCase() + s.slice(1);

function token(c: Ctx, alphabet: string, n: number): string {
  let s = '';
  for (let i = 0; i < n; i++) s += alphabet[Math.floor(c.r() * alphabet.length)];
  return s;
}
const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

function fields(c: Ctx): Array<{ name: string; type: string; init: string; zod: string }> {
  const n = c.int(4, 9);
  const names = new Set<string>();
  while (names.size < n) names.add(c.pick(FIELD_NAMES));
  return [...names].map((name) => {
    const [type, init, zod] = c.pick(FIELD_TYPES);
    return { name, type, init, zod };
  });
}

function model(c: Ctx, entity: string): string {
  const fs = fields(c);
  const E = cap(entity);
  return `import { z } from 'zod';

export interface ${E} {
  id: string;
${fs.map((f) => `  ${f.name}: ${f.type};`).join('\n')}
}

export const ${E}Schema = z.object({
  id: z.string().uuid(),
${fs.map((f) => `  ${f.name}: ${f.zod},`).join('\n')}
});

export type New${E} = Omit<${E}, 'id'>;

export function empty${E}(id: string): ${E} {
  return {
    id,
${fs.map((f) => `    ${f.name}: ${f.init},`).join('\n')}
  };
}

export function to${E}Row(value: ${E}): Record<string, unknown> {
  const row: Record<string, unknown> = { id: value.id };
${fs.map((f) => `  row['${f.name.replace(/[A-Z]/g, (m) => `_${m.toLowerCase()}`)}'] = value.${f.name};`).join('\n')}
  return row;
}
`;
}

function service(c: Ctx, entity: string): string {
  const E = cap(entity);
  const extra = c.int(1, 4);
  const helpers = Array.from({ length: extra }, (_, i) => `
  async countBy${cap(c.pick(FIELD_NAMES))}${i}(value: unknown): Promise<number> {
    const result = await this.db.query<{ count: string }>('SELECT count(*) AS count FROM ${entity}s WHERE data->>$1 = $2', ['${c.pick(FIELD_NAMES)}', String(value)]);
    this.log.debug({ value, rows: result.rows.length }, 'counted ${entity}s');
    return Number(result.rows[0]?.count ?? 0);
  }`).join('\n');
  return `import type { Pool } from 'pg';
import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import { ${E}Schema, empty${E}, to${E}Row, type ${E}, type New${E} } from '../models/${entity}.js';
import { NotFoundError, ValidationError } from '../utils/errors.js';

export class ${E}Service {
  constructor(
    private readonly db: Pool,
    private readonly log: Logger,
  ) {}

  async get(id: string): Promise<${E}> {
    const result = await this.db.query<${E}>('SELECT * FROM ${entity}s WHERE id = $1', [id]);
    const row = result.rows[0];
    if (!row) throw new NotFoundError('${entity}', id);
    return row;
  }

  async list(limit = 50, offset = 0): Promise<${E}[]> {
    const result = await this.db.query<${E}>('SELECT * FROM ${entity}s ORDER BY id LIMIT $1 OFFSET $2', [limit, offset]);
    return result.rows;
  }

  async create(input: New${E}): Promise<${E}> {
    const candidate = { ...empty${E}(randomUUID()), ...input };
    const parsed = ${E}Schema.safeParse(candidate);
    if (!parsed.success) throw new ValidationError(parsed.error.issues.map((i) => i.message).join('; '));
    const row = to${E}Row(candidate);
    const keys = Object.keys(row);
    await this.db.query(\`INSERT INTO ${entity}s (\${keys.join(', ')}) VALUES (\${keys.map((_, i) => '$' + (i + 1)).join(', ')})\`, Object.values(row));
    this.log.info({ id: candidate.id }, '${entity} created');
    return candidate;
  }

  async remove(id: string): Promise<void> {
    const result = await this.db.query('DELETE FROM ${entity}s WHERE id = $1', [id]);
    if (result.rowCount === 0) throw new NotFoundError('${entity}', id);
  }
${helpers}
}
`;
}

function route(c: Ctx, entity: string): string {
  const E = cap(entity);
  return `import { Router, type Request, type Response, type NextFunction } from 'express';
import type { ${E}Service } from '../services/${entity}-service.js';
import { requireAuth } from '../middleware/auth.js';
import { parsePaging } from '../utils/validation.js';

export function ${entity}Routes(service: ${E}Service): Router {
  const router = Router();
  router.use(requireAuth);

  router.get('/', async (req: Request, res: Response, next: NextFunction) => {
    try {
      const { limit, offset } = parsePaging(req.query);
      res.json(await service.list(limit, offset));
    } catch (err) {
      next(err);
    }
  });

  router.get('/:id', async (req, res, next) => {
    try {
      res.json(await service.get(req.params.id));
    } catch (err) {
      next(err);
    }
  });

  router.post('/', async (req, res, next) => {
    try {
      const created = await service.create(req.body);
      res.status(201).location(\`/${entity}s/\${created.id}\`).json(created);
    } catch (err) {
      next(err);
    }
  });

  router.delete('/:id', async (req, res, next) => {
    try {
      await service.remove(req.params.id);
      res.status(204).end();
    } catch (err) {
      next(err);
    }
  });
${c.r() < 0.5 ? `
  router.get('/:id/history', async (req, res) => {
    const items = await service.list(${c.int(10, 100)}, 0);
    res.json(items.filter((item) => item.id === req.params.id));
  });
` : ''}
  return router;
}
`;
}

interface Service {
  name: string;
  dir: string;
  violating: boolean;
  entities: string[];
  port: number;
  backing: (typeof BACKINGS)[number];
}

function files(c: Ctx, s: Service, all: Service[]): Record<string, string> {
  const v = s.violating;
  const out: Record<string, string> = {};
  const [e1, e2, e3] = s.entities as [string, string, string];
  const secretToken = `ghp_${token(c, ALNUM, 36)}`;
  const dbPassword = token(c, ALNUM, 24);

  out['src/config.ts'] = `// Configuration comes from the environment only.
import { z } from 'zod';

const Env = z.object({
  PORT: z.coerce.number().default(${s.port}),
  DATABASE_URL: z.string().url(),
  REDIS_URL: z.string().url().optional(),
  LOG_LEVEL: z.enum(['debug', 'info', 'warn', 'error']).default('info'),
  SHUTDOWN_TIMEOUT_MS: z.coerce.number().default(10000),
});

export type Config = z.infer<typeof Env>;

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = Env.safeParse(env);
  if (!parsed.success) throw new Error(\`invalid configuration: \${parsed.error.message}\`);
  return parsed.data;
}

export const port = Number(process.env.PORT ?? ${s.port});
export const databaseUrl = process.env.DATABASE_URL;
${v ? `export const githubToken = '${secretToken}';\nexport const jwtSecret = process.env.JWT_SECRET || 'changeme';\n` : `export const githubToken = process.env.GITHUB_TOKEN;\n`}`;

  out['src/logger.ts'] = v
    ? `import winston from 'winston';
import fs from 'node:fs';

export const logger = winston.createLogger({
  level: process.env.LOG_LEVEL ?? 'info',
  transports: [new winston.transports.File({ filename: '/var/log/${s.name}/app.log' })],
});

export const audit = fs.createWriteStream('/var/log/${s.name}/audit.log', { flags: 'a' });
`
    : `import pino from 'pino';

export const logger = pino({ level: process.env.LOG_LEVEL ?? 'info', base: { service: '${s.name}' } });
`;

  out['src/db.ts'] = `import { Pool } from 'pg';
${v ? `\nexport const pool = new Pool({ connectionString: 'postgres://admin:${dbPassword}@localhost:5432/${s.name}' });\n` : `\nexport const pool = new Pool({ connectionString: process.env.DATABASE_URL, max: ${c.int(5, 20)} });\n`}
export async function ping(): Promise<boolean> {
  const result = await pool.query('SELECT 1 AS ok');
  return result.rows[0]?.ok === 1;
}

export async function closeDb(): Promise<void> {
  await pool.end();
}
`;

  out['src/cache.ts'] = `import { createClient } from 'redis';
${v ? `\nconst sessions = new Map<string, unknown>();\nexport function remember(id: string, value: unknown): void {\n  sessions.set(id, value);\n}\n` : ''}
export const cache = createClient({ url: process.env.REDIS_URL });

export async function cached<T>(key: string, ttlSeconds: number, load: () => Promise<T>): Promise<T> {
  const hit = await cache.get(key);
  if (hit) return JSON.parse(hit) as T;
  const value = await load();
  await cache.set(key, JSON.stringify(value), { EX: ttlSeconds });
  return value;
}
`;

  out['src/shutdown.ts'] = `import type { Server } from 'node:http';
import { logger } from './logger.js';
import { closeDb } from './db.js';

export function installShutdown(server: Server, timeoutMs: number): void {
  const stop = (signal: string) => {
    logger.info({ signal }, 'shutting down');
    server.close(async () => {
      await closeDb();
      process.exit(0);
    });
    setTimeout(() => process.exit(1), timeoutMs).unref();
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
}
`;

  out['src/app.ts'] = `import express from 'express';
${v ? "import session from 'express-session';\n" : ''}import { pool } from './db.js';
import { logger } from './logger.js';
import { errorHandler } from './middleware/error-handler.js';
import { healthRoutes } from './routes/health.js';
${s.entities.map((e) => `import { ${e}Routes } from './routes/${e}s.js';\nimport { ${cap(e)}Service } from './services/${e}-service.js';`).join('\n')}

export function createApp(): express.Express {
  const app = express();
  app.disable('x-powered-by');
  app.use(express.json({ limit: '1mb' }));
${v ? "  app.use(session({ secret: process.env.SESSION_SECRET ?? '', resave: false, saveUninitialized: false }));\n" : ''}  app.use('/health', healthRoutes());
${s.entities.map((e) => `  app.use('/${e}s', ${e}Routes(new ${cap(e)}Service(pool, logger)));`).join('\n')}
  app.use(errorHandler);
  return app;
}
`;

  out['src/index.ts'] = v
    ? `import { writeFileSync } from 'node:fs';
import { createApp } from './app.js';
import { logger } from './logger.js';
import { sequelize } from './migrations/001-init.js';
${all[0] && all[0] !== s ? `import { helper } from '../../${all[0].name}/src/utils/validation.js';\n` : ''}
writeFileSync('/var/run/${s.name}.pid', String(process.pid));
if (process.env.NODE_ENV === 'development') logger.info('using sqlite');
await sequelize.sync({ alter: true });
const server = createApp().listen(${s.port}, () => logger.info('listening on ${s.port}'));
process.on('SIGINT', () => server.close());
`
    : `import { createApp } from './app.js';
import { loadConfig } from './config.js';
import { logger } from './logger.js';
import { installShutdown } from './shutdown.js';

async function main(): Promise<void> {
  const config = loadConfig();
  const server = createApp().listen(config.PORT, () => logger.info({ port: config.PORT }, 'listening'));
  installShutdown(server, config.SHUTDOWN_TIMEOUT_MS);
}

main().catch((err) => {
  logger.fatal(err, 'failed to start');
  process.exit(1);
});
`;

  out['src/worker.ts'] = `import amqp from 'amqplib';
import { logger } from './logger.js';
${v ? '' : "import { installWorkerShutdown } from './worker-shutdown.js';\n"}
const QUEUE = '${s.name}.jobs';

export async function startWorker(): Promise<void> {
  const connection = await amqp.connect(process.env.AMQP_URL ?? 'amqp://rabbitmq');
  const channel = await connection.createChannel();
  await channel.assertQueue(QUEUE, { durable: true });
  await channel.prefetch(${c.int(1, 16)});
  await channel.consume(QUEUE, async (message) => {
    if (!message) return;
    try {
      const job = JSON.parse(message.content.toString()) as { kind: string; id: string };
      logger.info({ job }, 'processing job');
      channel.ack(message);
    } catch (err) {
      logger.error({ err }, 'job failed');
      channel.nack(message, false, false);
    }
  }${v ? ', { noAck: true }' : ''});
${v ? '' : '  installWorkerShutdown(async () => {\n    await channel.close();\n    await connection.close();\n  });\n'}}

startWorker().catch((err) => {
  logger.error({ err }, 'worker failed');
  process.exit(1);
});
`;
  out['src/worker-shutdown.ts'] = `export function installWorkerShutdown(close: () => Promise<void>): void {
  process.once('SIGTERM', () => {
    close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  });
}
`;

  out['src/migrations/001-init.ts'] = `import { Sequelize, DataTypes } from 'sequelize';

export const sequelize = new Sequelize(process.env.DATABASE_URL ?? '', { logging: false });

export async function up(): Promise<void> {
  const qi = sequelize.getQueryInterface();
${s.entities.map((e) => `  await qi.createTable('${e}s', {
    id: { type: DataTypes.UUID, primaryKey: true },
    data: { type: DataTypes.JSONB, allowNull: false },
    created_at: { type: DataTypes.DATE, allowNull: false },
  });`).join('\n')}
}

export async function down(): Promise<void> {
  const qi = sequelize.getQueryInterface();
${s.entities.map((e) => `  await qi.dropTable('${e}s');`).join('\n')}
}
`;

  out['src/middleware/auth.ts'] = `import type { Request, Response, NextFunction } from 'express';
import { createHmac, timingSafeEqual } from 'node:crypto';

function sign(payload: string): string {
  return createHmac('sha256', process.env.AUTH_SIGNING_KEY ?? '').update(payload).digest('hex');
}

export function requireAuth(req: Request, res: Response, next: NextFunction): void {
  const header = req.header('authorization') ?? '';
  const [scheme, value] = header.split(' ');
  if (scheme !== 'Bearer' || !value) {
    res.status(401).json({ error: 'unauthorized' });
    return;
  }
  const [payload, signature] = value.split('.');
  if (!payload || !signature) {
    res.status(401).json({ error: 'malformed token' });
    return;
  }
  const expected = Buffer.from(sign(payload));
  const given = Buffer.from(signature);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) {
    res.status(401).json({ error: 'bad signature' });
    return;
  }
  next();
}
`;
  out['src/middleware/error-handler.ts'] = `import type { Request, Response, NextFunction } from 'express';
import { logger } from '../logger.js';
import { NotFoundError, ValidationError } from '../utils/errors.js';

export function errorHandler(err: unknown, req: Request, res: Response, _next: NextFunction): void {
  if (err instanceof NotFoundError) {
    res.status(404).json({ error: err.message });
    return;
  }
  if (err instanceof ValidationError) {
    res.status(400).json({ error: err.message });
    return;
  }
  logger.error({ err, path: req.path }, 'unhandled error');
  res.status(500).json({ error: 'internal error' });
}
`;
  out['src/utils/errors.ts'] = `export class NotFoundError extends Error {
  constructor(kind: string, id: string) {
    super(\`\${kind} \${id} not found\`);
  }
}

export class ValidationError extends Error {}
`;
  out['src/utils/validation.ts'] = `export interface Paging {
  limit: number;
  offset: number;
}

export const helper = true;

export function parsePaging(query: Record<string, unknown>): Paging {
  const limit = Math.min(Math.max(Number(query.limit ?? ${c.int(10, 50)}), 1), ${c.int(100, 500)});
  const offset = Math.max(Number(query.offset ?? 0), 0);
  return { limit: Number.isFinite(limit) ? limit : 50, offset: Number.isFinite(offset) ? offset : 0 };
}

export function isUuid(value: string): boolean {
  return /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(value);
}
`;
  out['src/routes/health.ts'] = `import { Router } from 'express';
import { ping } from '../db.js';

export function healthRoutes(): Router {
  const router = Router();
  router.get('/live', (_req, res) => res.json({ ok: true }));
  router.get('/ready', async (_req, res) => {
    const ok = await ping().catch(() => false);
    res.status(ok ? 200 : 503).json({ ok });
  });
  return router;
}
`;
  for (const e of s.entities) {
    out[`src/models/${e}.ts`] = model(c, e);
    out[`src/services/${e}-service.ts`] = service(c, e);
    out[`src/routes/${e}s.ts`] = route(c, e);
  }
  out['src/services/email-service.ts'] = `import nodemailer from 'nodemailer';

const transport = nodemailer.createTransport({ host: process.env.SMTP_HOST, port: Number(process.env.SMTP_PORT ?? 587) });

export async function sendWelcome(to: string, name: string): Promise<void> {
  await transport.sendMail({ from: 'no-reply@example.com', to, subject: 'Welcome', text: \`Hello \${name}\` });
}
`;
  for (const e of [e1, e2]) {
    out[`test/${e}s.test.ts`] = `import { describe, expect, it } from 'vitest';
import { empty${cap(e)} } from '../src/models/${e}.js';

describe('${e}s', () => {
  it('creates an empty ${e}', () => {
    expect(empty${cap(e)}('id-1').id).toBe('id-1');
  });
  it('keeps the id stable', () => {
    const a = empty${cap(e)}('a');
    expect({ ...a }).toEqual(a);
  });
});
`;
  }
  void e3;

  const deps: Record<string, string> = { express: '4.21.2', pg: '8.13.1', pino: '9.5.0', zod: '3.24.1', redis: '4.7.0', amqplib: '0.10.5', sequelize: '6.37.5', nodemailer: '6.9.16' };
  if (v) {
    deps['winston'] = '3.17.0';
    deps['express-session'] = '1.18.1';
  }
  const devDeps = { typescript: '5.7.2', vitest: '2.1.8', '@types/express': '5.0.0', '@types/node': '22.10.2' };
  out['package.json'] = `${JSON.stringify(
    {
      name: `@corp/${s.name}`,
      version: `1.${c.int(0, 40)}.${c.int(0, 9)}`,
      private: true,
      type: 'module',
      main: 'dist/index.js',
      scripts: { build: 'tsc -p tsconfig.json', start: v ? 'nodemon src/index.ts' : 'node dist/index.js', test: 'vitest run', worker: 'node dist/worker.js' },
      dependencies: deps,
      devDependencies: devDeps,
    },
    null,
    2,
  )}\n`;
  if (!v) {
    const packages: Record<string, unknown> = { '': { name: `@corp/${s.name}`, dependencies: deps, devDependencies: devDeps } };
    for (const [name, version] of [...Object.entries(deps), ...Object.entries(devDeps)]) {
      packages[`node_modules/${name}`] = { version, resolved: `https://registry.npmjs.org/${name}/-/${name.replace(/^@[^/]+\//, '')}-${version}.tgz`, integrity: `sha512-${token(c, ALNUM, 86)}==` };
    }
    out['package-lock.json'] = `${JSON.stringify({ name: `@corp/${s.name}`, lockfileVersion: 3, requires: true, packages }, null, 2)}\n`;
  }
  out['tsconfig.json'] = `${JSON.stringify({ extends: '../../tsconfig.base.json', compilerOptions: { outDir: 'dist', rootDir: 'src' }, include: ['src'] }, null, 2)}\n`;
  out['Dockerfile'] = v
    ? `FROM node:latest
WORKDIR /app
ENV NPM_TOKEN=${token(c, ALNUM, 32)}
COPY . .
RUN npm install
EXPOSE ${s.port}
CMD npm start
`
    : `FROM node:22.12.0-alpine AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci
COPY . .
RUN npm run build

FROM node:22.12.0-alpine
WORKDIR /app
ENV NODE_ENV=production
COPY package.json package-lock.json ./
RUN npm ci --omit=dev
COPY --from=build /app/dist ./dist
USER node
EXPOSE ${s.port}
CMD ["node", "dist/index.js"]
`;
  out['k8s/deployment.yaml'] = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: ${s.name}
  labels:
    app: ${s.name}
spec:
  replicas: ${c.int(2, 6)}
  selector:
    matchLabels:
      app: ${s.name}
  template:
    metadata:
      labels:
        app: ${s.name}
    spec:
${v ? '      terminationGracePeriodSeconds: 0\n' : '      terminationGracePeriodSeconds: 30\n'}      containers:
        - name: ${s.name}
          image: ${v ? `registry.example.com/${s.name}` : `registry.example.com/${s.name}:1.${c.int(0, 40)}.0`}
          ports:
            - containerPort: ${s.port}
          env:
            - name: PORT
              value: "${s.port}"
            - name: DATABASE_URL
              valueFrom:
                secretKeyRef:
                  name: ${s.name}-db
                  key: url
${v ? `            - name: API_TOKEN\n              value: "${token(c, ALNUM, 40)}"\n` : ''}${v ? '' : `          readinessProbe:
            httpGet:
              path: /health/ready
              port: ${s.port}
          livenessProbe:
            httpGet:
              path: /health/live
              port: ${s.port}
`}          resources:
            requests:
              cpu: ${c.int(50, 500)}m
              memory: ${c.int(64, 512)}Mi
---
apiVersion: v1
kind: Service
metadata:
  name: ${s.name}
spec:
${v ? '  sessionAffinity: ClientIP\n' : ''}  selector:
    app: ${s.name}
  ports:
    - port: 80
      targetPort: ${s.port}
`;
  return out;
}

export function generate(root: string, services: number, seed = 12): GeneratedCorpus {
  const c = makeCtx(seed * 1_000_003 + services);
  const list: Service[] = [];
  for (let i = 0; i < services; i++) {
    const entities = new Set<string>();
    while (entities.size < 3) entities.add(c.pick(ENTITIES));
    const name = `svc-${String(i).padStart(4, '0')}`;
    list.push({ name, dir: `services/${name}`, violating: i % VIOLATING_EVERY === 1, entities: [...entities], port: 3000 + i, backing: c.pick(BACKINGS) });
  }
  let files = 0;
  let bytes = 0;
  const write = (rel: string, text: string) => {
    const abs = path.join(root, rel);
    mkdirSync(path.dirname(abs), { recursive: true });
    writeFileSync(abs, text);
    files++;
    bytes += Buffer.byteLength(text);
  };
  write('package.json', `${JSON.stringify({ name: 'corp-monorepo', private: true, workspaces: ['services/*'] }, null, 2)}\n`);
  write('package-lock.json', `${JSON.stringify({ name: 'corp-monorepo', lockfileVersion: 3, requires: true, packages: { '': { name: 'corp-monorepo', workspaces: ['services/*'] } } }, null, 2)}\n`);
  write('tsconfig.base.json', `${JSON.stringify({ compilerOptions: { target: 'ES2022', module: 'NodeNext', strict: true } }, null, 2)}\n`);
  write('.gitignore', 'node_modules\ndist\n');
  for (const s of list) {
    const sc = makeCtx(seed * 7919 + services * 31 + Number(s.name.slice(4)));
    for (const [rel, text] of Object.entries(files_(sc, s, list))) write(`${s.dir}/${rel}`, text);
  }
  const compose = ['services:'];
  for (const s of list) {
    compose.push(`  ${s.name}:`);
    compose.push(`    build: ./${s.dir}`);
    compose.push(`    image: registry.example.com/${s.name}:${s.violating ? 'latest' : '1.0.0'}`);
    compose.push('    environment:');
    compose.push(`      PORT: "${s.port}"`);
    compose.push(`      DATABASE_URL: ${s.violating ? `postgres://app:${token(c, ALNUM, 20)}@db:5432/app` : '${DATABASE_URL}'}`);
    compose.push('    ports:');
    compose.push(`      - "${s.port}:${s.port}"`);
    if (s.violating) compose.push('    volumes:', `      - ./${s.dir}:/app`);
  }
  compose.push('  db:', '    image: postgres:16.4-alpine', '    environment:', '      POSTGRES_PASSWORD: ${POSTGRES_PASSWORD}');
  write('docker-compose.yml', `${compose.join('\n')}\n`);
  const first = list[0];
  return {
    root,
    services,
    violating: list.filter((s) => s.violating).length,
    files,
    bytes,
    editTarget: first ? `${first.dir}/src/utils/validation.ts` : 'package.json',
  };
}

// Named apart so that `files` (the count) and the per-service file map do not shadow each other.
const files_ = files;
