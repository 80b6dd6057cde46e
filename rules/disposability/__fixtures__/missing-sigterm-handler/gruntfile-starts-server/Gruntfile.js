// `grunt serve` rebuilds the assets and serves the forum while a developer edits them.
const webserver = require('./src/webserver');

module.exports = function (grunt) {
  grunt.registerTask('serve', () => webserver.listen());
};
