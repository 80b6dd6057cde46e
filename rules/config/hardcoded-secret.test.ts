import rule from './hardcoded-secret.js';
import { ruleTester } from '../../src/rule-api/rule-tester.js';

ruleTester(rule, {
  valid: ['ts-placeholders-and-near-misses', 'k8s-secret-refs', 'dotenv-templates'],
  invalid: [
    {
      fixture: 'ts-known-tokens',
      errors: [
        { file: 'src/clients.ts', line: 3, column: 43, message: 'GitHub token (ghp_… (40 chars))' },
        { file: 'src/clients.ts', line: 6, message: 'AWS access key id' },
        { file: 'src/clients.ts', line: 10, message: 'Stripe live key' },
        { file: 'src/clients.ts', line: 12, message: 'private key' },
        { file: 'src/clients.ts', line: 17, message: 'password in a postgres URL (Zq8w… (12 chars))' },
      ],
    },
    {
      fixture: 'ts-named-values',
      errors: [
        { file: 'src/config.ts', line: 2, message: 'client secret assigned to clientSecret' },
        { file: 'src/config.ts', line: 6, message: 'db password assigned to dbPassword (Xk9#… (14 chars))' },
        { file: 'src/config.ts', line: 9, message: 'api key assigned to apiKey' },
      ],
    },
    {
      fixture: 'dockerfile-env',
      errors: [
        { file: 'Dockerfile', line: 3, message: 'auth token assigned to SENTRY_AUTH_TOKEN' },
        { file: 'Dockerfile', line: 5, message: 'npm token' },
      ],
    },
    {
      fixture: 'compose-and-k8s',
      errors: [
        { file: 'deployment.yaml', line: 13, column: 22, message: 'jwt secret assigned to JWT_SECRET' },
        { file: 'docker-compose.yml', line: 5, column: 20, message: 'db password assigned to DB_PASSWORD' },
        { file: 'docker-compose.yml', line: 10, message: 'webhook secret assigned to STRIPE_WEBHOOK_SECRET' },
      ],
    },
    {
      fixture: 'dotenv-committed',
      errors: [
        { file: '.env', line: 2, column: 13, message: 'DB_PASSWORD' },
        { file: '.env', line: 3, message: 'API_TOKEN' },
      ],
    },
    {
      fixture: 'test-files',
      errors: [
        { file: 'test/auth.test.ts', line: 2, severity: 'info' },
        { file: 'test/auth.test.ts', line: 3, severity: 'error', message: 'GitHub token' },
      ],
    },
  ],
});
