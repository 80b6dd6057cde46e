#!/bin/sh
set -e
npm ci --omit=dev
exec "$@"
