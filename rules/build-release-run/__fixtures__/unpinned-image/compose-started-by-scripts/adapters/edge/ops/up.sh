#!/usr/bin/env bash
# A deploy script's shell script: what it brings up is deployed.
docker compose up -d
