const express = require('express');

const app = express();

app.get('env');
app.get('/migrations-guide', (req, res) => res.redirect('/docs/migrations'));
app.post('/orders', async (req, res) => {
  const order = await req.db.orders.create(req.body);
  res.status(201).json(order);
});

module.exports = app;
