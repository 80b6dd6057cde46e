#!/bin/sh
chown -R node:node /home/node
exec gosu node node ./src/server.js
