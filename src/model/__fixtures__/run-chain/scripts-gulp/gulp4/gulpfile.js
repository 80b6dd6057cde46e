const { series, parallel } = require('gulp');
const nodemon = require('gulp-nodemon');
const { spawn } = require('child_process');

function build(done) {
  done();
}

function serve(done) {
  nodemon({ script: 'src/server.js', ext: 'js', env: { NODE_ENV: 'development' }, done });
}

function worker() {
  return spawn('node', ['src/worker.js'], { stdio: 'inherit' });
}

function computed() {
  // Known only at run time: not followed.
  nodemon({ script: process.env.ENTRY });
}

exports.build = build;
exports.serve = series(build, parallel(serve, worker));
exports.dynamic = computed;
exports.default = series(build);
