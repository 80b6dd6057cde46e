import rule from './source-bind-mount.js';
import { ruleTester } from '../../src/testing/rule-tester.js';

ruleTester(rule, {
  valid: ['dev-and-data-mounts'],
  invalid: [
    {
      fixture: 'compose-source-mount',
      errors: [
        { file: 'docker-compose.yml', line: 5, message: 'Service api bind-mounts . at /app' },
        { file: 'docker-compose.yml', line: 11, message: 'Service worker bind-mounts ./src at /app/src' },
      ],
    },
    {
      fixture: 'k8s-hostpath-code',
      errors: [{ file: 'deployment.yaml', line: 25, message: "Deployment api mounts the node's /home/deploy/shop-api at /usr/src/app in container api" }],
    },
  ],
});
