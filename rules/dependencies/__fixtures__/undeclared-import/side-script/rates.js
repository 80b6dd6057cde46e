const yargs = require('yargs');

module.exports = yargs;
