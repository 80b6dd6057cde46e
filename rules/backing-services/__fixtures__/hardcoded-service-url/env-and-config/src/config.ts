function required(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set`);
  return value;
}

export const config = {
  databaseUrl: required('DATABASE_URL'),
  dbHost: required('DB_HOST'),
  mongoHost: process.env.MONGO_HOST || 'localhost',
};
