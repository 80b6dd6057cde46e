// Logs as an event stream on stdout: every one of these is fine.
import fs from 'node:fs';
import winston from 'winston';
import pino from 'pino';
import log4js from 'log4js';
import bunyan from 'bunyan';
import morgan from 'morgan';

export const logger = winston.createLogger({ transports: [new winston.transports.Console()] });
export const fast = pino(pino.destination(1));
export const viaTransport = pino({ transport: { target: 'pino/file', options: { destination: 1 } } });
export const pretty = pino({ transport: { target: 'pino-pretty' } });
log4js.configure({ appenders: { out: { type: 'stdout' } }, categories: { default: { appenders: ['out'], level: 'info' } } });
export const legacy = bunyan.createLogger({ name: 'legacy', streams: [{ stream: process.stdout }] });
export const access = morgan('combined');
export const logStream = morgan('tiny', { stream: process.stdout });

// Files that are not logs: uploads, reports, a catalog.
fs.writeFileSync('/tmp/report.csv', 'a,b');
fs.createWriteStream('/tmp/export.ndjson');
export const dialog = 'catalog.json';
