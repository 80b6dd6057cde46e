import rule from './admin-http-endpoint.js';
import { ruleTester } from '../../src/testing/rule-tester.js';

ruleTester(rule, {
  valid: ['ordinary-routes'],
  invalid: [
    {
      fixture: 'express-migrate-route',
      errors: [
        { file: 'src/nest/maintenance.controller.ts', line: 8, severity: 'info', message: 'HTTP route schema runs runMigrations()' },
        { file: 'src/routes.js', line: 8, message: 'HTTP route /admin/migrate runs knex migrate.latest()' },
        { file: 'src/routes.js', line: 13, message: 'HTTP route /seed is named for an admin task' },
      ],
    },
  ],
});
