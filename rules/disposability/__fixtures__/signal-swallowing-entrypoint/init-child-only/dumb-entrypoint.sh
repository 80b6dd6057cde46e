#!/bin/sh
set -e
echo "starting"
node src/server.js
