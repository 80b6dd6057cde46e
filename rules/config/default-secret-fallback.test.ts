import rule from './default-secret-fallback.js';
import { ruleTester } from '../../src/testing/rule-tester.js';

ruleTester(rule, {
  // dummy-client-keys: made-up keys for clients (a local model server's, an SDK's) grant nothing.
  // provider-credentials: made-up credentials for a provider, an OAuth app, a database, an object store.
  valid: ['no-fallback', 'dummy-client-keys', 'provider-credentials'],
  invalid: [
    {
      fixture: 'fallbacks',
      errors: [
        { file: 'src/config.ts', line: 2, column: 40, message: 'JWT_SECRET falls back to a 8-character literal' },
        { file: 'src/config.ts', line: 3, message: 'SESSION_SECRET falls back to a 12-character literal' },
        { file: 'src/config.ts', line: 7, message: 'STRIPE_API_KEY' },
        { file: 'src/config.ts', line: 13, message: 'OPENAI_API_KEY falls back to a 28-character literal' },
        { file: 'src/config.ts', line: 14, message: 'ADMIN_KEY falls back to a 8-character literal' },
      ],
    },
    {
      // The service's own secrets, by what they are for (a JWT, a webhook's signature) or by words that
      // fit nothing else (admin, API, a bare SECRET_KEY) and the project's own name (`@acme/platform`).
      // Not reported: another product's admin key, a bare PASSWORD, a seed script's fallback.
      fixture: 'own-secrets',
      errors: [
        { file: 'src/security.ts', line: 2, message: 'DESKTOP_JWT_SECRET falls back to a 10-character literal' },
        { file: 'src/security.ts', line: 3, message: 'STRIPE_WEBHOOK_SECRET falls back to a 11-character literal' },
        { file: 'src/security.ts', line: 4, message: 'ACME_ADMIN_KEY falls back to a 4-character literal' },
        { file: 'src/security.ts', line: 5, message: 'API_SECRET falls back to a 8-character literal' },
        { file: 'src/security.ts', line: 6, message: 'SECRET_KEY falls back to a 6-character literal' },
      ],
    },
  ],
});
