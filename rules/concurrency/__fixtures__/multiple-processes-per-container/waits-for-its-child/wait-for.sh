#!/bin/sh
# Waits for a host:port, with a timeout: the check runs in the background and this script waits for it.
while [ $# -gt 0 ]; do
  case "$1" in
    -q | --quiet)
      QUIET=1
      shift
      ;;
    -t | --timeout)
      TIMEOUT="$2"
      shift 2
      ;;
    *)
      TARGET="$1"
      shift
      ;;
  esac
done
if [ "$QUIET" = 1 ]; then
  timeout "$TIMEOUT" ./wait-for.sh --child --quiet "$TARGET" &
else
  timeout "$TIMEOUT" ./wait-for.sh --child "$TARGET" &
fi
CHILD=$!
trap "kill -INT -$CHILD" INT
wait $CHILD
