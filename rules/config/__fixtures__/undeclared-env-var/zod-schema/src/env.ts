import { z } from 'zod';

const schema = z.object({
  DATABASE_URL: z.string().url(),
  STRIPE_SECRET_KEY: z.string().min(1),
  PORT: z.coerce.number().default(3000),
  FEATURE_SEARCH: z.string().optional(),
  MAIL_FROM: z.string().email().default('noreply@example.com'),
  UPLOADS_URL: z.string().url().default('http://localhost:9000/uploads'),
});

export const env = schema.parse(process.env);
