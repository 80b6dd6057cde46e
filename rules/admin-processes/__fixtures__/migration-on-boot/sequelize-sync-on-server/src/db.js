const { Sequelize } = require('sequelize');

const sequelize = new Sequelize(process.env.DATABASE_URL);

async function init() {
  await sequelize.authenticate();
  await sequelize.sync({ alter: true });
}

module.exports = { init, sequelize };
