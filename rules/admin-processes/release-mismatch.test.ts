import rule from './release-mismatch.js';
import { ruleTester } from '../../src/testing/rule-tester.js';

ruleTester(rule, {
  valid: ['same-release', 'kustomize-pins-both'],
  invalid: [
    {
      fixture: 'job-on-older-tag',
      errors: [{ file: 'k8s/migrate-job.yaml', line: 11, column: 18, message: 'Job db-migrate runs ghcr.io/shop/api:1.4.0 but Deployment api (k8s/deployment.yaml:17) runs ghcr.io/shop/api:1.5.0' }],
    },
    {
      fixture: 'migrations-image-other-release',
      errors: [{ file: 'k8s/app.yaml', line: 39, message: 'ghcr.io/shop/api-migrations:1.4.0' }],
    },
  ],
});
