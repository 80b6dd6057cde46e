import rule from './secret-in-image.js';
import { ruleTester } from '../../src/testing/rule-tester.js';

ruleTester(rule, {
  valid: ['references'],
  invalid: [
    {
      fixture: 'literals',
      errors: [
        { file: 'Dockerfile', line: 1, message: 'ARG NPM_TOKEN has a literal value (npm_… (25 chars))' },
        { file: 'Dockerfile', line: 3, message: 'ENV JWT_SECRET has a literal value' },
        { file: 'Dockerfile', line: 5, message: 'ENV STRIPE_API_KEY' },
        { file: 'Dockerfile', line: 6, message: 'ARG DB_PASSWORD' },
      ],
    },
  ],
});
