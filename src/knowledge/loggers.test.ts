import { describe, expect, it } from 'vitest';
import fileLogging from '../../rules/logs/file-logging.js';
import logRotation from '../../rules/logs/log-rotation.js';
import { FILE_LOGGERS, LOG_ROTATION_PACKAGES } from './loggers.js';
import { findingsOf } from '../testing/knowledge-probe.js';

/** One example per library of FILE_LOGGERS, each under a local name the rule cannot guess. */
const FILE_LOGGING_EXAMPLES: Record<string, string> = {
  winston: `import * as w from 'winston';\nexport const l = w.createLogger({ transports: [new w.transports.File({ filename: 'x.log' })] });`,
  'winston-daily-rotate-file': `import Rotating from 'winston-daily-rotate-file';\nexport const t = new Rotating({ filename: 'app-%DATE%.log' });`,
  pino: `import P from 'pino';\nexport const l = P(P.destination('/var/log/app.log'));`,
  log4js: `import log4js from 'log4js';\nlog4js.configure({ appenders: { a: { type: 'dateFile', filename: 'a.log' } }, categories: {} });`,
  bunyan: `const bunyan = require('bunyan');\nexport const l = bunyan.createLogger({ name: 'x', streams: [{ type: 'rotating-file', path: '/var/log/x.log' }] });`,
  'simple-node-logger': `const SimpleNodeLogger = require('simple-node-logger');\nexport const log = SimpleNodeLogger.createSimpleFileLogger('project.log');`,
  'rotating-file-stream': `import { createStream } from 'rotating-file-stream';\nexport const s = createStream('access.log', { interval: '1d' });`,
  'file-stream-rotator': `import FileStreamRotator from 'file-stream-rotator';\nexport const s = FileStreamRotator.getStream({ filename: 'access-%DATE%.log' });`,
};

/** The same libraries logging to stdout: the rule must stay silent. */
const STDOUT_EXAMPLES: Record<string, string> = {
  winston: `import * as w from 'winston';\nexport const l = w.createLogger({ transports: [new w.transports.Console()] });`,
  'winston-daily-rotate-file': `import Rotating from 'winston-daily-rotate-file';\nexport type T = Rotating;`,
  pino: `import P from 'pino';\nexport const l = P(P.destination(1));`,
  log4js: `import log4js from 'log4js';\nlog4js.configure({ appenders: { a: { type: 'stdout' } }, categories: {} });`,
  bunyan: `const bunyan = require('bunyan');\nexport const l = bunyan.createLogger({ name: 'x', streams: [{ stream: process.stdout }] });`,
  'simple-node-logger': `const SimpleNodeLogger = require('simple-node-logger');\nexport const log = SimpleNodeLogger.createSimpleLogger({ timestampFormat: 'HH:mm' });`,
  'rotating-file-stream': `import { Generator } from 'rotating-file-stream';\nexport type G = Generator;`,
  'file-stream-rotator': `import FileStreamRotator from 'file-stream-rotator';\nexport const f = FileStreamRotator;`,
};

describe('loggers: every file logger is recognised under its own example', () => {
  for (const logger of FILE_LOGGERS) {
    for (const pkg of logger.packages) {
      it(`${pkg}: ${logger.why}`, () => {
        const example = FILE_LOGGING_EXAMPLES[pkg];
        expect(example, `an example for ${pkg} in FILE_LOGGING_EXAMPLES`).toBeDefined();
        const findings = findingsOf(fileLogging, example!);
        expect(findings.map((f) => f.ruleId)).toEqual(['logs/file-logging']);
        expect(findingsOf(fileLogging, STDOUT_EXAMPLES[pkg] ?? 'x').map((f) => f.ruleId), `${pkg} to stdout`).toEqual([]);
      });
    }
  }
});

describe('loggers: every rotation package is reported by logs/log-rotation', () => {
  for (const pkg of LOG_ROTATION_PACKAGES) {
    it(pkg, () => {
      expect(findingsOf(logRotation, `import x from '${pkg}';\nexport default x;`).map((f) => f.ruleId)).toEqual(['logs/log-rotation']);
      expect(findingsOf(logRotation, `import type X from '${pkg}';\nexport type Y = X;`)).toEqual([]);
    });
  }
});
