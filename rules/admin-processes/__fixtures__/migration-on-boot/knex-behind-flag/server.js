const http = require('node:http');
const knex = require('./knex');

async function main() {
  if (process.env.RUN_MIGRATIONS === 'true') {
    await knex.migrate.latest();
  }
  const server = http.createServer((req, res) => res.end('ok'));
  server.listen(Number(process.env.PORT ?? 3000));
  process.on('SIGTERM', () => server.close(() => process.exit(0)));
}

main();
