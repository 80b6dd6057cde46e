// A one-off tool run by hand: reads a local SQLite export.
const Database = require('better-sqlite3');

const exportDb = new Database(process.argv[2] || 'catalog-export.sqlite');
console.log(exportDb.prepare('select count(*) as n from products').get());
