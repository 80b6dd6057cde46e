#!/bin/bash
# A virtual display for the browsers of the one node process: its helper, not a process type.
Xvfb :99 -screen 0 1024x768x16 &
export DISPLAY=:99
# A recording proxy that lives for one measurement: the measurement is a step the script waits
# for, and the arithmetic after it is no process.
replay record /tmp/archive &
node measure.js "$@"
RESULT+=$?
kill -2 $!
exit $RESULT
