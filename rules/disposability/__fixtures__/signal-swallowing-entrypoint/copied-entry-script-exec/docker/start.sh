#!/bin/sh
set -e
exec node src/server.js
