import { afterEach, describe, expect, it } from 'vitest';
import { MIGRATION_CLIS, MIGRATION_MODULES, MIGRATOR_FACTORIES } from '../knowledge/migration-tools.js';
import { factsOf } from '../testing/knowledge-probe.js';
import { MIGRATION_TEXT } from './admin-facts.js';
import { setFactTextGatesEnabled } from './fact-gates.js';

afterEach(() => setFactTextGatesEnabled(true));

describe('MIGRATION_TEXT covers every name a schema change is found by', () => {
  it('the tables: CLI words, modules, factories', () => {
    // Each command pattern starts with its tool's word, each module pattern spells its module.
    for (const cli of MIGRATION_CLIS) expect(MIGRATION_TEXT.test(cli.command.source), cli.tool).toBe(true);
    for (const m of MIGRATION_MODULES) expect(MIGRATION_TEXT.test(m.module.source), m.api).toBe(true);
    for (const f of MIGRATOR_FACTORIES) {
      expect(MIGRATION_TEXT.test(f.module.source), f.api).toBe(true);
      expect(MIGRATION_TEXT.test(f.factory), f.api).toBe(true);
    }
  });
  it('the methods, receivers and TypeORM keys admin-facts.ts names', () => {
    for (const t of ['db.sync({ force: true })', 'knex.migrate.latest()', 'runMigrations()', 'runPendingMigrations()', 'orm.getMigrator().up()', 'umzug.up()', 'migrator.up()', 'migrations.up()', 'new Umzug({})', '{ synchronize: true }', '{ migrationsRun: true }']) {
      expect(MIGRATION_TEXT.test(t), t).toBe(true);
    }
    // `async` is everywhere: only `sync` as a word counts.
    expect(MIGRATION_TEXT.test('export async function handler() { return readFileSync(p); }')).toBe(false);
  });
});

/** Snippets whose facts come from the gated collectors, and near misses. */
const SNIPPETS: Record<string, string> = {
  'zod env schema': `import { z } from 'zod';\nconst Env = z.object({ PORT: z.coerce.number().default(3000), DATABASE_URL: z.string() });\nexport const env = Env.parse(process.env);`,
  'zod payload schema, no env': `import { z } from 'zod';\nexport const User = z.object({ ID: z.string() });`,
  'joi validation schema': `import * as Joi from 'joi';\nexport const config = { validationSchema: Joi.object({ REDIS_URL: Joi.string().required() }) };`,
  'envalid': `const { cleanEnv, str, port } = require('envalid');\nexport const env = cleanEnv(process.env, { API_KEY: str(), PORT: port({ default: 8080 }) });`,
  'convict': `import convict from 'convict';\nexport const conf = convict({ db: { env: 'DB_HOST', default: 'localhost' } });`,
  't3-env': `import { createEnv } from '@t3-oss/env-core';\nimport { z } from 'zod';\nexport const env = createEnv({ server: { SECRET: z.string() }, runtimeEnv: { SECRET: process.env.SECRET } });`,
  'class-validator': `import { IsString, IsOptional } from 'class-validator';\nexport class EnvironmentVariables { @IsString() API_URL: string; @IsOptional() @IsString() LOG_LEVEL?: string; }`,
  'define keys': `export default { define: { 'process.env.API_URL': JSON.stringify('x'), "import.meta.env.MODE": '"prod"' } };`,
  'console logs and a fork': `import { fork } from 'node:child_process';\nimport path from 'node:path';\nconsole.log('started ' + name);\nconsole.info(JSON.stringify({ a: 1 }));\nfork(path.join(__dirname, 'workers', 'job.js'));`,
  'migration on boot': `import { DataSource } from 'typeorm';\nconst ds = new DataSource({ type: 'postgres', synchronize: true, migrationsRun: process.env.RUN_MIGRATIONS === '1' });\nawait ds.runMigrations();`,
  'sequelize sync and a CLI in a child': `const { execSync } = require('child_process');\nexecSync('npx prisma migrate deploy');\nawait db.sync({ alter: true });`,
  'env reads': `const port = Number(process.env.PORT ?? 3000);\nconst key = process.env['API_KEY'];\nspawn('node', ['x.js'], { env: { ...process.env } });`,
  'SIGTERM through a variable': `const signal = 'SIGTERM';\nprocess.on(signal, () => server.close());`,
  'fatal handler': `process.on('uncaughtException', (err) => { console.error(err); });`,
  'none of them': `export async function handler(req: Request) { const body = await req.json(); return new Response(String(body.id)); }`,
};

describe('the collectors give the same facts with and without their text gates', () => {
  for (const [name, text] of Object.entries(SNIPPETS)) {
    it(name, () => {
      const gated = factsOf(text);
      setFactTextGatesEnabled(false);
      const ungated = factsOf(text);
      expect(gated).toEqual(ungated);
    });
  }
  it('the snippets do give the facts the gates guard', () => {
    expect(factsOf(SNIPPETS['zod env schema']!).envReads.some((r) => r.name === 'DATABASE_URL' && r.schema === 'zod')).toBe(true);
    expect(factsOf(SNIPPETS['env reads']!).envReads.map((r) => r.name)).toEqual(['PORT', 'API_KEY']);
    expect(factsOf(SNIPPETS['env reads']!).envOpaque).toBe(true);
    expect(factsOf(SNIPPETS['SIGTERM through a variable']!).signalHandlers.map((h) => h.signal)).toEqual(['SIGTERM']);
    expect(factsOf(SNIPPETS['define keys']!).envProvided?.map((p) => p.name)).toEqual(['API_URL', 'MODE']);
    expect(factsOf(SNIPPETS['console logs and a fork']!).consoleLogs.count).toBe(2);
    expect(factsOf(SNIPPETS['console logs and a fork']!).forkedScripts).toHaveLength(1);
    expect(factsOf(SNIPPETS['migration on boot']!).migrationCalls.length).toBeGreaterThan(0);
    expect(factsOf(SNIPPETS['sequelize sync and a CLI in a child']!).migrationCalls.map((c) => c.api)).toEqual(['`prisma migrate deploy` in a child process', 'Sequelize sync() with alter']);
  });
});
