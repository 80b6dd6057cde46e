import rule from './hardcoded-secret.js';
import { ruleTester } from '../../src/testing/rule-tester.js';

ruleTester(rule, {
  valid: [
    // The default password of a local or example stack in a URL is not a credential worth an error.
    'default-url-passwords',
    'ts-placeholders-and-near-misses', 'k8s-secret-refs', 'dotenv-templates', 'text-that-is-not-secret'],
  invalid: [
    {
      fixture: 'ts-known-tokens',
      errors: [
        { file: 'src/clients.ts', line: 3, column: 44, message: 'GitHub token (ghp_… (40 chars))', severity: 'error' },
        { file: 'src/clients.ts', line: 6, message: 'AWS access key id' },
        { file: 'src/clients.ts', line: 10, message: 'Stripe live key' },
        { file: 'src/clients.ts', line: 12, message: 'private key' },
        { file: 'src/clients.ts', line: 18, message: 'password in a postgres URL (Zq8w… (12 chars))' },
        { file: 'src/clients.ts', line: 21, message: 'private key' },
        { file: 'src/clients.ts', line: 32, message: 'private key' },
      ],
    },
    {
      // A maintainer's "not actually a secret" beside a value judged by name and shape, and a route
      // scope name given to a function named for API keys, are not reported; the near miss is.
      fixture: 'ts-said-not-a-secret',
      errors: [{ file: 'src/links.ts', line: 13, message: 'assigned to sessionSecret' }],
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
      // A Firebase web config's apiKey and a placeholder the UI shows are not reported; the same
      // shapes outside them are.
      fixture: 'ts-public-or-placeholder',
      errors: [
        { file: 'src/client.ts', line: 18, message: 'Google API key' },
        { file: 'src/client.ts', line: 19, message: 'private key' },
        // Paddle.js's client token and an Ethereum address are public by design; a Paddle API key
        // and a 64-digit private key in the same shapes are not (notesnook, hey).
        { file: 'src/client.ts', line: 34, message: 'api key assigned to paddleApiKey' },
        { file: 'src/client.ts', line: 35, message: 'private key assigned to walletPrivateKey' },
      ],
    },
    {
      // A private key beside a certificate issued to localhost only is the self-signed pair a dev
      // server falls back to: not reported. The same shapes for a real host name stay an error.
      fixture: 'ts-localhost-tls-pair',
      errors: [{ file: 'src/edge-tls.ts', line: 2, severity: 'error', message: 'Hardcoded private key (' }],
    },
    {
      // A config file named example is one to copy and fill in: docs, so info (ente's
      // server/config/example.yaml); the config the server reads is judged.
      fixture: 'yaml-example-config',
      errors: [
        { file: 'config/default.yaml', line: 4, severity: 'error', message: 'private key' },
        { file: 'config/example.yaml', line: 4, severity: 'info', message: 'private key' },
      ],
    },
    {
      // Values inside data named as samples or mocks are examples; a list of real clients is not. A
      // schema's `examples` show a format (a Basic header); a live key format is reported there too.
      fixture: 'ts-sample-data',
      errors: [
        { file: 'src/webhook-samples.ts', line: 20, message: 'client secret assigned to clientSecret' },
        { file: 'src/webhook-samples.ts', line: 27, message: 'AWS access key id' },
        { file: 'src/webhook-samples.ts', line: 30, message: 'Basic credential in an Authorization value' },
      ],
    },
    {
      // Under an `example` key only a live format is reported; the same sample elsewhere is.
      fixture: 'yaml-sample-data',
      errors: [
        { file: 'providers.yaml', line: 5, message: 'AWS access key id' },
        { file: 'providers.yaml', line: 8, message: 'JSON Web Token' },
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
      // A Firebase web app's config kept as data (a JSON text in an .env value, a YAML map) and a
      // Google key in a variable Vite publishes: the browser's key. A Google key with no such config
      // around it, or beside one Firebase-like key only, and a Stripe secret key in a published
      // variable, are reported.
      fixture: 'firebase-config-as-data',
      errors: [
        { file: '.env.production', line: 5, message: 'Google API key' },
        { file: '.env.production', line: 10, message: 'Stripe live key' },
        { file: 'config/firebase.yml', line: 9, message: 'Google API key' },
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
      // Values passed to calls, held in arrays, split into pieces, wrapped, or given as schema defaults.
      fixture: 'ts-split-and-passed',
      errors: [
        { file: 'src/env.ts', line: 7, message: 'jwt secret assigned to JWT_SECRET' },
        { file: 'src/env.ts', line: 12, message: 'session secret assigned to SESSION_SECRET' },
        { file: 'src/env.ts', line: 16, message: 'api key assigned to API_KEY' },
        { file: 'src/secrets.ts', line: 4, column: 29, message: 'signing keys assigned to signingKeys' },
        { file: 'src/secrets.ts', line: 4, column: 49, message: 'signing keys assigned to signingKeys' },
        { file: 'src/secrets.ts', line: 5, message: 'hmac secret assigned to hmacSecret' },
        { file: 'src/secrets.ts', line: 6, message: 'session key assigned to sessionKey (Lq8v… (16 chars))' },
        { file: 'src/secrets.ts', line: 7, message: 'api token assigned to apiToken (Zr4T… (18 chars))' },
        { file: 'src/secrets.ts', line: 8, message: 'jwt secret assigned to jwtSecret (Pw7K… (15 chars))' },
        { file: 'src/secrets.ts', line: 9, message: 'db pass assigned to dbPass' },
        { file: 'src/secrets.ts', line: 10, message: 'smtp pwd assigned to SMTP_PWD' },
        { file: 'src/secrets.ts', line: 11, message: 'assigned to key' },
        { file: 'src/secrets.ts', line: 12, message: 'assigned to jwtSecret' },
        { file: 'src/secrets.ts', line: 13, message: 'assigned to hmacKey' },
        { file: 'src/secrets.ts', line: 14, message: 'assigned to --requirepass' },
        { file: 'src/secrets.ts', line: 15, message: '--requirepass value assigned to --requirepass' },
        { file: 'src/secrets.ts', line: 17, message: 'fallback secret assigned to fallbackSecret' },
      ],
    },
    {
      // Compose and Dockerfile: interpolation defaults, command-line passwords, known tokens under
      // names that do not say secret (an x- anchor, AWS_ACCESS_KEY_ID) keep their format in the message.
      fixture: 'compose-defaults-and-flags',
      errors: [
        { file: 'Dockerfile', line: 2, message: 'session secret assigned to SESSION_SECRET' },
        { file: 'docker-compose.yml', line: 2, message: 'Hardcoded GitHub token (ghp_… (40 chars))' },
        { file: 'docker-compose.yml', line: 6, message: '--requirepass value' },
        { file: 'docker-compose.yml', line: 10, message: 'postgres password assigned to POSTGRES_PASSWORD' },
        { file: 'docker-compose.yml', line: 13, message: 'admin password assigned to --admin-password' },
        { file: 'docker-compose.yml', line: 15, message: 'Hardcoded AWS access key id' },
      ],
    },
    {
      // A YAML block scalar's secret is reported on its own line, not on the `key: |` line.
      fixture: 'yaml-block-scalars',
      errors: [
        { file: 'config/app.yaml', line: 4, column: 5, message: 'password assigned to password' },
        { file: 'config/app.yaml', line: 7, column: 5, message: 'GitHub token' },
      ],
    },
    {
      // Signed links copied from a browser: the key id a pre-signed S3 URL carries by design and the
      // JWT of a link that expired minutes after it was made are not reported; a key id beside such a
      // link, one in a link without a signature, and a token that lives for years are.
      fixture: 'yaml-signed-links',
      errors: [
        { file: 'services/gallery/app.yaml', line: 10, message: 'AWS access key id (AKIA… (20 chars))' },
        { file: 'services/gallery/app.yaml', line: 12, message: 'AWS access key id' },
        { file: 'services/gallery/app.yaml', line: 14, message: 'JSON Web Token' },
      ],
    },
    {
      // Crowdin's pseudo-language replaces every string by its id, under `apiKey` and `password` keys
      // too; a value that only starts like one is judged as any other.
      fixture: 'crowdin-pseudo-language',
      errors: [{ file: 'src/lang/cr.json', line: 11, message: 'api key assigned to apiKey' }],
    },
    {
      fixture: 'test-files',
      errors: [
        { file: 'src/crypto/latestUtils.ts', line: 3, severity: 'error', message: 'private key' },
        { file: 'src/crypto/rsaTestVectors.ts', line: 4, severity: 'info', message: 'private key' },
        { file: 'test/auth.test.ts', line: 2, severity: 'info' },
        { file: 'test/auth.test.ts', line: 4, severity: 'info', message: 'GitHub token' },
        { file: 'test/auth.test.ts', line: 7, severity: 'error', message: 'GitHub token' },
        { file: 'test/auth.test.ts', line: 13, severity: 'info', message: 'AWS access key id' },
      ],
    },
  ],
});
