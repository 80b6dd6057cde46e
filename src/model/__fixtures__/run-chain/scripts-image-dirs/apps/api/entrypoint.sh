#!/bin/sh
set -e
# The image keeps the database scripts in /app/db, the repository in packages/db.
cd ./db
sh ./scripts/up.sh
cd ..
exec "$@"
