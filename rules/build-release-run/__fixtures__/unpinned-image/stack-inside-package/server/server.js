module.exports = { drivers: [require('./drivers/columnar'), require('./drivers/search')] };
