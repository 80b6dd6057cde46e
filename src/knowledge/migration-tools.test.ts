import { describe, expect, it } from 'vitest';
import { MIGRATION_CLIS, MIGRATION_COMMAND, MIGRATION_MODULES, MIGRATOR_FACTORIES, KNEX_MIGRATE_METHODS } from './migration-tools.js';
import { factsOf } from '../testing/knowledge-probe.js';

const CLI_EXAMPLES: Record<string, string> = {
  prisma: 'npx prisma migrate deploy',
  knex: 'knex migrate:latest --knexfile dist/knexfile.js',
  'knex-migrate': 'knex-migrate up',
  sequelize: 'npx sequelize-cli db:migrate',
  typeorm: 'typeorm-ts-node-commonjs migration:run -d src/data-source.ts',
  'node-pg-migrate': 'node-pg-migrate up',
  'db-migrate': 'db-migrate up --env prod',
  'drizzle-kit': 'drizzle-kit migrate',
  'mikro-orm': 'mikro-orm migration:up',
};

/** Commands that name the tool but do not change the schema. */
const NOT_MIGRATING = ['prisma generate', 'knex migrate:make add_users', 'sequelize-cli migration:generate --name x', 'db-migrate create add-users', 'drizzle-kit generate', 'typeorm migration:generate'];

describe('migration CLIs', () => {
  for (const cli of MIGRATION_CLIS) {
    it(`${cli.tool}: ${cli.why}`, () => {
      expect(CLI_EXAMPLES[cli.tool], `an example for ${cli.tool}`).toBeDefined();
      expect(MIGRATION_COMMAND.test(CLI_EXAMPLES[cli.tool]!)).toBe(true);
    });
  }
  it('generating or creating a migration is not running one', () => {
    for (const c of NOT_MIGRATING) expect(MIGRATION_COMMAND.test(c), c).toBe(false);
  });
});

const CODE_EXAMPLES: Record<string, string> = {
  'node-pg-migrate run': `import migrate from 'node-pg-migrate';\nawait migrate({ databaseUrl, dir: 'migrations', direction: 'up' });`,
  'postgres-migrations migrate()': `import { migrate } from 'postgres-migrations';\nawait migrate({ client }, 'migrations');`,
  'drizzle migrate()': `import { migrate } from 'drizzle-orm/node-postgres/migrator';\nawait migrate(db, { migrationsFolder: 'drizzle' });`,
  'db-migrate up()': `import dbMigrate from 'db-migrate';\nconst { getInstance } = dbMigrate;\nexport async function migrateDb() {\n  const dbm = getInstance(true, { env: 'custom' });\n  return dbm.up();\n}`,
};

describe('migrations run from code', () => {
  for (const m of [...MIGRATION_MODULES, ...MIGRATOR_FACTORIES]) {
    it(`${m.api}: ${m.why}`, () => {
      expect(CODE_EXAMPLES[m.api], `an example for ${m.api}`).toBeDefined();
      expect(factsOf(CODE_EXAMPLES[m.api]!).migrationCalls.map((c) => c.api)).toEqual([m.api]);
    });
  }
  it('db-migrate chained, and its check() (no change) is not a migration', () => {
    expect(factsOf(`require('db-migrate').getInstance(true).up();`).migrationCalls.map((c) => c.api)).toEqual(['db-migrate up()']);
    expect(factsOf(`import dbMigrate from 'db-migrate';\nconst dbm = dbMigrate.getInstance(true);\nawait dbm.check();`).migrationCalls).toEqual([]);
    // getInstance of something else.
    expect(factsOf(`import { getInstance } from './registry';\nconst r = getInstance();\nr.up();`).migrationCalls).toEqual([]);
  });
  it('knex: any instance name and dialect', () => {
    for (const method of KNEX_MIGRATE_METHODS) {
      expect(factsOf(`import Knex from 'knex';\nimport ClientPgLite from 'knex-pglite';\nconst pglite = Knex({ client: ClientPgLite });\nawait pglite.migrate.${method}();`).migrationCalls.map((c) => c.api)).toEqual([`knex migrate.${method}()`]);
    }
    expect(factsOf(`await db.migrate.rollback();`).migrationCalls).toEqual([]);
  });
  it('a migration CLI run through promisify-child-process or execa', () => {
    expect(factsOf(`const { exec } = require('promisify-child-process');\nawait exec('npx prisma migrate deploy');`).migrationCalls.map((c) => c.api)).toEqual(['`prisma migrate deploy` in a child process']);
    expect(factsOf(`import { execa } from 'execa';\nawait execa('db-migrate', ['up']);`).migrationCalls.map((c) => c.api)).toEqual(['`db-migrate up` in a child process']);
  });
});
