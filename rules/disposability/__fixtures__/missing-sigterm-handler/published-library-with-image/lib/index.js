// A library's API: the server listens when an application calls attach(), in the application's process.
const http = require('node:http');
const debug = require('debug')('realtime:server');

class Server {
  attach(port) {
    this.httpServer = http.createServer();
    debug('attaching to port %d', port);
    this.httpServer.listen(port);
    return this;
  }
}

// A statement that runs at load, as a library's mixins do.
Object.assign(Server.prototype, require('node:events').EventEmitter.prototype);

module.exports = { Server };
