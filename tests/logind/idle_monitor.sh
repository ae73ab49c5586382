#!/usr/bin/env bash
# qlfit watch follows a stand-in for GNOME's org.gnome.Mutter.IdleMonitor on a private
# session bus, for desktops that never set logind's IdleHint (no system bus at all here):
# an idle watch at break.natural opens an away period where the idle time began, the
# user-active watch ends it, and a session bus that goes away and comes back is followed.
# The real binary writes the real database; the clock is the real one.
# Usage: idle_monitor.sh PATH/TO/qlfit PATH/TO/fake_idle_monitor
set -u
. "$(dirname "$0")/bus.sh"
session_pid=""
monitor_pid=""
watch_pid=""
start_session() {
    bus_daemon session session_bus
    session_pid=$daemon_pid
    : >"$work/monitor.out"
    "$fake" >>"$work/monitor.out" 2>"$work/monitor.err" &
    monitor_pid=$!
    for _ in $(seq 100); do grep -q ready "$work/monitor.out" && break; sleep 0.05; done
    grep -q ready "$work/monitor.out" || { echo "fake_idle_monitor did not start:"; cat "$work/monitor.err"; }
}
stop_session() {
    [ -n "$monitor_pid" ] && kill "$monitor_pid" 2>/dev/null && wait "$monitor_pid" 2>/dev/null
    [ -n "$session_pid" ] && kill "$session_pid" 2>/dev/null && wait "$session_pid" 2>/dev/null
    monitor_pid=""
    session_pid=""
}
cleanup() {
    [ -n "$watch_pid" ] && kill -KILL "$watch_pid" 2>/dev/null
    stop_session
    rm -rf "$work"
}
trap cleanup EXIT
export QLFIT_DB=$work/q.db TZ=Europe/Berlin
export DBUS_SESSION_BUS_ADDRESS="unix:path=$work/session_bus"
export DBUS_SYSTEM_BUS_ADDRESS="unix:path=$work/no_system_bus"
unset QLFIT_NOW

monitor() {  # METHOD [ARGUMENT]
    dbus-send --session --print-reply --dest=org.gnome.Mutter.IdleMonitor \
        /org/qlfit/FakeIdleMonitor "org.qlfit.FakeIdleMonitor.$1" ${2:+"$2"} >/dev/null
}
entries() { "$qlfit" list --json | grep -c '"source": "away"'; }
watches() { grep -c "^$1 watch" "$work/monitor.out"; }
length_of() {  # N: entry N's duration in seconds
    "$qlfit" list --json | awk -v n="$1" '/"n":/ { at = $2 + 0 } /"duration_s":/ && at == n { print $2 + 0 }'
}
about() {  # SECONDS ACTUAL: yes when ACTUAL is SECONDS, give or take the test's own pace
    [ -n "$2" ] && [ "$2" -ge $(($1 - 1)) ] && [ "$2" -le $(($1 + 10)) ] && echo yes || echo "no ($2 s)"
}

# The user was idle for SECONDS (the idle watch fired, or had by the time watch started):
# away, then input (the user-active watch fires): entry N, a natural break from when the
# idle time began. LABEL names the case.
back_from_idle() {  # SECONDS N LABEL
    check "$3: away" 1 "$(wait_for 1 away_now)"
    check "$3: a user-active watch is added" 1 "$(wait_for 1 watches active)"
    monitor Active
    check "$3: a natural break" "$2" "$(wait_for "$2" entries)"
    check "$3: it began when the idle time did (about $1 s)" yes "$(about "$1" "$(length_of "$2")")"
    check "$3: back" 0 "$(away_now)"
}

"$qlfit" config set break.natural 10s >/dev/null
start_session
"$qlfit" watch >>"$work/watch.out" 2>>"$work/watch.err" &
watch_pid=$!
check "watch adds an idle watch at break.natural (10 s)" 1 "$(wait_for 1 watches idle)"
check "the idle watch is of 10000 ms" 1 "$(grep -c '^idle watch 10000$' "$work/monitor.out")"
monitor Idle uint64:30000
back_from_idle 30 1 "idle for 30 s"
check "watch printed the break's line" 1 "$(grep -c '^#1 break' "$work/watch.out")"

# The session bus goes away and comes back: watch keeps running and arms the new monitor.
stop_session
sleep 0.5
check "watch survives the session bus going away" 0 "$(kill -0 "$watch_pid" 2>/dev/null; echo $?)"
start_session
check "a new session bus: the idle watch is added again" 1 "$(wait_for 1 watches idle)"
monitor Idle uint64:20000
back_from_idle 20 2 "after a new session bus"

# Idle past break.natural already when watch starts: away from when the idle time began.
kill -TERM "$watch_pid"
wait "$watch_pid"
check "SIGTERM: watch exits 0" 0 "$?"
monitor Idle uint64:40000
: >"$work/monitor.out"
"$qlfit" watch >>"$work/watch.out" 2>>"$work/watch.err" &
watch_pid=$!
back_from_idle 40 3 "idle before watch started"
kill -TERM "$watch_pid"
wait "$watch_pid"
watch_pid=""
check "watch wrote no error" "" "$(cat "$work/watch.err")"
finish "idle monitor watch"
