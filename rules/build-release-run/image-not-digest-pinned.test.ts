import rule from './image-not-digest-pinned.js';
import { ruleTester } from '../../src/testing/rule-tester.js';

ruleTester(rule, {
  valid: ['digest-pinned', 'not-mine'],
  invalid: [
    {
      fixture: 'tag-only',
      errors: [
        { file: 'Dockerfile', line: 2, severity: 'info', message: 'node:${NODE_VERSION}-alpine3.19 resolves to node:20.11.1-alpine3.19' },
        { file: 'compose.yaml', line: 3, message: 'postgres:16.2 in service db is pinned by tag only' },
      ],
    },
    {
      // An empty tag falls back on appVersion; a subchart image without a tag keeps the subchart's own default, which is not read.
      fixture: 'helm-subchart',
      errors: [
        { file: 'chart/values.yaml', line: 2, message: 'ghcr.io/shop/api:2.3.1' },
        { file: 'chart/values.yaml', line: 13, message: 'docker.io/bitnamilegacy/redis:7.4.2' },
      ],
    },
  ],
});
