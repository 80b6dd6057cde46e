const knex = require('knex');

// A capability of the library: the service's one-off migrate script calls it, the server never does.
class Database {
  constructor(url) {
    this.knex = knex({ client: 'pg', connection: url });
  }
  async migrate() {
    await this.knex.migrate.latest({ directory: `${__dirname}/migrations` });
  }
  ping() {
    return this.knex.raw('select 1');
  }
  close() {
    return this.knex.destroy();
  }
}

module.exports = { Database };
