const express = require('express');
const { banner } = require('./banner');

const app = express();
app.get('/', (_req, res) => res.send(banner()));
const server = app.listen(Number(process.env.PORT));
process.on('SIGTERM', () => server.close());
