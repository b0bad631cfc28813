#!/usr/bin/env bash
# pargist-view's window on the X server in $DISPLAY: opens FILE, turns to the
# next page with 'n', closes with 'q'; the program must then exit 0.
#   browse_window.sh PARGIST_VIEW FILE.cgm
set -uo pipefail
view=$1
file=$2
[ -n "${DISPLAY:-}" ] || { echo "no DISPLAY"; exit 1; }
"$view" "$file" &
pid=$!
wid=""
for _ in $(seq 100); do
  wid=$(xdotool search --name "pargist-view" 2>/dev/null | head -1)
  [ -n "$wid" ] && break
  sleep 0.1
done
if [ -z "$wid" ]; then
  echo "no pargist-view window appeared"
  kill "$pid" 2>/dev/null
  exit 1
fi
xdotool key --window "$wid" n 2>/dev/null
sleep 0.5
xdotool key --window "$wid" q 2>/dev/null
for _ in $(seq 100); do
  kill -0 "$pid" 2>/dev/null || break
  sleep 0.1
done
if kill -0 "$pid" 2>/dev/null; then
  echo "pargist-view did not close on 'q'"
  kill "$pid"
  exit 1
fi
wait "$pid"
status=$?
echo "pargist-view exited with $status"
exit $status
