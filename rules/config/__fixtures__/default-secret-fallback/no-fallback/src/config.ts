function required(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set`);
  return value;
}

export const config = {
  jwtSecret: required('JWT_SECRET'),
  apiKey: process.env.API_KEY ?? '',
  sessionSecret: process.env.SESSION_SECRET ?? process.env.FALLBACK_SESSION_SECRET,
  tokenTtl: process.env.TOKEN_TTL || '15m',
  logLevel: process.env.LOG_LEVEL || 'info',
};
