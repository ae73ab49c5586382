#!/usr/bin/env bash
# Child programs under a time limit, their outputs read together: fake notify-send and
# crontab programs first on PATH that hang, flood both pipes, or fail.
# Usage: children.sh PATH/TO/qlfit
set -u
. "$(dirname "$0")/../support/check.sh"
qlfit=$1
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/bin"
export PATH="$work/bin:$PATH" QLFIT_DB=$work/q.db TZ=Europe/Berlin
# A Tuesday at 10:00, nothing logged since working hours began: a break is due.
export QLFIT_NOW=2026-11-24T10:00:00+01:00
# A session bus address, so that notify-send is tried at all.
export DBUS_SESSION_BUS_ADDRESS=unix:path=$work/no-bus
line="Time to stand up and move: you have sat 1h (since 09:00). Log it with 'qlfit log break'."

fake() {  # NAME BODY: a program NAME on PATH running BODY
    printf '#!/bin/sh\n%s\n' "$2" >"$work/bin/$1"
    chmod +x "$work/bin/$1"
}
# Runs qlfit ARGS... under an outer limit of 30 s (so a hang fails instead of blocking
# ctest); prints its exit status and the whole seconds it took.
timed() {
    local start=$SECONDS
    timeout -s KILL 30 "$qlfit" "$@" >"$work/out" 2>"$work/err"
    echo "$? $((SECONDS - start))"
}
took_under() {  # LIMIT "CODE SECONDS"
    [ "${2#* }" -lt "$1" ] && echo yes || echo "no (${2#* } s)"
}

fake notify-send 'echo "$*" >>"$(dirname "$0")/shown"; exit 0'
result=$(timed remind --for break --notify)
check "a working notifier: exit 0" 0 "${result% *}"
check "a working notifier: nothing on stdout" "" "$(cat "$work/out")"
check "a working notifier: shown" 1 "$(grep -c "Time to stand up" "$work/bin/shown")"

# The programs a hanging fake leaves: none may still run once qlfit is done.
running() {
    local pid
    for pid in $(cat "$work/pids" 2>/dev/null); do
        [ -e /proc/$pid ] && [ "$(cut -d' ' -f3 /proc/$pid/stat)" != Z ] && echo "$pid"
    done
    rm -f "$work/pids"
}
fake notify-send 'echo $$ >>"$(dirname "$0")/../pids"; exec sleep 1000'
result=$(timed remind --for break --notify)
check "a notifier that hangs: exit 0" 0 "${result% *}"
check "a notifier that hangs: given up on well under 10 s" yes "$(took_under 9 "$result")"
check "a notifier that hangs: the line goes to stdout" "$line" "$(cat "$work/out")"
check "a notifier that hangs: no error line" "" "$(cat "$work/err")"
check "a notifier that hangs: killed, not left running" "" "$(running)"

fake notify-send 'sleep 1000 & echo $! >>"$(dirname "$0")/../pids"; wait'
result=$(timed remind --for break --notify)
check "a notifier whose child hangs: the line goes to stdout" "$line" "$(cat "$work/out")"
check "a notifier whose child hangs: given up on well under 10 s" yes "$(took_under 9 "$result")"
check "a notifier whose child hangs: both killed" "" "$(running)"

fake notify-send 'head -c 1048576 /dev/zero >&2; head -c 1048576 /dev/zero; exit 0'
result=$(timed remind --for break --notify)
check "a notifier that floods stderr then stdout: no deadlock, exit 0" 0 "${result% *}"
check "a notifier that floods both pipes: counts as shown" "" "$(cat "$work/out")"

fake notify-send 'echo "cannot connect" >&2; exit 1'
result=$(timed remind --for break --notify)
check "a notifier that fails: exit 0" 0 "${result% *}"
check "a notifier that fails: the line goes to stdout" "$line" "$(cat "$work/out")"

fake crontab 'echo $$ >>"$(dirname "$0")/../pids"; exec sleep 1000'
result=$(timed cron --install)
check "a crontab that hangs: exit 3" 3 "${result% *}"
check "a crontab that hangs: given up on within 15 s" yes "$(took_under 15 "$result")"
check "a crontab that hangs: one qlfit: line" "1 1" "$(wc -l <"$work/err") $(grep -c '^qlfit: .*crontab' "$work/err")"
check "a crontab that hangs: nothing on stdout" "" "$(cat "$work/out")"
check "a crontab that hangs: killed, not left running" "" "$(running)"

fake crontab 'cat >/dev/null; head -c 1048576 /dev/zero >&2; head -c 1048576 /dev/zero; exit 0'
result=$(timed cron --install)
check "a crontab that floods both pipes: no deadlock, exit 0" 0 "${result% *}"
finish "children"
