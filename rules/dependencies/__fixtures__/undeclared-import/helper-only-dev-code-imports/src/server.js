const express = require('express');
const { banner } = require('./banner');

const app = express();
app.get('/', (_req, res) => res.send(banner()));
// API docs on a developer's machine only.
if (process.env.NODE_ENV !== 'production' && process.env.ENABLE_DOCS === 'true') {
  require('./api-docs').mount(app);
}
// near miss: metrics in production, from a devDependency.
if (process.env.NODE_ENV === 'production') require('./metrics').mount(app);
const server = app.listen(Number(process.env.PORT));
process.on('SIGTERM', () => server.close());
