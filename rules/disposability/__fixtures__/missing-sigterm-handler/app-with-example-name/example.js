// Near miss of library-usage-example: the package is private, an app, and this is its server.
const net = require('node:net');
const createBroker = require('./lib/broker');

const broker = createBroker();
net.createServer(broker.handle).listen(Number(process.env.PORT));
