const { createStream } = require('rotating-file-stream');

exports.accessLog = createStream('access.log', { interval: '1d', path: process.env.LOG_DIR });
