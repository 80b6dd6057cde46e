#!/bin/sh
npx knex migrate:latest
exec node src/server.js
