// near miss: the server imports it too, so production loads yargs.
const yargs = require('yargs');

exports.banner = () => `events-api ${yargs.argv.name ?? ''}`;
