import rule from './backing-service-version-drift.js';
import { ruleTester } from '../../src/testing/rule-tester.js';

ruleTester(rule, {
  valid: ['same-major-and-single-environment'],
  invalid: [
    {
      fixture: 'older-postgres-in-base-compose',
      errors: [{ file: 'docker-compose.yml', line: 3, column: 12, message: 'postgres runs 14.10-alpine in development but 16.2-alpine in production (docker-compose.prod.yml:3)' }],
    },
  ],
});
