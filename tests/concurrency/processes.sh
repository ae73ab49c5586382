#!/usr/bin/env bash
# Real processes on one database: 8 x 200 `log` commands started together lose
# nothing and fail none; SIGKILL at several points of a large import leaves the
# database intact with the import all there or not at all.
# Usage: processes.sh PATH/TO/qlfit [WRITERS] [EACH] [ROWS]
set -u
. "$(dirname "$0")/../support/check.sh"
qlfit=$1
writers=${2:-8}
each=${3:-200}
rows=${4:-50000}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export HOME=$work TZ=Europe/Berlin QLFIT_NOW=2026-11-24T23:00:00+01:00
entries() { "$qlfit" --db "$1" export | tail -n +2 | grep -c .; }
intact() { sqlite3 "$1" 'PRAGMA integrity_check'; }

# --- parallel writers
db=$work/parallel.db
"$qlfit" --db "$db" log break --at 06:00 >/dev/null
for w in $(seq "$writers"); do
    (
        for i in $(seq "$each"); do
            "$qlfit" --db "$db" log break --at "$(( (i * 7 + w) % 900 ))m ago" >/dev/null 2>>"$work/errors" \
                || echo "writer $w run $i: exit $?" >>"$work/failed"
        done
    ) &
done
wait
check "every parallel log succeeded" "" "$(cat "$work/failed" "$work/errors" 2>/dev/null)"
check "every entry is there" "$((writers * each + 1))" "$(entries "$db")"
check "the database is intact" ok "$(intact "$db")"

# --- SIGKILL during a large import
big_csv "$rows" 0a0a0a0a >"$work/big.csv"
for delay in 0.02 0.05 0.1 0.2 0.4 0.8; do
    db=$work/kill-$delay.db
    "$qlfit" --db "$db" log break --at 06:00 >/dev/null
    "$qlfit" --db "$db" import "$work/big.csv" >/dev/null 2>&1 &
    sleep "$delay"
    kill -KILL $! 2>/dev/null
    wait $! 2>/dev/null
    count=$(entries "$db")
    if [ "$count" == 1 ] || [ "$count" == $((rows + 1)) ]; then all_or_nothing=yes; else all_or_nothing="no: $count"; fi
    check "import killed after ${delay}s: all or nothing" yes "$all_or_nothing"
    check "import killed after ${delay}s: database intact" ok "$(intact "$db")"
    "$qlfit" --db "$db" import "$work/big.csv" >/dev/null
    check "import killed after ${delay}s: the next import completes it" $((rows + 1)) "$(entries "$db")"
done

finish "processes"
