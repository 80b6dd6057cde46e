// What the code base knows about loggers: which libraries write log lines to files, and how a call
// or an option says so. logs/file-logging and logs/log-rotation read these tables; adding a library
// is one entry here and one example in loggers.test.ts.

/**
 * A logging library that can write to files. Every export path is relative to the package
 * (`[]` is its default export, `['transports', 'File']` is `winston.transports.File`), so the
 * library is recognised under any local name (`import Rotate from 'winston-daily-rotate-file'`).
 */
export interface FileLogger {
  packages: string[];
  /** Classes whose instance is a file transport or stream: `new <export>(...)` writes to a file; `name` is what a message calls it. */
  fileClasses?: Array<{ path: string[]; name: string }>;
  /**
   * Functions whose call opens a log file: which argument names the file (`arg0`), or that the
   * call always does (`always`), or the option of the first argument that names it.
   */
  fileCalls?: Array<{ path: string[]; file: 'arg0' | 'always' | { option: string } }>;
  /** log4js `appenders: { x: { type } }`, bunyan `streams: [{ type }]`: the types that are files. */
  fileTypes?: string[];
  /** pino transport targets (`transport: { target }`) that write to a file. */
  fileTargets?: string[];
  why: string;
}

export const FILE_LOGGERS: FileLogger[] = [
  { packages: ['winston'], fileClasses: [{ path: ['transports', 'File'], name: 'winston File transport' }], why: 'winston.transports.File appends every log line to a file on the local disk' },
  {
    packages: ['winston-daily-rotate-file'],
    fileClasses: [{ path: [], name: 'winston DailyRotateFile transport' }],
    why: 'the default export is a winston transport that writes (and rotates) dated log files',
  },
  {
    packages: ['pino'],
    fileCalls: [{ path: ['destination'], file: 'arg0' }],
    fileTargets: ['pino/file', 'pino-roll'],
    why: 'pino.destination(path) and the pino/file and pino-roll transports write log lines to a file',
  },
  { packages: ['log4js'], fileTypes: ['file', 'fileSync', 'dateFile', 'multiFile'], why: 'log4js file, fileSync, dateFile and multiFile appenders write to files' },
  { packages: ['bunyan'], fileTypes: ['file', 'rotating-file'], fileClasses: [{ path: ['RotatingFileStream'], name: 'bunyan RotatingFileStream' }], why: 'a bunyan stream with a `path` (type file or rotating-file) writes to a file' },
  {
    packages: ['simple-node-logger'],
    fileCalls: [
      { path: ['createSimpleFileLogger'], file: 'always' },
      { path: ['createRollingFileLogger'], file: 'always' },
      { path: ['createSimpleLogger'], file: { option: 'logFilePath' } },
    ],
    why: 'createSimpleFileLogger/createRollingFileLogger, and createSimpleLogger with logFilePath, write to log files',
  },
  { packages: ['rotating-file-stream'], fileCalls: [{ path: ['createStream'], file: 'always' }], why: 'createStream opens a rotated log file' },
  { packages: ['file-stream-rotator'], fileCalls: [{ path: ['getStream'], file: 'always' }], why: 'getStream opens a rotated log file' },
];

/** Packages whose only job is rotating log files: importing one means the app manages its own log files. */
export const LOG_ROTATION_PACKAGES = new Set([
  'winston-daily-rotate-file',
  'rotating-file-stream',
  'file-stream-rotator',
  'logrotate-stream',
  'pino-roll',
  'logrotator',
  'stream-rotate',
  'daily-rotate-stream',
  '@vrbo/pino-rotating-file',
  'log4js-rotating-file',
]);

/** File descriptors and paths that are the process's own stdout/stderr, not files. */
export const STDIO_DESTINATIONS = new Set(['1', '2', '/dev/stdout', '/dev/stderr', 'process.stdout', 'process.stderr']);

/** pm2 app keys that name log files; `/dev/null` discards and `/dev/stdout` streams, so neither is a file. */
export const PM2_LOG_FILE_KEYS = new Set(['out_file', 'error_file', 'log_file']);
export const PM2_NOT_A_FILE = new Set(['/dev/null', '/dev/stdout', '/dev/stderr', 'NULL']);

/** The file logger entry of a package, by import specifier. */
export function fileLoggerOf(module: string): FileLogger | undefined {
  return FILE_LOGGERS.find((l) => l.packages.includes(module));
}

export function samePath(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((p, i) => p === b[i]);
}
