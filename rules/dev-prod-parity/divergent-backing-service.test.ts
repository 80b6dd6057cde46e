import rule from './divergent-backing-service.js';
import { ruleTester } from '../../src/testing/rule-tester.js';

ruleTester(rule, {
  valid: ['same-engine-everywhere', 'one-environment-only'],
  invalid: [
    {
      fixture: 'sqlite-in-dev-postgres-in-prod',
      errors: [{ file: 'docker-compose.dev.yml', line: 5, column: 7, message: 'Development runs sqlite as its SQL database (DB_CLIENT=sqlite3) but production runs postgres (image postgres:16.2-alpine, k8s/prod/postgres.yaml:17)' }],
    },
    {
      fixture: 'driver-by-node-env',
      errors: [
        { file: 'config/config.json', line: 2, message: 'development uses sqlite but production uses postgres' },
        { file: 'knexfile.js', line: 3, column: 13, message: 'development uses sqlite3 but production uses pg' },
        { file: 'src/db.ts', line: 4, message: 'The database driver is chosen by environment (pg or better-sqlite3)' },
      ],
    },
  ],
});
