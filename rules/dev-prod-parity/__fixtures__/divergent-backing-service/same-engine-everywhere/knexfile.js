module.exports = {
  development: { client: 'pg', connection: 'postgres://shop@localhost:5432/shop' },
  production: { client: 'postgresql', connection: process.env.DATABASE_URL },
};
