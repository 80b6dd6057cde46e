// How to embed the broker: a usage example of the library, run by a reader who tries it.
const net = require('node:net');
const createBroker = require('./lib/broker');

const broker = createBroker();
net.createServer(broker.handle).listen(1883);
