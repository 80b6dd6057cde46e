const client = require('prom-client');

exports.mount = (app) => app.get('/metrics', async (_req, res) => res.send(await client.register.metrics()));
