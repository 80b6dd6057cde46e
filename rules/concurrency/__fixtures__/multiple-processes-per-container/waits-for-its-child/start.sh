#!/bin/sh
./wait-for.sh db:5432 --quiet --timeout 30
exec node server.js
