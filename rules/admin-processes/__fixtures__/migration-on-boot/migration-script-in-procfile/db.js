const { Sequelize } = require('sequelize');
exports.sequelize = new Sequelize(process.env.DATABASE_URL);
