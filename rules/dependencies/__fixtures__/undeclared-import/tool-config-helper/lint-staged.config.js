const { eslintCommand } = require('./lint-staged.common.js');

module.exports = { '*.js': (files) => eslintCommand(files) };
