#!/usr/bin/env bash
# Smoke tests of the real binary: main's wiring, the database file, exit codes,
# and cron's bare environment. Usage: smoke.sh PATH/TO/qlfit
set -u
qlfit=$1
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
failures=0
passed=0

check() {  # check NAME EXPECTED ACTUAL
    if [ "$2" == "$3" ]; then
        passed=$((passed + 1))
    else
        failures=$((failures + 1))
        printf 'FAIL %s\n  expected: %s\n  actual:   %s\n' "$1" "$2" "$3"
    fi
}

export HOME=$work/home TZ=Europe/Berlin QLFIT_NOW=2026-11-24T07:30:00+01:00
unset QLFIT_DB XDG_DATA_HOME NO_COLOR
db=$HOME/.local/share/qlfit/qlfit.db

"$qlfit" --version >"$work/out" 2>"$work/err"
check "--version exits 0" 0 $?
check "--version names qlfit" qlfit "$(cut -d' ' -f1 "$work/out")"
"$qlfit" --help >/dev/null
check "--help exits 0" 0 $?
check "help and version create nothing" no "$( [ -e "$HOME" ] && echo yes || echo no)"

"$qlfit" stats --week >/dev/null
check "stats on no database exits 0" 0 $?
check "reading creates no database" no "$( [ -e "$db" ] && echo yes || echo no)"

"$qlfit" log butt-walk --at "mon 07:00" >/dev/null && "$qlfit" log butt-walk --at "yesterday 18:00" >/dev/null
"$qlfit" log butt-walk >"$work/out"
check "third session line" "#3 butt-walk Tue 24 Nov 07:30 — 3 of 3–4 sessions this week: target met" "$(cat "$work/out")"
check "database is 0600" 600 "$(stat -c %a "$db")"
check "its folder is 0700" 700 "$(stat -c %a "$(dirname "$db")")"
"$qlfit" stats --week --check >/dev/null
check "stats --check met exits 0" 0 $?

"$qlfit" log butt-walk --pain 11 >"$work/out" 2>"$work/err"
check "bad pain exits 2" 2 $?
check "bad pain says why on one line" 'qlfit: --pain must be a whole number from 0 to 10, got "11"' "$(cat "$work/err")"
check "bad pain prints nothing on stdout" "" "$(cat "$work/out")"
"$qlfit" nosuch >/dev/null 2>&1
check "unknown command exits 2" 2 $?

printf 'not a database, just some text that is long enough to look like a header\n' >"$work/text.db"
"$qlfit" --db "$work/text.db" stats 2>"$work/err" >/dev/null
check "a text file is refused with exit 3" 3 $?
check "and left untouched" "not a database, just some text that is long enough to look like a header" "$(cat "$work/text.db")"

env -i HOME="$HOME" LOGNAME=u PATH=/usr/bin:/bin SHELL=/bin/sh QLFIT_NOW="$QLFIT_NOW" TZ=Europe/Berlin \
    "$qlfit" stats --week </dev/null >"$work/out" 2>&1
check "runs under cron's bare environment" 0 $?
check "no escape codes off a terminal" 0 "$(grep -c $'\x1b' "$work/out")"
"$qlfit" stats 0<&- >/dev/null 2>&1
check "runs with stdin closed" 0 $?

echo "smoke: $passed passed, $failures failed"
[ "$failures" -eq 0 ]
