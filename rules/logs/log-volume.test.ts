import rule from './log-volume.js';
import { ruleTester } from '../../src/testing/rule-tester.js';

ruleTester(rule, {
  valid: ['data-and-third-party-logs'],
  invalid: [
    {
      fixture: 'log-folder-mounted',
      errors: [
        { file: 'Dockerfile', line: 4, message: 'VOLUME mounts the log folder /app/logs' },
        { file: 'docker-compose.yml', line: 5, column: 9, message: 'service api volume mounts the log folder /usr/src/app/logs' },
        { file: 'k8s/deployment.yaml', line: 26, message: 'Deployment api container api volumeMount mounts the log folder /var/log/shop-api' },
      ],
    },
  ],
});
