const http = require('node:http');
const shutdown = require('./shutdown');

// Near miss: the same helper, told to handle Ctrl-C only.
const server = http.createServer((_req, res) => res.end('ok')).listen(process.env.JOBS_PORT ?? 8585);
shutdown.addCleanup(() => new Promise((resolve) => server.close(resolve)));
shutdown.cleanupOnSignals('SIGINT');
