const express = require('express');
const { quote } = require('shell-quote');

const app = express();
app.get('/echo', (req, res) => res.send(quote([String(req.query.q)])));
const server = app.listen(Number(process.env.PORT));
process.on('SIGTERM', () => server.close());
