#!/usr/bin/env bash
# SIGTERM, SIGINT and SIGHUP in the middle of `export --output`, `backup` and a first
# `import` leave no temporary file behind, and the target is absent or keeps its old content.
# Usage: signals.sh PATH/TO/qlfit
set -u
set -m  # background jobs get their own process group and keep SIGINT (no job control ignores it)
. "$(dirname "$0")/../support/check.sh"
qlfit=$1
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export QLFIT_DB=$work/q.db TZ=UTC QLFIT_NOW=2026-11-24T07:30:00Z

# A history large enough that an export or a backup takes a while: 200,000 entries.
awk 'BEGIN {
    print "id,activity,kind,start,duration_s,pain,note"
    for (n = 1; n <= 200000; n++) {
        day = int(n / 10); minute = (n % 10) * 60
        printf "0c0c0c0c-0000-4000-8000-%012d,break,break,%s,120,%d,note %d\n", n,
            strftime("%Y-%m-%dT%H:%M:00+00:00", 946684800 + day * 86400 + minute * 60, 1), n % 11, n
    }
}' >"$work/history.csv"
"$qlfit" import "$work/history.csv" >/dev/null
check "the history is imported" 0 $?

# Names what is left, and removes it so that the next round starts clean.
leftovers() { find "$work" -name '*.qlfit-*' -print -delete; }

# Starts qlfit ARGS... in the background, waits until its temporary file PATTERN exists,
# stops it, sends SIGNAL, lets it go on, and prints its exit status.
interrupt() {
    local signal=$1 pattern=$2; shift 2
    "$qlfit" "$@" >/dev/null 2>"$work/err" &
    local pid=$! tries=0
    until compgen -G "$pattern" >/dev/null; do
        tries=$((tries + 1))
        if [ $tries -gt 200000 ] || ! kill -0 $pid 2>/dev/null; then break; fi
    done
    kill -STOP $pid 2>/dev/null
    kill -"$signal" $pid 2>/dev/null
    kill -CONT $pid 2>/dev/null
    wait $pid
    echo $?
}

for signal in TERM INT HUP; do
    code=$(interrupt $signal "$work/.out.json.qlfit-*" export --format json --output "$work/out.json")
    check "export --output killed by SIG$signal mid-way" "$((128 + $(kill -l $signal)))" "$code"
    check "export --output on SIG$signal leaves no temporary file" "" "$(leftovers)"
    check "export --output on SIG$signal leaves no target" no "$([ -e "$work/out.json" ] && echo yes || echo no)"

    printf 'old\n' >"$work/old.csv"
    code=$(interrupt $signal "$work/.old.csv.qlfit-*" export --output "$work/old.csv")
    check "export over an old file killed by SIG$signal" "$((128 + $(kill -l $signal)))" "$code"
    check "export over an old file on SIG$signal keeps the old content" old "$(cat "$work/old.csv")"
    check "export over an old file on SIG$signal leaves no temporary file" "" "$(leftovers)"

    code=$(interrupt $signal "$work/.b.db.qlfit-*" backup "$work/b.db")
    check "backup killed by SIG$signal mid-way" "$((128 + $(kill -l $signal)))" "$code"
    check "backup on SIG$signal leaves no temporary file or journal" "" "$(leftovers)"
    check "backup on SIG$signal leaves no target" no "$([ -e "$work/b.db" ] && echo yes || echo no)"

    # The first import into a new database is built under a temporary name.
    code=$(interrupt $signal "$work/new/.n.db.qlfit-*" --db "$work/new/n.db" import "$work/history.csv")
    check "a first import killed by SIG$signal mid-way" "$((128 + $(kill -l $signal)))" "$code"
    check "a first import on SIG$signal leaves no temporary database or journal" "" "$(leftovers)"
    check "a first import on SIG$signal leaves no database" no "$([ -e "$work/new/n.db" ] && echo yes || echo no)"
done

# And a run that is not interrupted still works and leaves nothing behind.
"$qlfit" backup "$work/b.db" >/dev/null
check "an uninterrupted backup succeeds" 0 $?
check "and leaves no temporary file" "" "$(leftovers)"
finish "signals"
