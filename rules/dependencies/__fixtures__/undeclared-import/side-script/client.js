// Sends one request to a running server, for manual checks.
const grpc = require('grpc');

module.exports = grpc;
