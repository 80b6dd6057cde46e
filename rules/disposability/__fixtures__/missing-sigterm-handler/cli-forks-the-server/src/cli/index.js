// `forum build` compiles in this process; `forum start` forks app.js, which serves.
const { fork } = require('node:child_process');
const path = require('node:path');
const build = require('../build');

if (process.argv[2] === 'build') build.run();
else fork(path.join(__dirname, '../../app.js'));
