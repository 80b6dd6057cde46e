#!/bin/sh
# The dashboard's own package declares next: npx runs the installed copy, nothing is downloaded.
cd packages/dashboard
exec npx next start
