const knex = require('knex')({ client: 'pg', connection: process.env.DATABASE_URL });

knex.migrate.latest().then(() => knex.destroy());
