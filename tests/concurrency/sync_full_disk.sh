#!/usr/bin/env bash
# A full disk during sync (a real small tmpfs as DIR): the failed sync leaves no file under
# DIR (no temporary one either), exits 3 with one `qlfit: ...` line, changes nothing in the
# database; the next sync, with room, completes it. Needs root (mount); exits 77 (ctest
# SKIP) only when mounting is not permitted. Usage: sync_full_disk.sh PATH/TO/qlfit
set -u
. "$(dirname "$0")/../support/check.sh"
qlfit=$1
work=$(mktemp -d)
with_tmpfs sync_full_disk 256k
small=$disk
export HOME=$work TZ=Europe/Berlin QLFIT_NOW=2026-11-24T23:00:00+01:00
big_csv 5000 0f0f0f0f >"$work/big.csv"
"$qlfit" --db "$work/a.db" import "$work/big.csv" >/dev/null
dump() { sqlite3 "$1" .dump; }
before=$(dump "$work/a.db")
status_before=$("$qlfit" --db "$work/a.db" sync --status)

"$qlfit" --db "$work/a.db" sync "$small/qlfit" >"$work/out" 2>"$work/err"
check "full disk: exit 3" 3 "$?"
check "full disk: nothing on stdout" "" "$(cat "$work/out")"
check "full disk: one line on stderr" 1 "$(wc -l <"$work/err")"
check "full disk: it is qlfit's and says why" 1 "$(grep -c '^qlfit: sync folder: .*No space left on device$' "$work/err")"
check "full disk: no file under DIR, no temporary one either" "" "$(find "$small" -type f)"
check "full disk: the database is as it was" "$before" "$(dump "$work/a.db")"
check "full disk: sync --status is as it was" "$status_before" "$("$qlfit" --db "$work/a.db" sync --status)"

mount -o remount,size=64m "$small"
check "with room: the next sync completes it" "sent 5000 operations, received 0" \
    "$("$qlfit" --db "$work/a.db" sync "$small/qlfit" 2>&1)"
check "with room: another database receives it all" "sent 0 operations, received 5000" \
    "$("$qlfit" --db "$work/b.db" sync "$small/qlfit" 2>&1)"
check "with room: the two hold the same" \
    "$("$qlfit" --db "$work/a.db" export --format json | md5sum)" \
    "$("$qlfit" --db "$work/b.db" export --format json | md5sum)"
check "with room: no temporary file left" "" "$(find "$small" -name '.tmp-*')"
finish "sync_full_disk"
