import rule from './unpinned-dependency.js';
import { ruleTester } from '../../src/testing/rule-tester.js';

ruleTester(rule, {
  valid: ['ranges'],
  invalid: [
    {
      fixture: 'wildcards-and-git',
      errors: [
        { file: 'package.json', line: 5, column: 16, message: 'express (dependencies) is "*"' },
        { file: 'package.json', line: 6, message: 'is "latest"' },
        { file: 'package.json', line: 7, message: 'empty version' },
        { file: 'package.json', line: 8, message: 'is "x"' },
        { file: 'package.json', line: 9, message: 'without a commit' },
        { file: 'package.json', line: 10, message: 'at "main"' },
        { file: 'package.json', line: 11, message: 'without a commit' },
        { file: 'package.json', line: 12, message: 'is "latest"' },
        { file: 'package.json', line: 15, message: 'typescript (devDependencies) is "next"' },
      ],
    },
  ],
});
