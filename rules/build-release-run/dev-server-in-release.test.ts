import rule from './dev-server-in-release.js';
import { ruleTester } from '../../src/testing/rule-tester.js';

ruleTester(rule, {
  valid: ['built-or-dev-only'],
  invalid: [
    {
      fixture: 'dockerfile-npm-run-dev',
      errors: [{ file: 'Dockerfile', line: 4, message: 'The release runs `npm run dev` (Dockerfile CMD)' }],
    },
    {
      fixture: 'package-start-ts-node',
      errors: [{ file: 'package.json', line: 6, message: 'ts-node (compiles the source on the fly at every start) (package.json scripts.start)' }],
    },
    {
      fixture: 'k8s-next-dev',
      errors: [{ file: 'deployment.yaml', line: 17, message: 'next dev (the development server) (Deployment storefront container storefront)' }],
    },
  ],
});
