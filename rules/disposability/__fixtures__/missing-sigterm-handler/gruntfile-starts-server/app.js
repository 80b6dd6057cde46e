// The forum itself: closes the server on SIGTERM.
const { server } = require('./src/webserver');

process.on('SIGTERM', () => server.close(() => process.exit(0)));
