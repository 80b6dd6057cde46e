import rule from './migration-on-boot.js';
import { ruleTester } from '../../src/testing/rule-tester.js';

ruleTester(rule, {
  // script-copied-unused: the migrating entry script is copied into the image, but CMD runs node.
  // workspace-library-migrate-method: the server imports a workspace library whose migrate() method only a one-off script calls.
  valid: ['migration-as-release-step', 'dev-only-sync', 'db-migrate-check-only', 'script-copied-unused', 'workspace-library-migrate-method'],
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
      // ENTRYPOINT names boot.sh, found on PATH where COPY put scripts/boot.sh; the finding lists the chain and the server.
      fixture: 'script-on-path',
      errors: [{ file: 'scripts/boot.sh', line: 2, message: '`knex migrate:latest` runs in the start command before `node src/server.js`', related: ['Dockerfile:5', 'Dockerfile:5', 'scripts/boot.sh:3'] }],
    },
    {
      fixture: 'forked-script-with-lock',
      errors: [{ file: 'src/scripts/migrate.js', line: 5, severity: 'info', message: 'migrations up() changes the schema when the service boots (src/index.js:6 forks src/scripts/migrate.js on the start path of src/index.js). A lock (lock.acquire)' }],
    },
  ],
});
