import rule from './undeclared-env-var.js';
import { ruleTester } from '../../src/testing/rule-tester.js';

ruleTester(rule, {
  valid: ['no-deployment-config', 'k8s-envfrom-missing'],
  invalid: [
    {
      fixture: 'compose-and-example',
      errors: [
        // Plain reads: nothing says whether the code can do without them.
        { file: 'src/config.ts', line: 5, column: 13, severity: 'info', message: 'SMTP_HOST is read here with no fallback (also read at src/config.ts:13) and no deployment config provides it (read: .env.example, compose.yaml); if deploys need it, declare it' },
        { file: 'src/config.ts', line: 13, severity: 'info', message: 'SMTP_FROM' },
      ],
    },
    { fixture: 'k8s-configmap-present', errors: [{ file: 'src/config.ts', line: 2, severity: 'info', message: 'API_TIMEOUT_MS' }] },
    {
      // Joi keys are optional unless .required(); a payload schema in a file that reads no env is not one.
      fixture: 'nest-joi',
      errors: [
        { file: 'src/app.module.ts', line: 11, column: 9, severity: 'warning', message: 'REDIS_URL is needed here (its joi schema entry has no default)' },
        { file: 'src/app.module.ts', line: 15, severity: 'info', message: 'BILLING_API_URL is read here but no deployment config provides it (read: .env.example); the code falls back to a literal' },
      ],
    },
    {
      // @IsOptional() and an initialiser make a field optional; a DTO class is not a config class.
      fixture: 'nest-class-validator',
      errors: [{ file: 'src/env.validation.ts', line: 20, column: 3, severity: 'warning', message: 'JWT_SECRET is needed here (its class-validator schema entry has no default)' }],
    },
    {
      fixture: 'zod-schema',
      errors: [
        { file: 'src/env.ts', line: 5, column: 3, severity: 'warning', message: 'STRIPE_SECRET_KEY is needed here (its zod schema entry has no default)' },
        { file: 'src/env.ts', line: 9, severity: 'info', message: 'UPLOADS_URL' },
      ],
    },
    {
      // devDefault does not apply in production: API_TOKEN is required there.
      fixture: 'envalid-defaults',
      errors: [
        { file: 'src/config.ts', line: 5, severity: 'warning', message: 'JWT_SECRET is needed here (its envalid schema entry has no default)' },
        { file: 'src/config.ts', line: 7, severity: 'info', message: 'REDIS_URL' },
        { file: 'src/config.ts', line: 8, severity: 'warning', message: 'API_TOKEN' },
      ],
    },
    { fixture: 'convict-schema', errors: [{ file: 'src/config.js', line: 6, column: 78, severity: 'info', message: 'DB_HOST' }] },
    {
      // The runtimeEnv reads are the schema's own plumbing: ANALYTICS_ID stays optional.
      fixture: 't3-env',
      errors: [{ file: 'src/env.mjs', line: 7, column: 5, severity: 'warning', message: 'AUTH_SECRET is needed here (its t3-env schema entry has no default)' }],
    },
    {
      fixture: 'lambda-handler',
      errors: [
        { file: 'src/handler.ts', line: 8, column: 17, severity: 'info', message: 'ORDERS_QUEUE_URL' },
        { file: 'src/handler.ts', line: 9, column: 17, severity: 'warning', message: 'EVENTS_TOPIC_ARN is needed here (asserted with !)' },
      ],
    },
    { fixture: 'next-config', errors: [{ file: 'app/page.tsx', line: 6, severity: 'info', message: 'NEXT_PUBLIC_MAPS_KEY' }] },
    {
      // Set by the code, tested through a local, a helper or inside an if: not needed from the deploy.
      // `# SMTP_HOST=` in a template documents it; the same line in .env.production is only switched off.
      fixture: 'code-provided-and-documented',
      errors: [
        { file: 'src/worker.ts', line: 26, column: 23, severity: 'info', message: 'MAILER_DSN' },
        { file: 'src/worker.ts', line: 27, severity: 'info', message: 'PAYMENTS_KEY' },
      ],
    },
    {
      fixture: 'presence-and-fallbacks',
      errors: [
        { file: 'src/settings.ts', line: 1, column: 6, severity: 'warning', message: 'DATABASE_URL is needed here (the code stops at start-up without it) (also read at src/settings.ts:16)' },
        { file: 'src/settings.ts', line: 11, severity: 'info', message: 'BILLING_API_URL' },
        { file: 'src/settings.ts', line: 12, severity: 'info', message: 'JWT_SECRET' },
        { file: 'src/settings.ts', line: 15, severity: 'info', message: 'STORAGE_REGION' },
        // parseInt's radix is not a default.
        { file: 'src/settings.ts', line: 33, severity: 'info', message: 'SHARD_COUNT' },
      ],
    },
  ],
});
