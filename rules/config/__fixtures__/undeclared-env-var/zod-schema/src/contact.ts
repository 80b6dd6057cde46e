import { z } from 'zod';

// A form payload with upper-case keys, in a file that reads no environment.
export const contact = z.object({
  EMAIL: z.string().email(),
  MESSAGE: z.string(),
});
