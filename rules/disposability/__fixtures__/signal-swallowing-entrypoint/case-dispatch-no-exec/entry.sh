#!/bin/sh
set -e
case $1 in
  migrate) npx knex migrate:latest ;;
  web) node server.js ;;
  worker) exec node worker.js ;;
esac
