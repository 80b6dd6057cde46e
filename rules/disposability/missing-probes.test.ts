import rule from './missing-probes.js';
import { ruleTester } from '../../src/testing/rule-tester.js';

ruleTester(rule, {
  // probes-and-jobs: the liveness probe comes from a kustomize patch; Jobs and CronJobs end by design.
  valid: ['probes-and-jobs'],
  invalid: [
    {
      fixture: 'no-probes',
      errors: [
        { file: 'workloads.yaml', line: 16, severity: 'warning', message: 'Deployment api container api has no livenessProbe' },
        { file: 'workloads.yaml', line: 16, message: 'Deployment api container api has no readinessProbe' },
        // Selected by the ledger Service: it receives traffic.
        { file: 'workloads.yaml', line: 34, message: 'StatefulSet ledger container ledger has no readinessProbe' },
        // No port, no Service: a worker with nothing to probe over HTTP, so liveness only, as info.
        { file: 'workloads.yaml', line: 60, severity: 'info', message: 'Deployment mailer container mailer has no livenessProbe' },
        // Selected by a Service but no containerPort: it serves traffic, so a warning.
        { file: 'workloads.yaml', line: 75, severity: 'warning', message: 'Deployment relay container relay has no livenessProbe' },
        { file: 'workloads.yaml', line: 75, severity: 'warning', message: 'Deployment relay container relay has no readinessProbe' },
      ],
    },
    {
      // A skaffold profile that builds only from Dockerfile.dev applies a development loop (the team
      // overlay); the base, which the prod profile applies with the production image, is deployed.
      fixture: 'skaffold-dev-images',
      errors: [
        { file: 'k8s/base/board.yaml', line: 13, severity: 'warning', message: 'Deployment board container board has no livenessProbe' },
        { file: 'k8s/base/board.yaml', line: 13, severity: 'warning', message: 'Deployment board container board has no readinessProbe' },
      ],
    },
    {
      // Manifests only `skaffold dev` applies are the local loop's (the postgres overlay); a base the
      // production overlay shares stays deployed, and so does what a script also deploys with
      // `skaffold run` (the redis overlay).
      fixture: 'skaffold-dev',
      errors: [
        { file: 'k8s/base/ledger.yaml', line: 13, severity: 'warning', message: 'Deployment ledger container ledger has no livenessProbe' },
        { file: 'k8s/dbs/redis/redis.yaml', line: 14, severity: 'warning', message: 'StatefulSet redis container redis has no livenessProbe' },
        { file: 'k8s/dbs/redis/redis.yaml', line: 14, severity: 'warning', message: 'StatefulSet redis container redis has no readinessProbe' },
      ],
    },
  ],
});
