import winston from 'winston';

// Rotation is the platform's job: the app writes JSON lines to stdout.
export const logger = winston.createLogger({
  format: winston.format.json(),
  transports: [new winston.transports.Console()],
});
