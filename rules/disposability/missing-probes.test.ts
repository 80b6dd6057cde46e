import rule from './missing-probes.js';
import { ruleTester } from '../../src/testing/rule-tester.js';

ruleTester(rule, {
  // probes-and-jobs: the liveness probe comes from a kustomize patch; Jobs and CronJobs end by design.
  valid: ['probes-and-jobs'],
  invalid: [
    {
      fixture: 'no-probes',
      errors: [
        { file: 'workloads.yaml', line: 16, message: 'Deployment api container api has no livenessProbe' },
        { file: 'workloads.yaml', line: 16, message: 'Deployment api container api has no readinessProbe' },
        // Selected by the ledger Service: it receives traffic.
        { file: 'workloads.yaml', line: 34, message: 'StatefulSet ledger container ledger has no readinessProbe' },
        // No port, no Service: liveness only.
        { file: 'workloads.yaml', line: 60, message: 'Deployment mailer container mailer has no livenessProbe' },
      ],
    },
  ],
});
