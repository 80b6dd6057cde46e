export const logLevel = process.env.LOG_LEVEL ?? 'info';
