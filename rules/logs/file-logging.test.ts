import rule from './file-logging.js';
import { ruleTester } from '../../src/testing/rule-tester.js';

ruleTester(rule, {
  valid: ['stdout-logging', 'test-files-skipped', 'more-libraries-stdout'],
  invalid: [
    {
      fixture: 'fs-and-morgan',
      errors: [
        { file: 'src/app.ts', line: 7, column: 19, message: 'morgan access log stream' },
        { file: 'src/app.ts', line: 11, message: 'appendFileSync to logs/audit.log' },
      ],
    },
    {
      fixture: 'logger-libraries',
      errors: [
        { file: 'src/logger.ts', line: 10, message: 'winston File transport' },
        { file: 'src/logger.ts', line: 11, message: 'winston DailyRotateFile transport' },
        { file: 'src/logger.ts', line: 15, message: 'pino destination ./logs/app.log' },
        { file: 'src/logger.ts', line: 18, message: 'pino pino/file transport to /var/log/app.json' },
        { file: 'src/logger.ts', line: 22, message: 'log4js file appender' },
        { file: 'src/logger.ts', line: 28, message: 'bunyan file stream /var/tmp/legacy-error.log' },
      ],
    },
    {
      // Libraries under names of the author's choosing, and simple-node-logger's file loggers.
      fixture: 'more-libraries',
      errors: [
        { file: 'src/logging.js', line: 6, message: 'winston DailyRotateFile transport' },
        { file: 'src/logging.js', line: 8, message: 'simple-node-logger createSimpleLogger logFilePath /var/log/shop/audit.log' },
        { file: 'src/logging.js', line: 9, message: 'simple-node-logger createRollingFileLogger' },
        { file: 'src/logging.js', line: 11, message: 'pino destination /var/log/shop/fast.log' },
      ],
    },
  ],
});
