import { cleanEnv, port, str, url } from 'envalid';

export const config = cleanEnv(process.env, {
  DATABASE_URL: url(),
  JWT_SECRET: str(),
  SMTP_PORT: port({ default: 587 }),
  REDIS_URL: url({ default: 'redis://localhost:6379' }),
  API_TOKEN: str({ devDefault: 'dev-token' }),
  TRACE_SAMPLE: str({ default: undefined }),
});
