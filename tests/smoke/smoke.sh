#!/usr/bin/env bash
# Smoke tests of the real binary: main's wiring, the database file, exit codes,
# and cron's bare environment. Usage: smoke.sh PATH/TO/qlfit
set -u
. "$(dirname "$0")/../support/check.sh"
qlfit=$1
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT


export HOME=$work/home TZ=Europe/Berlin QLFIT_NOW=2026-11-24T07:30:00+01:00
unset QLFIT_DB XDG_DATA_HOME NO_COLOR
db=$HOME/.local/share/qlfit/qlfit.db

"$qlfit" --version >"$work/out" 2>"$work/err"
check "--version exits 0" 0 $?
check "--version names qlfit" qlfit "$(cut -d' ' -f1 "$work/out")"
"$qlfit" --help >/dev/null
check "--help exits 0" 0 $?
check "help and version create nothing" no "$( [ -e "$HOME" ] && echo yes || echo no)"
# A zone that does not exist and a database that is not SQLite: loading either would
# fail (exit 2, exit 3), so exit 0 shows --version and --help load no zone, open no database.
printf 'not a database' >"$work/foreign"
for flag in --version --help; do
    TZ=Nowhere/Atlantis QLFIT_DB=$work/foreign "$qlfit" $flag >/dev/null 2>&1
    check "$flag loads no zone and opens no database" 0 $?
done
check "and leaves that file as it was" "not a database" "$(cat "$work/foreign")"
TZ=Nowhere/Atlantis QLFIT_DB=$work/foreign "$qlfit" stats --week >/dev/null 2>&1
check "while a command that needs the zone is refused" 2 $?

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

"$qlfit" report --output "$work/back.html"
check "report --output exits 0" 0 $?
check "its file is 0600" 600 "$(stat -c %a "$work/back.html")"
check "it is one HTML page" "<!DOCTYPE html>" "$(head -1 "$work/back.html")"
check "naming no URL" 0 "$(grep -c -e 'http:' -e 'https:' -e '//' "$work/back.html")"
"$qlfit" report --output "$db" 2>/dev/null
check "report --output onto the database exits 2" 2 $?
"$qlfit" stats --week >/dev/null
check "and leaves it a database that stats reads" 0 $?

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

# --- colour: on a pseudo-terminal (script), never in a pipe or with NO_COLOR
on_terminal() { script -qec "$*" /dev/null </dev/null; }
check "colour on a terminal" yes "$(on_terminal "$qlfit" stats | grep -q $'\x1b\[' && echo yes || echo no)"
check "no colour with NO_COLOR on a terminal" no \
    "$(on_terminal env NO_COLOR=1 "$qlfit" stats | grep -q $'\x1b\[' && echo yes || echo no)"
check "no colour with --color never on a terminal" no \
    "$(on_terminal "$qlfit" --color never stats | grep -q $'\x1b\[' && echo yes || echo no)"
check "no colour in a pipe" no "$("$qlfit" stats --weeks | grep -q $'\x1b\[' && echo yes || echo no)"
check "colour in a pipe with --color always" yes \
    "$("$qlfit" --color always stats | grep -q $'\x1b\[' && echo yes || echo no)"

# --- remind under cron: silence is zero bytes; a due reminder is one plain line
bare() {  # cron's environment: no TZ, no terminal, minimal PATH
    env -i HOME="$HOME" LOGNAME=u PATH="${BARE_PATH:-/usr/bin:/bin}" SHELL=/bin/sh "$@" </dev/null
}
saturday=2026-11-28T12:00:00Z
weekday=2026-11-24T10:00:00Z
bare QLFIT_NOW=$saturday "$qlfit" remind --for break >"$work/out" 2>"$work/err"
check "remind with nothing due exits 0" 0 $?
check "and prints zero bytes" "0 0" "$(wc -c <"$work/out") $(wc -c <"$work/err")"
bare QLFIT_NOW=$weekday TZ=UTC "$qlfit" remind --for break >"$work/out" 2>"$work/err"
check "a due break under cron exits 0" 0 $?
check "and says one line" 1 "$(wc -l <"$work/out")"
check "without escape codes" 0 "$(grep -c $'\x1b' "$work/out")"

# --- --notify through a stand-in notify-send that records its argv
mkdir -p "$work/bin" "$work/empty"
cat >"$work/bin/notify-send" <<'STANDIN'
#!/bin/sh
for arg in "$@"; do printf '%s\n' "$arg"; done >"$NOTIFY_LOG"
exit "${NOTIFY_EXIT:-0}"
STANDIN
chmod +x "$work/bin/notify-send"
"$qlfit" log walk --minutes 5 --at "07:00" --pain 9 --note SECRET-NOTE >/dev/null
bare BARE_PATH= NOTIFY_LOG="$work/notified" DBUS_SESSION_BUS_ADDRESS=unix:path=/nowhere \
    PATH="$work/bin:/usr/bin:/bin" QLFIT_NOW=$weekday TZ=UTC "$qlfit" remind --notify >"$work/out"
check "--notify prints nothing when notified" "" "$(cat "$work/out")"
check "notify-send got the app name and title" "--app-name=qlfit" "$(head -n 1 "$work/notified")"
check "and no note or pain" 0 "$(grep -c -e SECRET -e pain "$work/notified")"
bare NOTIFY_LOG="$work/notified" NOTIFY_EXIT=1 DBUS_SESSION_BUS_ADDRESS=unix:path=/nowhere \
    PATH="$work/bin:/usr/bin:/bin" QLFIT_NOW=$weekday TZ=UTC "$qlfit" remind --for break --notify >"$work/out"
check "a failing notifier falls back to stdout" 1 "$(wc -l <"$work/out")"
env -i HOME="$HOME" PATH="$work/empty" QLFIT_NOW=$weekday TZ=UTC "$qlfit" remind --for break --notify \
    </dev/null >"$work/out"
check "no notifier on PATH falls back to stdout" 1 "$(wc -l <"$work/out")"

# --- cron --install through a stand-in crontab keeping the table in a file
ln -s "$(dirname "$(realpath "$0")")/../support/stand-ins/crontab" "$work/bin/crontab"
export CRONTAB_FILE=$work/crontab
PATH="$work/bin:$PATH" "$qlfit" cron --install >/dev/null
check "install into no crontab" 1 "$(grep -c 'remind --for break' "$CRONTAB_FILE")"
check "runs this binary by absolute path" 1 "$(grep -c " $(readlink -f "$qlfit") remind --for session" "$CRONTAB_FILE")"
printf 'MAILTO=me@example.org\n5 4 * * * /usr/bin/backup\n' >"$CRONTAB_FILE"
PATH="$work/bin:$PATH" "$qlfit" cron --install >/dev/null
PATH="$work/bin:$PATH" "$qlfit" cron --install >/dev/null
check "install twice adds one block" 3 "$(grep -c 'remind --for' "$CRONTAB_FILE")"
check "and keeps MAILTO" 1 "$(grep -c '^MAILTO=me@example.org$' "$CRONTAB_FILE")"
PATH="$work/bin:$PATH" "$qlfit" cron --uninstall >/dev/null
check "uninstall leaves only the foreign lines" "MAILTO=me@example.org|5 4 * * * /usr/bin/backup" \
    "$(paste -sd'|' "$CRONTAB_FILE")"
PATH="$work/empty" "$qlfit" cron --install >/dev/null 2>"$work/err"
check "no crontab command is exit 3" 3 $?
check "saying so" 1 "$(grep -c '^qlfit: cannot run crontab' "$work/err")"

# --- import reads a pipe once: stdin as -, /dev/stdin, a process substitution
pipes=$work/pipes
mkdir -p "$pipes"
"$qlfit" --db "$pipes/from.db" log walk --minutes 25 --note "a note" >/dev/null
"$qlfit" --db "$pipes/from.db" export --format json >"$pipes/e.json"
cat "$pipes/e.json" | "$qlfit" --db "$pipes/a.db" import --format json - >"$work/out" 2>&1
check "JSON import from stdin (-)" "imported 1, already present 0" "$(cat "$work/out")"
cat "$pipes/e.json" | "$qlfit" --db "$pipes/b.db" import --format json /dev/stdin >"$work/out" 2>&1
check "JSON import from /dev/stdin" "imported 1, already present 0" "$(cat "$work/out")"
"$qlfit" --db "$pipes/c.db" import --format json <(cat "$pipes/e.json") >"$work/out" 2>&1
check "JSON import from a process substitution" "imported 1, already present 0" "$(cat "$work/out")"
check "the three agree with the source" 1 "$(for db in from a b c; do "$qlfit" --db "$pipes/$db.db" export; done | sort -u | wc -l | awk '{print ($1 == 2)}')"
head -c 100000 /dev/zero | "$qlfit" --db "$pipes/d.db" import --format csv - >/dev/null 2>"$work/err"
check "NUL bytes from a pipe: exit 2" 2 $?
check "and no database" 0 "$(ls "$pipes" | grep -c '^d\.db')"

finish "smoke"
