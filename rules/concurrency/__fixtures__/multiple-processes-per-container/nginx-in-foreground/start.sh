#!/bin/sh
# Near miss: the configuration is tested, then nginx runs in the foreground as the one process.
nginx -t
exec nginx -g 'daemon off;'
