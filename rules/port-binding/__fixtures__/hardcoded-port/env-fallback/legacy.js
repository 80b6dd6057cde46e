var http = require('http');

var port = process.env.PORT || 4000;
var server = http.createServer(function (_req, res) {
  res.end('ok');
});

function inspectorUrl() {
  // A local `port` of another function: listen() below reads the module-level one.
  var port = 9229;
  return 'ws://127.0.0.1:' + port;
}

server.listen(port, function () {
  console.log('listening; inspector at ' + inspectorUrl());
});
process.on('SIGTERM', function () {
  server.close();
});
