#!/bin/sh
set -e
# The same program, once to migrate (the script waits for it), then as the server.
node src/server.js --migrate
exec node src/server.js
