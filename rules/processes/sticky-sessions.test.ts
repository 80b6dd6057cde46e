import rule from './sticky-sessions.js';
import { ruleTester } from '../../src/testing/rule-tester.js';

ruleTester(rule, {
  valid: ['no-affinity'],
  invalid: [
    {
      fixture: 'affinity',
      errors: [
        { file: 'destination-rule.yaml', line: 10, message: 'DestinationRule api hashes clients to pods by httpCookie' },
        { file: 'service.yaml', line: 8, column: 20, message: 'Service api sets sessionAffinity: ClientIP' },
        { file: 'service.yaml', line: 18, message: 'Ingress api turns on sticky sessions (nginx.ingress.kubernetes.io/affinity: cookie)' },
      ],
    },
  ],
});
