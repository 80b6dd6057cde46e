import winston from 'winston';
import DailyRotateFile from 'winston-daily-rotate-file';
import pino from 'pino';
import log4js from 'log4js';
import bunyan from 'bunyan';

export const logger = winston.createLogger({
  transports: [
    new winston.transports.Console(),
    new winston.transports.File({ filename: 'error.log', level: 'error' }),
    new DailyRotateFile({ filename: 'app-%DATE%.log' }),
  ],
});

export const fast = pino(pino.destination('./logs/app.log'));

export const transported = pino({
  transport: { target: 'pino/file', options: { destination: '/var/log/app.json' } },
});

log4js.configure({
  appenders: { out: { type: 'stdout' }, app: { type: 'file', filename: 'app.log' } },
  categories: { default: { appenders: ['out', 'app'], level: 'info' } },
});

export const legacy = bunyan.createLogger({
  name: 'legacy',
  streams: [{ level: 'info', stream: process.stdout }, { level: 'error', path: '/var/tmp/legacy-error.log' }],
});
