#!/bin/sh
nginx -t
nginx
exec node dist/main.js
