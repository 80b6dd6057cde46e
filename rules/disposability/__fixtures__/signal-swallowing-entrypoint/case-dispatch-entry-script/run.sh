#!/bin/sh
# One image, several processes: the first argument picks one.
case "$1" in
  serve|web)
    exec npm run serve
    ;;
  rotate-keys)
    exec npm run keys:rotate
    ;;
  *)
    echo "usage: run.sh serve|rotate-keys" >&2
    exit 64
    ;;
esac
