const { Database } = require('./database');

process.on('SIGTERM', () => Database.close().then(() => process.exit(0)));
