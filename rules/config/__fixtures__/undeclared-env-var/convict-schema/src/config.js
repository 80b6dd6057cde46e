const convict = require('convict');

const config = convict({
  env: { doc: 'Environment', format: ['production', 'development'], default: 'development', env: 'NODE_ENV' },
  db: {
    host: { doc: 'Database host', format: String, default: 'localhost', env: 'DB_HOST' },
    password: { doc: 'Database password', format: String, default: null, env: 'DB_PASSWORD', sensitive: true },
    pool: { doc: 'Pool size', format: 'nat', default: 10, env: 'DB_POOL_SIZE' },
  },
});

config.validate({ allowed: 'strict' });
module.exports = config;
