// Shared by the lint-staged configurations: it runs in the commit hook, never in the server.
const { quote } = require('shell-quote');

exports.eslintCommand = (files) => `eslint --fix ${quote(files)}`;
