import rule from './local-disk-persistence.js';
import { ruleTester } from '../../src/testing/rule-tester.js';

ruleTester(rule, {
  valid: ['object-storage-and-memory'],
  invalid: [
    {
      fixture: 'uploads-and-files',
      errors: [
        { file: 'src/store.js', line: 7, message: 'lowdb keeps' },
        { file: 'src/store.js', line: 8, message: '(data/shop.sqlite)' },
        { file: 'src/store.js', line: 9, message: '@seald-io/nedb keeps' },
        { file: 'src/store.js', line: 12, message: 'sqlite database in a file' },
        { file: 'src/uploads.ts', line: 3, column: 33, message: 'multer stores uploads in a folder' },
        { file: 'src/uploads.ts', line: 6, message: 'multer.diskStorage' },
      ],
    },
  ],
});
