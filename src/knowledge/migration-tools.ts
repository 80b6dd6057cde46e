// What the code base knows about schema migration tools: the CLI commands that change a schema,
// and the modules whose calls do. admin-processes/migration-on-boot (and release-mismatch, which
// recognises migration jobs) read these tables through src/model/admin-facts.ts; adding a tool is
// one entry here and one example in migration-tools.test.ts.

export interface MigrationCli {
  tool: string;
  /** The command words that change the schema (no flags). */
  command: RegExp;
  why: string;
}

export const MIGRATION_CLIS: MigrationCli[] = [
  { tool: 'prisma', command: /\bprisma\s+(migrate\s+(deploy|dev|reset)|db\s+push)\b/, why: 'applies migrations or pushes the schema to the database' },
  { tool: 'knex', command: /\bknex\s+migrate:(latest|up)\b/, why: 'runs pending knex migrations' },
  { tool: 'knex-migrate', command: /\bknex-migrate\s+(up|redo)\b/, why: 'runs pending knex migrations through knex-migrate' },
  { tool: 'sequelize', command: /\bsequelize(-cli)?\s+db:migrate\b/, why: 'runs pending Sequelize migrations' },
  { tool: 'typeorm', command: /\btypeorm(-ts-node-\w+)?\s+(migration:run|schema:sync)\b/, why: 'runs TypeORM migrations or syncs the schema' },
  { tool: 'node-pg-migrate', command: /\bnode-pg-migrate\s+up\b/, why: 'runs pending node-pg-migrate migrations' },
  { tool: 'db-migrate', command: /\bdb-migrate\s+up\b/, why: 'runs pending db-migrate migrations' },
  { tool: 'drizzle-kit', command: /\bdrizzle-kit\s+(push|migrate)\b/, why: 'pushes the Drizzle schema or applies its migrations' },
  { tool: 'mikro-orm', command: /\bmikro-orm\s+(migration:up|schema:update)\b/, why: 'runs MikroORM migrations or updates the schema' },
];

/** A shell command line that changes the schema: one alternation of every CLI above. */
export const MIGRATION_COMMAND = new RegExp(MIGRATION_CLIS.map((c) => c.command.source).join('|'));

/** Modules whose imported function runs migrations when called (`import migrate from 'node-pg-migrate'; migrate(...)`). */
export const MIGRATION_MODULES: Array<{ module: RegExp; api: string; why: string }> = [
  { module: /^node-pg-migrate$/, api: 'node-pg-migrate run', why: 'the default export runs migrations' },
  { module: /^postgres-migrations$/, api: 'postgres-migrations migrate()', why: 'migrate() applies the SQL migrations folder' },
  { module: /^drizzle-orm\/.*migrator$/, api: 'drizzle migrate()', why: "the dialect's migrator applies pending migrations" },
];

/**
 * Modules that hand out a migrator instance whose methods run migrations:
 * `const dbm = require('db-migrate').getInstance(true, opts); dbm.up()`.
 */
export const MIGRATOR_FACTORIES: Array<{ module: RegExp; factory: string; methods: string[]; api: string; why: string }> = [
  { module: /^db-migrate$/, factory: 'getInstance', methods: ['up', 'sync'], api: 'db-migrate up()', why: 'getInstance() returns the migrator; up() and sync() apply migrations' },
];

/**
 * knex: `<instance>.migrate.latest()`/`.up()` on any knex instance, whatever its dialect class or
 * name (`knex({ client: 'pg' })`, `Knex({ client: ClientPgLite })`, `db.migrate.latest()`).
 */
export const KNEX_MIGRATE_METHODS = ['latest', 'up'];
