#!/usr/bin/env bash
# A database on a read-only mount (a backup disk, a snapshot; root ignores file modes, a
# mount it cannot write): every command that only reads works and changes no byte; an idle
# hook's `away begin` while a period is open, and `away end` with none open, change nothing
# and exit 0 as the contract says; a command that must write is one `qlfit: ...` line, exit
# 3. Needs root (mount); exits 77 (ctest SKIP) only when mounting is not permitted.
# Usage: read_only_mount.sh PATH/TO/qlfit
set -u
. "$(dirname "$0")/../support/check.sh"
qlfit=$1
work=$(mktemp -d)
with_tmpfs read_only_mount 8m
export HOME=$work TZ=Europe/Berlin QLFIT_NOW=2026-11-24T10:00:00+01:00
db=$disk/q.db
q() { "$qlfit" --db "$db" "$@"; }
q log walk --minutes 25 >/dev/null
q away begin --at 09:50
mount -o remount,ro "$disk"
sums() { find "$disk" -type f -exec md5sum {} + | sort; }
before=$(sums)

for reader in "list" "stats --week" "status --bar waybar" "export --format json"; do
    # shellcheck disable=SC2086 # the words of the command
    q $reader >"$work/out" 2>"$work/err"
    check "read-only mount: $reader exits 0" 0 "$?"
    check "read-only mount: $reader says nothing on stderr" "" "$(cat "$work/err")"
done
check "read-only mount: list shows the walk" 1 "$(q list | grep -c walk)"
check "read-only mount: remind waits while away" "" "$(q remind 2>&1)"

q away begin >"$work/out" 2>&1
check "read-only mount: away begin while away exits 0" 0 "$?"
check "read-only mount: away begin while away prints nothing" "" "$(cat "$work/out")"

q log break >"$work/out" 2>"$work/err"
check "read-only mount: a write exits 3" 3 "$?"
check "read-only mount: a write prints nothing on stdout" "" "$(cat "$work/out")"
check "read-only mount: a write is one line on stderr" 1 "$(wc -l <"$work/err")"
check "read-only mount: the line is qlfit's" 1 "$(grep -c '^qlfit: ' "$work/err")"
check "read-only mount: no byte changed, no file made" "$before" "$(sums)"

# With the period closed (writable again), `away end` with none open changes nothing.
mount -o remount,rw "$disk"
q away end >/dev/null
mount -o remount,ro "$disk"
before=$(sums)
q away end >"$work/out" 2>&1
check "read-only mount: away end with none open exits 0" 0 "$?"
check "read-only mount: away end with none open prints nothing" "" "$(cat "$work/out")"
check "read-only mount: still no byte changed" "$before" "$(sums)"
finish "read_only_mount"
