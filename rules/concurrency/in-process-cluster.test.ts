import rule from './in-process-cluster.js';
import { ruleTester } from '../../src/testing/rule-tester.js';

ruleTester(rule, {
  valid: ['single-process', 'throng-single-worker'],
  invalid: [
    { fixture: 'cluster-fork', errors: [{ file: 'server.ts', line: 6, column: 46, severity: 'info', message: 'cluster.fork()' }] },
    {
      fixture: 'ecosystem-js',
      errors: [
        { file: 'ecosystem.config.js', line: 6, message: 'exec_mode "cluster"' },
        { file: 'ecosystem.config.js', line: 7, message: "instances 'max'" },
      ],
    },
    { fixture: 'throng', errors: [{ file: 'server.js', line: 4, severity: 'info', message: 'throng(...) forks one worker per CPU of the app in one container' }] },
    { fixture: 'pm2-json', errors: [{ file: 'pm2.json', line: 3, message: 'instances 4' }] },
    { fixture: 'pm2-runtime-instances', errors: [{ file: 'Dockerfile', line: 4, message: 'pm2-runtime -i max' }] },
  ],
});
