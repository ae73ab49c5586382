#!/usr/bin/env bash
# Whole-process benchmarks of qlfit on a 20-year history, side by side with the floor
# (the sqlite3 shell doing the same work on a bare indexed table) and timewarrior
# summarising the same intervals, plus peak memory. Writes docs/performance.md.
# Needs: hyperfine timewarrior sqlite3 (Debian). Usage: bench/run.sh [YEARS]
set -euo pipefail
cd "$(dirname "$0")/.."
years=${1:-20}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
for tool in hyperfine timew sqlite3; do
    command -v "$tool" >/dev/null || { echo "bench: needs $tool (apt-get install hyperfine timewarrior sqlite3)"; exit 1; }
done
cmake --workflow --preset release >/dev/null
qlfit=$PWD/build/release/qlfit
bash bench/generate.sh "$work" "$years"
export TZ=UTC QLFIT_NOW=2026-11-24T12:00:00Z HOME=$work TIMEWARRIORDB=$work/timewarrior
touch "$work/timewarrior/timewarrior.cfg"
db=$work/qlfit.db
import_time=$( { /usr/bin/time -f "%e %M" "$qlfit" --db "$db" import "$work/history.csv" >/dev/null; } 2>&1 )
floor=$work/floor.db
week="SELECT kind, count(*), sum(duration_s) FROM entry WHERE local_date BETWEEN '2026-11-23' AND '2026-11-29' GROUP BY kind;"
weeks="SELECT (julianday(local_date) - julianday('2005-11-21')) / 7 AS w, kind, count(*), sum(duration_s) FROM entry GROUP BY w, kind;"
latest="SELECT * FROM entry ORDER BY start_utc DESC LIMIT 1;"
last20="SELECT * FROM (SELECT * FROM entry ORDER BY start_utc DESC LIMIT 20) ORDER BY start_utc;"
insert="INSERT INTO entry (activity, kind, start_utc, duration_s, local_date) VALUES ('break', 'break', 1795000000, 120, '2026-11-24');"
hyperfine --warmup 3 --min-runs 20 --style basic --export-markdown "$work/fast.md" \
    -n "qlfit stats --week" "$qlfit --db $db stats --week" -n "floor: week aggregate" "sqlite3 $floor \"$week\"" \
    -n "qlfit list --limit 20" "$qlfit --db $db list --limit 20" -n "floor: last 20 rows" "sqlite3 $floor \"$last20\"" \
    -n "qlfit remind" "$qlfit --db $db remind" -n "floor: latest entry" "sqlite3 $floor \"$latest\"" \
    -n "qlfit log break" "$qlfit --db $db log break --at 11:00" -n "floor: insert one row" "sqlite3 $floor \"$insert\"" \
    -n "qlfit --version" "$qlfit --version" -n "sqlite3 -version" "sqlite3 -version" >/dev/null
hyperfine --warmup 1 --min-runs 5 --style basic --export-markdown "$work/history.md" \
    -n "qlfit stats --weeks 1100" "$qlfit --db $db stats --weeks 1100 --json" \
    -n "floor: whole history by week" "sqlite3 $floor \"$weeks\"" >/dev/null
hyperfine --runs 3 --style basic --export-markdown "$work/timew.md" \
    -n "timew summary :all" "timew summary :all" >/dev/null
memory=""
for command in "stats --week" "stats --weeks 1100 --json" "list --limit 20" "remind" "log break --at 11:05" "--version"; do
    kib=$( { /usr/bin/time -f "%M" "$qlfit" --db "$db" $command >/dev/null; } 2>&1 )
    memory+="| \`qlfit $command\` | $((kib / 1024)) MiB |"$'\n'
done
kib=$( { /usr/bin/time -f "%M" timew summary :all >/dev/null; } 2>&1 )
memory+="| \`timew summary :all\` | $((kib / 1024)) MiB |"$'\n'
{
    echo "# Performance"
    echo
    echo "Made by \`bench/run.sh\` on $(date -u +%F) ($(nproc) cores, $(awk '/MemTotal/ {print int($2 / 1048576)}' /proc/meminfo) GiB, $(uname -m));"
    echo "a $years-year history of $(($(wc -l <"$work/history.csv") - 1)) entries from \`bench/generate.sh\`."
    echo "Run it again with \`bench/run.sh\` (Debian: hyperfine, timewarrior, sqlite3)."
    echo
    echo "\"Relative\" compares with the fastest command of each table; every command runs on its"
    echo "own (hyperfine does not interleave them), so read pairs as indications, not verdicts."
    echo
    echo "## Import"
    echo "\`qlfit import\` of the whole history: $(echo "$import_time" | awk '{print $1 " s, peak " int($2 / 1024) " MiB"}')."
    echo
    echo "## Everyday commands against the floor"
    cat "$work/fast.md"
    echo
    echo "## The whole history"
    cat "$work/history.md"
    echo
    cat "$work/timew.md"
    echo
    echo "## Peak resident memory"
    echo "| command | peak |"
    echo "|---|---|"
    printf '%s' "$memory"
} >docs/performance.md
echo "bench: wrote docs/performance.md"
