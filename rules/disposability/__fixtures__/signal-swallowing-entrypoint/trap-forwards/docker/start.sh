#!/bin/bash
# The shell stays PID 1 but passes SIGTERM on to node itself, and waits for it.
node src/server.js &
child=$!
trap 'kill -TERM "$child"' TERM INT
wait "$child"
