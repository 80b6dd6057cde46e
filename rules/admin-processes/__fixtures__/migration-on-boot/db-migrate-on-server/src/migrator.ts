import dbMigrate from 'db-migrate';

const { getInstance } = dbMigrate;

export async function migrateDb(): Promise<void> {
  const dbm = getInstance(true, { cwd: __dirname, env: 'production' });
  await dbm.up();
}
