#!/bin/sh
set -e
node src/server.js
