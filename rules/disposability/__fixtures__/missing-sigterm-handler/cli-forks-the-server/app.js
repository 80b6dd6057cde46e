// The forum process: serves and closes on SIGTERM.
const webserver = require('./src/webserver');

const server = webserver.start();
process.on('SIGTERM', () => server.close(() => process.exit(0)));
