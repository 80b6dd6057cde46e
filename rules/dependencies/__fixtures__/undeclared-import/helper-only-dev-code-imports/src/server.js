const express = require('express');
const { banner } = require('./banner');

const app = express();
app.get('/', (_req, res) => res.send(banner()));
app.listen(Number(process.env.PORT));
process.on('SIGTERM', () => process.exit(0));
