#!/bin/sh
set -e
export HOSTNAME=0.0.0.0
exec node server.js
