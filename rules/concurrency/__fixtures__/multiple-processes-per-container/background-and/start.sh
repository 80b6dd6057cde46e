#!/bin/sh
mkdir -p /tmp/cache
node worker.js &
exec node api.js
