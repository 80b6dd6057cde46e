import winston from 'winston';
import 'winston-daily-rotate-file';

export const logger = winston.createLogger({ transports: [new winston.transports.Console()] });
