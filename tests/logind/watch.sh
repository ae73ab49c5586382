#!/usr/bin/env bash
# qlfit watch follows a logind stand-in on a private dbus-daemon: an idle session from
# IdleSinceHint, a lock, a suspend, SIGTERM while away, and a bus that goes away and comes
# back. The real binary writes the real database; the clock is the real one.
# Usage: watch.sh PATH/TO/qlfit PATH/TO/fake_logind
set -u
. "$(dirname "$0")/bus.sh"
watch_pid=""
cleanup() {
    [ -n "$watch_pid" ] && kill -KILL "$watch_pid" 2>/dev/null
    stop_logind
    stop_bus
    rm -rf "$work"
}
trap cleanup EXIT
export QLFIT_DB=$work/q.db TZ=Europe/Berlin
unset QLFIT_NOW

usec_ago() { echo $((($(date +%s) - $1) * 1000000)); }
entries() { "$qlfit" list --json | grep -c '"source": "away"'; }
start_watch() {
    "$qlfit" watch >>"$work/watch.out" 2>>"$work/watch.err" &
    watch_pid=$!
}

"$qlfit" config set break.natural 10s >/dev/null
start_bus
start_logind
start_watch
sleep 1

# Idle for the last 30 s, then back: one natural break from the moment idle began.
hints false true "$(usec_ago 30)"
check "idle: away from IdleSinceHint" 1 "$(wait_for 1 away_now)"
hints false false 0
check "back from idle: a natural break" 1 "$(wait_for 1 entries)"
length=$("$qlfit" list --json | sed -n 's/.*"duration_s": \([0-9]*\).*/\1/p' | tail -1)
check "the break lasted from IdleSinceHint (about 30 s)" yes \
    "$([ "$length" -ge 29 ] && [ "$length" -le 40 ] && echo yes || echo "no ($length s)")"
check "watch printed the break's line" 1 "$(grep -c '^#1 break' "$work/watch.out")"

# A lock of a second: too short for a break, and dropped.
hints true false 0
check "locked: away" 1 "$(wait_for 1 away_now)"
hints false false 0
check "unlocked: back" 0 "$(wait_for 0 away_now)"
check "a short lock is no break" 1 "$(entries)"

# Suspend and resume.
sleep_signal true
check "asleep: away" 1 "$(wait_for 1 away_now)"
sleep_signal false
check "resumed: back" 0 "$(wait_for 0 away_now)"

# The bus goes away and comes back: watch keeps running and follows the new one.
stop_logind
stop_bus
sleep 0.5
check "watch survives the bus going away" 0 "$(kill -0 "$watch_pid" 2>/dev/null; echo $?)"
start_bus
start_logind
sleep 2  # it tries again every second
hints false true "$(usec_ago 20)"
check "after a new bus: idle is followed" 1 "$(wait_for 1 away_now)"
hints false false 0
check "after a new bus: a natural break" 2 "$(wait_for 2 entries)"

# SIGTERM while away ends the period then: a break from IdleSinceHint to now.
hints false true "$(usec_ago 15)"
check "idle again: away" 1 "$(wait_for 1 away_now)"
kill -TERM "$watch_pid"
wait "$watch_pid"
check "SIGTERM: watch exits 0" 0 "$?"
watch_pid=""
check "SIGTERM while away: the period is ended and logged" 3 "$(entries)"
check "SIGTERM while away: no period left open" 0 "$(away_now)"
check "watch wrote no error" "" "$(cat "$work/watch.err")"

# --notify: a reminder goes out when it falls due (no walk today: the walk reminder, at any
# hour), once, through a stand-in notify-send that records what it was asked to show.
mkdir -p "$work/bin"
printf '#!/bin/sh\necho "$*" >>"%s/shown"\n' "$work" >"$work/bin/notify-send"
chmod +x "$work/bin/notify-send"
shown() { grep -c "minutes walked today" "$work/shown" 2>/dev/null || echo 0; }
hints false false 0  # at the desk: reminders speak
PATH="$work/bin:$PATH" DBUS_SESSION_BUS_ADDRESS=unix:path=$work/session_bus \
    "$qlfit" watch --notify >"$work/notify.out" 2>&1 &
watch_pid=$!
check "watch --notify: the walk reminder was sent" 1 "$(wait_for 1 shown)"
sleep 12  # reminders are checked every 10 s: one still due is not sent again
check "watch --notify: and not sent again while still due" 1 "$(shown)"
check "watch --notify: nothing printed" "" "$(cat "$work/notify.out")"
kill -TERM "$watch_pid"
wait "$watch_pid"
watch_pid=""

# Without libsystemd, watch runs as with no bus: it keeps running, sees no idle session,
# and SIGTERM ends it.
hints false true "$(usec_ago 15)"
LD_LIBRARY_PATH=$(no_libsystemd) "$qlfit" watch >"$work/nolib.out" 2>&1 &
watch_pid=$!
sleep 2
check "libsystemd not loadable: watch keeps running" 0 "$(kill -0 "$watch_pid" 2>/dev/null; echo $?)"
check "libsystemd not loadable: an idle session is not seen" 0 "$(away_now)"
kill -TERM "$watch_pid"
wait "$watch_pid"
check "libsystemd not loadable: SIGTERM, watch exits 0" 0 "$?"
watch_pid=""
check "libsystemd not loadable: watch printed nothing" "" "$(cat "$work/nolib.out")"
finish "logind watch"
