import rule from './migration-on-boot.js';
import { ruleTester } from '../../src/testing/rule-tester.js';

ruleTester(rule, {
  valid: ['migration-as-release-step', 'dev-only-sync', 'db-migrate-check-only'],
  invalid: [
    {
      fixture: 'sequelize-sync-on-server',
      errors: [{ file: 'src/db.js', line: 7, column: 9, severity: 'warning', message: 'Sequelize sync() with alter changes the schema when the service boots (it is imported on the start path of src/server.js)' }],
    },
    {
      fixture: 'prisma-deploy-in-cmd',
      errors: [{ file: 'Dockerfile', line: 6, message: '`prisma migrate deploy` runs in the start command before `node dist/server.js` (Dockerfile CMD' }],
    },
    {
      fixture: 'knex-behind-flag',
      errors: [{ file: 'server.js', line: 6, severity: 'info', message: 'gated by RUN_MIGRATIONS' }],
    },
    {
      fixture: 'db-migrate-on-server',
      errors: [{ file: 'src/migrator.ts', line: 7, message: 'db-migrate up() changes the schema when the service boots (it is imported on the start path of src/server.ts)' }],
    },
    {
      fixture: 'typeorm-options',
      errors: [
        { file: 'src/data-source.ts', line: 8, message: 'TypeORM synchronize: true' },
        { file: 'src/data-source.ts', line: 9, message: 'TypeORM migrationsRun: true' },
      ],
    },
    {
      fixture: 'migration-script-in-procfile',
      errors: [{ file: 'scripts/migrate.js', line: 11, message: 'umzug up() runs in the start command before `node server.js` (Procfile web' }],
    },
    {
      fixture: 'forked-script-with-lock',
      errors: [{ file: 'src/scripts/migrate.js', line: 5, severity: 'info', message: 'migrations up() changes the schema when the service boots (src/index.js:6 forks src/scripts/migrate.js on the start path of src/index.js). A lock (lock.acquire)' }],
    },
  ],
});
