#!/usr/bin/env bash
# Before and after: two qlfit binaries side by side, in interleaved rounds, on the same
# generated history (the per-command paths bench/run.sh measures, and import).
# Usage: [BENCH_TZ=Europe/Berlin] bench/compare.sh OLD_QLFIT NEW_QLFIT [YEARS] [ROUNDS]
# (build the old one from a worktree: git worktree add /tmp/old REV && cmake --workflow
# --preset release there; the runner comes from this tree's release build).
set -euo pipefail
cd "$(dirname "$0")/.."
old=$(readlink -f "$1")
new=$(readlink -f "$2")
years=${3:-20}
rounds=${4:-30}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cmake --preset release -DQLFIT_BENCH=ON >/dev/null
cmake --build --preset release --target qlfit_interleave >/dev/null
interleave=$PWD/build/release/bench/qlfit_interleave
bash bench/generate.sh "$work" "$years" >/dev/null
export TZ=${BENCH_TZ:-UTC} QLFIT_NOW=2026-11-24T12:00:00Z HOME=$work
db=$work/qlfit.db
"$new" --db "$db" import "$work/history.csv" >/dev/null
"$interleave" 3 0 \
    "old import" :: sh -c "rm -f $work/i.db* && exec $old --db $work/i.db import $work/history.csv" :: \
    "new import" :: sh -c "rm -f $work/i.db* && exec $new --db $work/i.db import $work/history.csv"
args=()
for command in "stats --week" "list --limit 20" "remind" "log break --at 11:00" "--version" "stats --weeks 1100 --json"; do
    # shellcheck disable=SC2206
    words=($command)
    args+=("old $command" :: "$old" --db "$db" "${words[@]}" :: "new $command" :: "$new" --db "$db" "${words[@]}" ::)
done
unset 'args[${#args[@]}-1]'
"$interleave" "$rounds" 3 "${args[@]}"
