#!/usr/bin/env bash
# SIGKILL at several points of a large sync, on the sending and on the receiving side:
# nothing is lost, no temporary file stays behind after the next sync, and the next sync
# completes it (the two databases export the same bytes).
# Usage: sync_kill.sh PATH/TO/qlfit [ROWS]
set -u
. "$(dirname "$0")/../support/check.sh"
qlfit=$1
rows=${2:-20000}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export HOME=$work TZ=Europe/Berlin QLFIT_NOW=2026-11-24T23:00:00+01:00
intact() { sqlite3 "$1" 'PRAGMA integrity_check'; }
big_csv "$rows" 0c0c0c0c >"$work/big.csv"
"$qlfit" --db "$work/source.db" import "$work/big.csv" >/dev/null
for delay in 0.05 0.2 0.5 1 2; do
    dir=$work/sync-$delay
    sender=$work/send-$delay.db
    receiver=$work/receive-$delay.db
    cp "$work/source.db" "$sender"
    "$qlfit" --db "$sender" sync "$dir" >/dev/null 2>&1 &
    sleep "$delay"
    kill -KILL $! 2>/dev/null
    wait $! 2>/dev/null
    check "sender killed after ${delay}s: database intact" ok "$(intact "$sender")"
    "$qlfit" --db "$sender" sync "$dir" >/dev/null
    check "sender killed after ${delay}s: no temporary file left" "" "$(find "$dir" -name '.tmp-*')"
    "$qlfit" --db "$receiver" sync "$dir" >/dev/null 2>&1 &
    sleep "$delay"
    kill -KILL $! 2>/dev/null
    wait $! 2>/dev/null
    if [ -e "$receiver" ]; then state=$(intact "$receiver"); else state=ok; fi
    check "receiver killed after ${delay}s: database intact (or not made yet)" ok "$state"
    "$qlfit" --db "$receiver" sync "$dir" >/dev/null
    check "killed after ${delay}s: the next syncs complete it" \
        "$("$qlfit" --db "$sender" export --format json | md5sum)" \
        "$("$qlfit" --db "$receiver" export --format json | md5sum)"
    check "killed after ${delay}s: nothing lost" "$rows" \
        "$("$qlfit" --db "$receiver" export | tail -n +2 | grep -c .)"
    check "killed after ${delay}s: up to date after" "up to date" "$("$qlfit" --db "$receiver" sync)"
done
finish "sync_kill"
