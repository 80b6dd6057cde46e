export const config = {
  jwtSecret: process.env.JWT_SECRET || 'changeme',
  sessionSecret: process.env['SESSION_SECRET'] ?? 'keyboard cat',
  port: Number(process.env.PORT ?? 3000),
};

const { STRIPE_API_KEY = 'rk_Zq8wL3xR9vTk7Pm2Yc4NbH6' } = process.env;

export const stripeKey = STRIPE_API_KEY;

// Near misses: a random-looking fallback for a client's key may be a real one; a secret the service
// checks with is forged with any known value, a word too.
export const openAiKey = process.env.OPENAI_API_KEY ?? 'sk-Zq8wL3xR9vTk7Pm2Yc4NbH6Jd';
export const adminKey = process.env.ADMIN_KEY ?? 'not-used';
