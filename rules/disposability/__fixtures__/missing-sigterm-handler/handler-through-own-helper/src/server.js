const express = require('express');
const shutdown = require('./shutdown');

const server = express().listen(process.env.PORT ?? 8484);
shutdown.addCleanup(() => new Promise((resolve) => server.close(resolve)));
shutdown.cleanupOnSignals('SIGINT', 'SIGTERM');
