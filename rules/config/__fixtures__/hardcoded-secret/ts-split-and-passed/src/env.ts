// Schema defaults ship in every build: convict, envalid and zod write them differently.
import convict from 'convict';
import { cleanEnv, str } from 'envalid';
import { z } from 'zod';

export const env = cleanEnv(process.env, {
  JWT_SECRET: str({ default: 'Yk3#Pm8vQx2Lz6Rt' }),
  LOG_LEVEL: str({ default: 'info' }),
});

export const schema = convict({
  cookie: { doc: 'Cookie signing', format: String, default: 'Wd9#Kq4mTx7Lz2Vn', env: 'SESSION_SECRET' },
});

export const Env = z.object({
  API_KEY: z.string().min(16).default('Fx2Lq9Wm7Kz4Rt8N'),
  PORT: z.coerce.number().default(3000),
});
