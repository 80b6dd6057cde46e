#!/bin/sh
chown -R node:node /home/node
exec su -c "node ./src/server.js" node
