import { z } from 'zod';

const schema = z.object({
  DATABASE_URL: z.string().url(),
  STRIPE_SECRET_KEY: z.string().min(1),
  PORT: z.coerce.number().default(3000),
  FEATURE_SEARCH: z.string().optional(),
  MAIL_FROM: z.string().email().default('noreply@example.com'),
  UPLOADS_URL: z.string().url().default('http://localhost:9000/uploads'),
  AUTH_ID_TOKEN: z.enum(['true', 'false']).default('true'),
  SESSION_TOKEN_MODE: z.string().default('off'),
});

export const env = schema.parse(process.env);
