export const config = {
  jwtSecret: process.env.JWT_SECRET || 'changeme',
  sessionSecret: process.env['SESSION_SECRET'] ?? 'keyboard cat',
  port: Number(process.env.PORT ?? 3000),
};

const { STRIPE_API_KEY = 'sk_dev_local' } = process.env;

export const stripeKey = STRIPE_API_KEY;
