// A DNS server to try the DNS monitor against, started by hand; no script or image runs it.
const dgram = require('node:dgram');
const net = require('node:net');

const udp = dgram.createSocket('udp4');
const tcp = net.createServer((socket) => socket.end());
tcp.listen(Number(process.env.DNS_PORT));
udp.bind(Number(process.env.DNS_PORT));
