#!/bin/bash
set -e
npm start -- --no-daemon
