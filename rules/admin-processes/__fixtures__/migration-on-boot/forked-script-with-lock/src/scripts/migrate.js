const { migrations, lock } = require('../db');

async function main() {
  await lock.acquire('migrations');
  await migrations.up();
}

main().then(() => process.exit(0));
