export const config = {
  databaseUrl: process.env.DATABASE_URL,
  redisUrl: process.env.REDIS_URL,
  logLevel: process.env.LOG_LEVEL,
  smtpHost: process.env.SMTP_HOST,
  feature: process.env.FEATURE_CHECKOUT ?? 'off',
  env: process.env.NODE_ENV,
  port: Number(process.env.PORT ?? 3000),
  home: process.env.HOME,
};

export function mailFrom(): string {
  return process.env['SMTP_HOST'] + ':' + process.env.SMTP_FROM;
}
