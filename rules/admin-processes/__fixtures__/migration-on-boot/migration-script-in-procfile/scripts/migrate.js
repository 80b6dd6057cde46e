const { Umzug, SequelizeStorage } = require('umzug');
const { sequelize } = require('../db.js');

const umzug = new Umzug({
  migrations: { glob: 'migrations/*.js' },
  context: sequelize.getQueryInterface(),
  storage: new SequelizeStorage({ sequelize }),
  logger: console,
});

umzug.up().then(() => process.exit(0));
