#!/bin/sh
# Near miss: the server line has no exec (the echo after it does no work of its own).
node src/server.js --migrate
node src/server.js
echo "server stopped"
