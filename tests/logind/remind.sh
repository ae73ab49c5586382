#!/usr/bin/env bash
# remind asks logind (a stand-in on a private dbus-daemon) whether the user's graphical
# session is locked or idle, and then says nothing; without a bus or an answer it speaks
# as before, within its time limit.
# Usage: remind.sh PATH/TO/qlfit PATH/TO/fake_logind
set -u
. "$(dirname "$0")/bus.sh"
cleanup() { stop_logind; stop_bus; rm -rf "$work"; }
trap cleanup EXIT
export QLFIT_DB=$work/q.db TZ=Europe/Berlin
# A Tuesday at 10:00, nothing logged since working hours began: a break is due.
export QLFIT_NOW=2026-11-24T10:00:00+01:00
line="Time to stand up and move: you have sat 1h (since 09:00). Log it with 'qlfit log break'."
remind() { timeout -s KILL 20 "$qlfit" remind --for break 2>&1; }
# With no answer in time (WHAT): remind speaks, within 5 s (250 ms of asking; the rest is
# start-up, generous for a loaded machine).
speaks_in_time() {  # WHAT
    local start elapsed_ms
    start=$(date +%s%N)
    check "$1: remind speaks" "$line" "$(remind)"
    elapsed_ms=$((($(date +%s%N) - start) / 1000000))
    check "$1: remind finishes within 5 s" yes \
        "$([ "$elapsed_ms" -lt 5000 ] && echo yes || echo "no ($elapsed_ms ms)")"
}

start_bus
check "the private bus runs" 0 "$(kill -0 "$bus_pid" 2>/dev/null; echo $?)"
start_logind --locked
check "the stand-in owns org.freedesktop.login1" ready "$(cat "$work/logind.out")"
check "a locked session: remind is silent" "" "$(remind)"
hints false true 0
check "an idle session: remind is silent" "" "$(remind)"
hints false false 0
check "at the desk: remind speaks" "$line" "$(remind)"
check "remind wrote nothing" no "$([ -e "$QLFIT_DB" ] && echo yes || echo no)"

# Without libsystemd, a locked session is not seen: remind speaks, as with no bus.
hints true false 0
check "a locked session, libsystemd not loadable: remind speaks" "$line" \
    "$(LD_LIBRARY_PATH=$(no_libsystemd) remind)"
# A libsystemd.so.0 without sd-bus in it (libm under that name): the same.
cp "$(ldd "$qlfit" | awk '$1 == "libm.so.6" {print $3}')" "$(no_libsystemd)/libsystemd.so.0"
check "a locked session, libsystemd without sd-bus: remind speaks" "$line" \
    "$(LD_LIBRARY_PATH=$work/nolib remind)"

# remind asks GetUser for its own uid and follows the path it gives: a user object that is
# not at /org/freedesktop/login1/user/_UID is found all the same; when logind has only
# another user (this one has no session), it is not away and speaks.
stop_logind
start_logind --locked --user-path /org/freedesktop/login1/user/elsewhere
check "a user object where GetUser says, locked: remind is silent" "" "$(remind)"
stop_logind
start_logind --locked --uid $(($(id -u) + 1))
check "logind knows another user only: remind speaks" "$line" "$(remind)"

# Locked, and IdleHint never answered: locked is enough, remind is silent.
stop_logind
start_logind --locked --silent-idle
check "locked, IdleHint unanswered: remind is silent" "" "$(remind)"

# A locked session that is not a display one (a text console): remind speaks.
stop_logind
start_logind --locked --no-display
check "no display session: remind speaks" "$line" "$(remind)"

# Display is answered but the session's hints never are: remind gives up in time.
stop_logind
start_logind --locked --silent-session
speaks_in_time "unanswered hints"
stop_logind

# A login manager that never answers (stopped): remind gives up in time and speaks.
start_logind --locked
kill -STOP "$logind_pid"
speaks_in_time "an unanswering logind"
stop_logind

# The bus is there but logind is not; then no bus at all.
check "no logind on the bus: remind speaks" "$line" "$(remind)"
# A bus daemon that never answers (stopped, so not even sd-bus's Hello): the same, in time.
kill -STOP "$bus_pid"
speaks_in_time "an unanswering bus"
kill -CONT "$bus_pid"
stop_bus
check "no bus: remind speaks" "$line" "$(remind)"
export DBUS_SYSTEM_BUS_ADDRESS=unix:path=$work/none
check "a bus address with nothing there: remind speaks" "$line" "$(remind)"
finish "logind remind"
