import rule from './unused-env-var.js';
import { ruleTester } from '../../src/testing/rule-tester.js';

ruleTester(rule, {
  valid: ['opaque-env'],
  invalid: [
    {
      fixture: 'stale-declarations',
      errors: [
        { file: '.env.example', line: 2, column: 1, severity: 'info', message: 'OLD_FEATURE_FLAG is declared in .env.example but no code reads process.env.OLD_FEATURE_FLAG' },
        { file: 'compose.yaml', line: 5, message: 'CACHE_TTL_SECONDS is declared in compose.yaml' },
      ],
    },
    {
      // Variables read only through the NestJS validation schema count as read; PORT is the platform's.
      fixture: 'nest-schema',
      errors: [{ file: '.env.example', line: 4, column: 1, severity: 'info', message: 'LEGACY_PDF_RENDERER is declared in .env.example' }],
    },
  ],
});
