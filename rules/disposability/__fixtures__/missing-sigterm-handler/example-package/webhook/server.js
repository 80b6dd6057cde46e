const http = require('node:http');

// Prints what the webhook sends: a starting point to copy, not a service of the project.
http.createServer((req, res) => res.end('ok')).listen(process.env.WEBHOOK_PORT ?? 8888);
