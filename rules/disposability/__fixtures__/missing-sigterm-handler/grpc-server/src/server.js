const grpc = require('@grpc/grpc-js');
const protoLoader = require('@grpc/proto-loader');

const definition = protoLoader.loadSync(`${__dirname}/currency.proto`);
const { CurrencyService } = grpc.loadPackageDefinition(definition).shop;

const server = new grpc.Server();
server.addService(CurrencyService.service, { convert: (call, cb) => cb(null, call.request) });
server.bindAsync(`0.0.0.0:${process.env.PORT || 7000}`, grpc.ServerCredentials.createInsecure(), () => {
  console.log('listening');
});
