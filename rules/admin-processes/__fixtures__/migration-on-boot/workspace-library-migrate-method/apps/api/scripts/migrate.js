const { Database } = require('@shop/database');

new Database(process.env.DATABASE_URL).migrate().then(() => process.exit(0));
