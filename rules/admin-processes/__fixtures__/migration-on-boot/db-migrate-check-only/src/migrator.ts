import dbMigrate from 'db-migrate';

const { getInstance } = dbMigrate;

// Only asks whether migrations are pending; a release job applies them.
export async function requiresMigration(): Promise<boolean> {
  const dbm = getInstance(true, { cwd: __dirname, env: 'production' });
  const pending = await dbm.check();
  return pending.length > 0;
}
