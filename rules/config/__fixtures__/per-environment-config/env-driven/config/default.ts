export default {
  db: { host: process.env.DB_HOST, port: Number(process.env.DB_PORT ?? 5432) },
  logLevel: process.env.LOG_LEVEL ?? (process.env.NODE_ENV === 'production' ? 'info' : 'debug'),
};
