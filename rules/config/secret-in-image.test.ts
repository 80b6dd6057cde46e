import rule from './secret-in-image.js';
import { ruleTester } from '../../src/testing/rule-tester.js';

ruleTester(rule, {
  valid: ['references'],
  invalid: [
    {
      fixture: 'literals',
      errors: [
        { file: 'Dockerfile', line: 1, message: 'ARG NPM_TOKEN has a literal value (npm_… (25 chars))' },
        { file: 'Dockerfile', line: 4, message: 'ENV JWT_SECRET has a literal value' },
        { file: 'Dockerfile', line: 6, message: 'ENV STRIPE_API_KEY' },
        { file: 'Dockerfile', line: 7, message: 'ARG DB_PASSWORD' },
      ],
    },
    {
      fixture: 'stages',
      errors: [
        { file: 'Dockerfile', line: 6, message: 'ENV SESSION_SECRET' },
        { file: 'Dockerfile', line: 18, message: 'ENV API_KEY' },
        { file: 'Dockerfile', line: 22, message: 'ENV ADMIN_PASSWORD' },
      ],
    },
  ],
});
