#!/usr/bin/env bash
# Benchmarks qlfit on a generated history, side by side in interleaved rounds with the
# floor (the sqlite3 shell doing the same work on a bare indexed table) and with
# timewarrior summarising the same intervals; peak memory of each; the core's
# micro-benchmarks. Writes docs/performance.md.
# Needs (Debian): timewarrior sqlite3 libbenchmark-dev, and what scripts/install-deps
# installs. Usage: bench/run.sh [YEARS] [ROUNDS]
# ROUNDS (default 200) is for the everyday commands: a few ms each, so many rounds cost
# seconds, and on a shared machine their medians need them (30 rounds moved by +-10%).
set -euo pipefail
cd "$(dirname "$0")/.."
years=${1:-20}
rounds=${2:-200}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
load_before=$(cut -d' ' -f1-3 /proc/loadavg)
for tool in timew sqlite3; do
    command -v "$tool" >/dev/null || { echo "bench: needs $tool (apt-get install timewarrior sqlite3)"; exit 1; }
done
cmake --preset release -DQLFIT_BENCH=ON >/dev/null
cmake --build --preset release >/dev/null
build=$PWD/build/release
qlfit=$build/qlfit
interleave=$build/bench/qlfit_interleave
bash bench/generate.sh "$work" "$years"
# `remind` with a bus: a private dbus-daemon standing in for the system bus, with the tests'
# logind stand-in on it (the session unlocked and not idle: a due reminder is printed after
# asking it). bus.sh makes a folder of its own; this one's is used instead.
bench_work=$work
. tests/logind/bus.sh "$qlfit" "$build/bench/fake_logind"
rmdir "$work"
work=$bench_work
trap 'stop_logind || true; stop_bus || true; rm -rf "$work"' EXIT
start_bus
start_logind
bus=$DBUS_SYSTEM_BUS_ADDRESS
unset DBUS_SYSTEM_BUS_ADDRESS  # the other commands run as before, with no system bus
entries=$(($(wc -l <"$work/history.csv") - 1))
export TZ=UTC QLFIT_NOW=2026-11-24T12:00:00Z HOME=$work TIMEWARRIORDB=$work/timewarrior
touch "$work/timewarrior/timewarrior.cfg"
db=$work/qlfit.db
floor=$work/floor.db

# Import: a fresh database each round.
"$interleave" 3 0 "qlfit import" :: sh -c "rm -f $db $db-wal $db-shm && exec $qlfit --db $db import $work/history.csv" >"$work/import.tsv"

week="SELECT kind, count(*), sum(duration_s) FROM entry WHERE local_date BETWEEN '2026-11-23' AND '2026-11-29' GROUP BY kind;"
weeks="SELECT (julianday(local_date) - julianday('2005-11-21')) / 7 AS w, kind, count(*), sum(duration_s) FROM entry GROUP BY w, kind;"
latest="SELECT * FROM entry ORDER BY start_utc DESC LIMIT 1;"
last20="SELECT * FROM (SELECT * FROM entry ORDER BY start_utc DESC LIMIT 20) ORDER BY start_utc;"
with_bus="env DBUS_SYSTEM_BUS_ADDRESS=$bus"
[ -n "$($with_bus "$qlfit" --db "$db" remind)" ] ||
    { echo "bench: no reminder is due at QLFIT_NOW, so remind would not ask the bus"; exit 1; }
insert="INSERT INTO entry (activity, kind, start_utc, duration_s, local_date) VALUES ('break', 'break', 1795000000, 120, '2026-11-24');"
"$interleave" "$rounds" 3 \
    "qlfit stats --week" :: "$qlfit" --db "$db" stats --week :: "floor: the week's aggregate" :: sqlite3 "$floor" "$week" :: \
    "qlfit list --limit 20" :: "$qlfit" --db "$db" list --limit 20 :: "floor: the last 20 rows" :: sqlite3 "$floor" "$last20" :: \
    "qlfit remind" :: "$qlfit" --db "$db" remind :: "floor: the latest entry" :: sqlite3 "$floor" "$latest" :: \
    "qlfit remind (logind on a private bus, through env)" :: $with_bus "$qlfit" --db "$db" remind :: "floor: the latest entry (through env)" :: $with_bus sqlite3 "$floor" "$latest" :: \
    "qlfit status --bar waybar" :: "$qlfit" --db "$db" status --bar waybar :: "floor: the week's aggregate " :: sqlite3 "$floor" "$week" :: \
    "qlfit log break" :: "$qlfit" --db "$db" log break --at 11:00 :: "floor: insert one row" :: sqlite3 "$floor" "$insert" :: \
    "qlfit --version" :: "$qlfit" --version :: "sqlite3 -version" :: sqlite3 -version :: \
    "qlfit --help" :: "$qlfit" --help :: "sqlite3 -version " :: sqlite3 -version >"$work/fast.tsv"
"$interleave" 10 1 \
    "qlfit stats --weeks 1100" :: "$qlfit" --db "$db" stats --weeks 1100 :: "floor: the whole history by week" :: sqlite3 "$floor" "$weeks" :: \
    "qlfit stats --weeks 1100 --json" :: "$qlfit" --db "$db" stats --weeks 1100 --json :: "floor: the whole history by week " :: sqlite3 "$floor" "$weeks" :: \
    "qlfit report --weeks 1100" :: "$qlfit" --db "$db" report --weeks 1100 :: "floor: the whole history by week  " :: sqlite3 "$floor" "$weeks" >"$work/history.tsv"
"$interleave" 3 0 "timew summary :all" :: timew summary :all >"$work/timew.tsv"
# The other commands that touch the whole history, for their peak memory (and time).
"$interleave" 3 0 \
    "qlfit list (all)" :: "$qlfit" --db "$db" list :: \
    "qlfit list --json --since 2005-01-01" :: "$qlfit" --db "$db" list --json --since 2005-01-01 :: \
    "qlfit export" :: "$qlfit" --db "$db" export --output "$work/out.csv" :: \
    "qlfit export --format json" :: "$qlfit" --db "$db" export --format json --output "$work/out.json" :: \
    "qlfit import (JSON, all present)" :: "$qlfit" --db "$db" import "$work/out.json" :: \
    "qlfit backup" :: sh -c "rm -f $work/backup.db && exec $qlfit --db $db backup $work/backup.db" >"$work/whole.tsv"
# Sync: the first sends the whole history (a copy of the imported database each round),
# a new database receives it, then an up-to-date sync beside `stats --week`.
cp "$db" "$work/unsynced.db"
"$interleave" 3 0 \
    "qlfit sync (first: sends the history)" :: sh -c "rm -rf $work/sync $work/s1.db* && cp $work/unsynced.db $work/s1.db && exec $qlfit --db $work/s1.db sync $work/sync" :: \
    "qlfit sync (first: receives the history)" :: sh -c "rm -f $work/s2.db* && exec $qlfit --db $work/s2.db sync $work/sync" >"$work/sync.tsv"
"$interleave" "$rounds" 3 \
    "qlfit sync (up to date)" :: "$qlfit" --db "$work/s2.db" sync :: "qlfit stats --week (beside it)" :: "$qlfit" --db "$work/s2.db" stats --week >"$work/synced.tsv"
"$build/bench/qlfit_micro" --benchmark_min_time=0.2 2>/dev/null | grep -v '^-*$' >"$work/micro.txt"

# Rows of pairs (qlfit, then its floor) -> a markdown table with the ratio of medians.
pairs() {
    awk -F'\t' '
        NR % 2 == 1 { name = $1; median = $2; range = $3 "–" $4; next }
        { printf "| `%s` | %.2f (%s) | %s | %.2f (%s–%s) | %.2f× |\n", name, median, range, $1, $2, $3, $4, median / $2 }' "$1"
}
median_of() { awk -F'\t' -v name="$2" '$1 == name { print $2 }' "$1"; }
weeks_ms=$(median_of "$work/history.tsv" "qlfit stats --weeks 1100")
json_ms=$(median_of "$work/history.tsv" "qlfit stats --weeks 1100 --json")
report_ms=$(median_of "$work/history.tsv" "qlfit report --weeks 1100")
timew_ms=$(median_of "$work/timew.tsv" "timew summary :all")
load_after=$(cut -d' ' -f1-3 /proc/loadavg)
# What was measured by hand beside a run is kept: its section, from its heading on.
by_hand=$(sed -n '/^## Measured by hand/,$p' docs/performance.md 2>/dev/null || true)
{
    echo "# Performance"
    echo
    echo "Made by \`bench/run.sh $years $rounds\` on $(date -u +%F): $(nproc) cores, $(awk '/MemTotal/ {print int($2 / 1048576)}' /proc/meminfo) GiB,"
    echo "$(uname -m), release build (\`cmake --preset release\`). The history: $years years, $entries entries,"
    echo "from \`bench/generate.sh\` (a session on about 4 days a week, a walk on most days, about 12"
    echo "breaks each working day), as a qlfit database, a bare indexed SQLite table (the floor) and"
    echo "timewarrior data. Run it again with \`bench/run.sh\`. Load average (1, 5, 15 min) before: $load_before;"
    echo "after: $load_after (the machine may be shared: a load near or above $(nproc) means other work ran beside it)."
    echo
    echo "Every command runs directly (no shell), in interleaved rounds: one run of each command,"
    echo "then the next round, so drift on the machine falls on all alike ($rounds rounds after 3 warm-up"
    echo "rounds; 10 for the whole history). Times are medians in ms, with min–max; the ratio is"
    echo "qlfit's median over the floor's."
    echo
    echo "## Everyday commands against the floor (target ≤ 1.25×)"
    echo "| qlfit | median ms (min–max) | floor | median ms (min–max) | ratio |"
    echo "|---|---|---|---|---|"
    pairs "$work/fast.tsv"
    echo
    echo "\`remind\` asking logind on a bus (a private dbus-daemon with the tests' stand-in) runs through"
    echo "\`env\` to set \`DBUS_SYSTEM_BUS_ADDRESS\`, and so does its floor. \`status\` is polled by bars:"
    awk -F'\t' '$1 == "qlfit status --bar waybar" { s = $2 } $1 == "qlfit stats --week" { w = $2 }
        END { printf "its median is %.2f× that of `qlfit stats --week` (target: as fast).\n", s / w }' "$work/fast.tsv"
    echo
    echo "## The whole history (targets: ≤ 2× the floor; ≥ 100× faster than timewarrior)"
    echo "| qlfit | median ms (min–max) | floor | median ms (min–max) | ratio |"
    echo "|---|---|---|---|---|"
    pairs "$work/history.tsv"
    echo
    awk -F'\t' -v q="$weeks_ms" '{ printf "`%s` (3 runs): median %.0f ms (%.0f–%.0f): `qlfit stats --weeks 1100` is %.0f× faster.\n", $1, $2, $3, $4, $2 / q }' "$work/timew.tsv"
    awk -v r="$report_ms" -v j="$json_ms" 'BEGIN { printf "\n`qlfit report --weeks 1100` (the HTML page of 20 years) takes %.2f× the time of `qlfit stats --weeks 1100 --json` (target ≤ 3×).\n", r / j }'
    echo
    echo "## Import (target ≤ 2 s)"
    awk -F'\t' '{ printf "`qlfit import` of all %s rows into a new database, 3 runs: median %.2f s (%.2f–%.2f), peak %.1f MiB.\n", n, $2 / 1000, $3 / 1000, $4 / 1000, $5 / 1024 }' n="$entries" "$work/import.tsv"
    echo
    echo "## Sync (targets: first send and receive ≤ 2× the import; up to date ≈ \`stats --week\`)"
    awk -F'\t' '{ printf "`%s`, 3 runs: median %.2f s (%.2f–%.2f), peak %.1f MiB.\n", $1, $2 / 1000, $3 / 1000, $4 / 1000, $5 / 1024 }' "$work/sync.tsv"
    echo
    pairs "$work/synced.tsv" | sed 's/^/Up to date against stats --week: /'
    echo
    echo "## Peak resident memory (target ≤ 8 MiB)"
    echo "Peak RSS of each command, from \`wait4\`, the largest of its runs."
    echo
    echo "| command | peak MiB |"
    echo "|---|---|"
    cat "$work/import.tsv" "$work/fast.tsv" "$work/history.tsv" "$work/whole.tsv" "$work/sync.tsv" "$work/synced.tsv" "$work/timew.tsv" |
        awk -F'\t' '{ printf "| `%s` | %.1f |\n", $1, $5 / 1024 }'
    echo
    echo "Whole-history commands, 3 runs (medians, ms):"
    awk -F'\t' '{ printf "`%s` %.0f; ", $1, $2 }' "$work/whole.tsv" | sed 's/; $/.\n/'
    echo
    echo "## Micro-benchmarks of the core (Google Benchmark)"
    echo '```'
    cat "$work/micro.txt"
    echo '```'
    [ -z "$by_hand" ] || printf '\n%s\n' "$by_hand"
} >"$work/performance.md"
mv "$work/performance.md" docs/performance.md
echo "bench: wrote docs/performance.md"
