const { Low } = require('lowdb');
const { JSONFile } = require('lowdb/node');
const Database = require('better-sqlite3');
const Datastore = require('@seald-io/nedb');
const { Sequelize } = require('sequelize');

const db = new Low(new JSONFile('data/db.json'), { orders: [] });
const sqlite = new Database('data/shop.sqlite');
const carts = new Datastore({ filename: 'data/carts.db', autoload: true });
const sequelize = new Sequelize({
  dialect: 'sqlite',
  storage: 'data/orm.sqlite',
});

module.exports = { db, sqlite, carts, sequelize };
