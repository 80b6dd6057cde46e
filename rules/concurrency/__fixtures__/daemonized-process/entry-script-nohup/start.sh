#!/bin/sh
set -e
nohup node server.js > /var/log/app.out 2>&1 &
