// A mail catcher for trying notifications locally.
const net = require('node:net');

net.createServer((socket) => socket.end('220 ready\r\n')).listen(Number(process.env.SMTP_PORT));
