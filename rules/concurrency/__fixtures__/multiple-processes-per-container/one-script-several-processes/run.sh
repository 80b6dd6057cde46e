#!/bin/sh
node migrate.js
nginx -g 'daemon off;' &
NGINX_PID=$!
if [ "$CACHE_IS_EXTERNAL" != "true" ]; then
    redis-server /app/redis.conf &
fi
stop() {
    kill -TERM "$APP_PID" 2>/dev/null
    kill -TERM "$NGINX_PID" 2>/dev/null
    exit 0
}
trap stop TERM INT
node server.js &
APP_PID=$!
while true; do
    wait "$APP_PID"
    break
done
