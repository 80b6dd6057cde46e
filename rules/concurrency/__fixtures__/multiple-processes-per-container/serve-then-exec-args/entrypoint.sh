#!/bin/sh
# nginx puts itself in the background; the server then runs in the foreground, and the
# entrypoint idiom after it runs only what the caller passed (often nothing).
nginx
node server.js
if [ "${1#-}" != "${1}" ]; then
  set -- node "$@"
fi
exec "$@"
