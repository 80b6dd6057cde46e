const grpc = require('@grpc/grpc-js');
const pino = require('pino');

const server = new grpc.Server();
module.exports = { server, log: pino() };
