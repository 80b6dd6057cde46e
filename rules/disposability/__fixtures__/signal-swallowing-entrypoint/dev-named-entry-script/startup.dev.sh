#!/bin/sh
set -e
echo "starting"
node server.js
