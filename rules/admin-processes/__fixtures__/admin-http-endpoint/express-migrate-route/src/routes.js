const express = require('express');
const knex = require('./knex');

const router = express.Router();

router.get('/users', async (req, res) => res.json(await knex('users')));

router.post('/admin/migrate', async (req, res) => {
  await knex.migrate.latest();
  res.sendStatus(204);
});

router.post('/seed', require('./seed-handler'));

module.exports = router;
