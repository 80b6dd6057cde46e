// Template compilation needs the routes the web server mounts; it never starts the server.
const webserver = require('./webserver');

exports.run = () => Object.keys(webserver).length;
