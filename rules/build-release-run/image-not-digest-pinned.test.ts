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
  ],
});
