#!/bin/sh
set -eu
node /home/app/validate-env.mjs
exec node server/index.js
