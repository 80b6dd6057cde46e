const throng = require('throng');
const { start } = require('./app');

// One worker: throng only restarts it when it dies.
throng({ worker: start, count: 1 });
