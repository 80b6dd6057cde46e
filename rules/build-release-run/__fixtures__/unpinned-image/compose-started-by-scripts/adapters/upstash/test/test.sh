#!/usr/bin/env bash
# The adapter's tests: the HTTP Redis they run against comes up from this package's folder.
docker compose up -d
vitest run
docker compose down -v
