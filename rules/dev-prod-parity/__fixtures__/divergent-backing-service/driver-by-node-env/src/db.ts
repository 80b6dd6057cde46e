import knex from 'knex';

export const db = knex({
  client: process.env.NODE_ENV === 'production' ? 'pg' : 'better-sqlite3',
  connection: process.env.DATABASE_URL,
});
