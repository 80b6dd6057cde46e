const throng = require('throng');
const { start } = require('./app');

throng({ worker: start, lifetime: Infinity });
