const express = require('express');

exports.start = function start() {
  const server = express().listen(Number(process.env.PORT || 3000));
  process.on('SIGTERM', () => server.close());
};
