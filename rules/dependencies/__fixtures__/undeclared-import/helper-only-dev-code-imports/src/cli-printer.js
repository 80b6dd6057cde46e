// Used only by the examples folder.
const chalk = require('chalk');

exports.print = (line) => console.log(chalk.green(line));
