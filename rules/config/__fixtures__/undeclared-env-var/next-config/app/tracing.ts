export const tracing = { service: process.env.VERCEL_PROJECT_PRODUCTION_URL };
