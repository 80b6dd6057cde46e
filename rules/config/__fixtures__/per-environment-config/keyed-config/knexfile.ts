const config = {
  development: { client: 'pg', connection: { host: 'localhost', database: 'shop' } },
  staging: { client: 'pg', connection: { host: 'staging-db.internal', database: 'shop' } },
};

export default config;
