import rule from './mutable-release-source.js';
import { ruleTester } from '../../src/testing/rule-tester.js';

ruleTester(rule, {
  valid: ['pinned-sources'],
  invalid: [
    {
      fixture: 'moving-sources',
      errors: [
        { file: 'Dockerfile', line: 4, message: 'git clone of https://github.com/shop/theme.git takes its default branch' },
        { file: 'Dockerfile', line: 5, message: 'takes branch main ($PLUGIN_REF)' },
        { file: 'Dockerfile', line: 6, message: 'ADD of the git repository https://github.com/shop/assets.git#main takes branch main' },
        { file: 'Dockerfile', line: 7, severity: 'warning', message: 'has no --checksum and names no version' },
        { file: 'Dockerfile', line: 8, severity: 'info', message: 'the URL names a version' },
      ],
    },
  ],
});
