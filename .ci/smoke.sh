#!/usr/bin/env bash
# Smoke test of the window: builds wxlog, starts it under Xvfb on the
# built-in demo case, searches for a text, takes a screenshot and fails
# when it is blank.
# Usage: .ci/smoke.sh [SCREENSHOT.png]   (default: $TMPDIR/wxlog-smoke.png, overwritten)
# The build and logs go to a temporary folder that is removed at the end.
set -euo pipefail
cd "$(dirname "$0")/.."

export LANG=C.UTF-8 LANGUAGE=en GSETTINGS_BACKEND=memory FYNE_THEME=light
work=$(mktemp -d)
shot=${1:-${TMPDIR:-/tmp}/wxlog-smoke.png}
display=:${SMOKE_DISPLAY:-97}
go build -o "$work/wxlog" .

Xvfb "$display" -screen 0 1600x1000x24 -nolisten tcp >"$work/xvfb.log" 2>&1 &
xvfb_pid=$!
app_pid=
cleanup() {
	[ -n "$app_pid" ] && kill "$app_pid" 2>/dev/null || true
	kill "$xvfb_pid" 2>/dev/null || true
	wait 2>/dev/null || true
	rm -rf "$work"
}
trap cleanup EXIT

for _ in $(seq 50); do DISPLAY=$display xdpyinfo >/dev/null 2>&1 && break; sleep 0.1; done
# The window's settings and recent files go to a throwaway config
# folder, so the run neither reads nor changes the user's own.
DISPLAY=$display XDG_CONFIG_HOME=$work/config "$work/wxlog" --demo >"$work/app.log" 2>&1 &
app_pid=$!
for _ in $(seq 100); do DISPLAY=$display xdotool search --name '^wxlog$' >/dev/null 2>&1 && break; sleep 0.1; done
# Loading and analysing the demo runs in the background after the window
# appears; give it time to draw the timeline.
sleep "${SMOKE_WAIT:-4}"

if ! kill -0 "$app_pid" 2>/dev/null; then
	echo "smoke: wxlog exited early; its output:" >&2
	cat "$work/app.log" >&2
	exit 1
fi
# Search the way a user does: Ctrl+F, type, Enter selects the first hit,
# which fills the detail pane. Without a window manager xdotool cannot
# activate the window, so it only sets the input focus.
win=$(DISPLAY=$display xdotool search --name '^wxlog$' | head -1)
DISPLAY=$display xdotool windowfocus --sync "$win" 2>/dev/null || true
DISPLAY=$display xdotool key ctrl+f
sleep 0.3
DISPLAY=$display xdotool type --delay 50 "${SMOKE_SEARCH:-401}"
sleep 1
DISPLAY=$display xdotool key Return
sleep 1
DISPLAY=$display import -window root "$shot"
varied=$(identify -format '%[fx:standard_deviation>0.01]' "$shot")
if [ "$varied" != 1 ]; then
	echo "smoke: the screenshot $shot is blank" >&2
	exit 1
fi
echo "smoke: ok, screenshot in $shot"
