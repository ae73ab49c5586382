# Sourced by the shell tests: check NAME EXPECTED ACTUAL, then `finish LABEL`.
passed=0
failures=0
check() {
    if [ "$2" == "$3" ]; then
        passed=$((passed + 1))
    else
        failures=$((failures + 1))
        printf 'FAIL %s\n  expected: %s\n  actual:   %s\n' "$1" "$2" "$3"
    fi
}
finish() {
    echo "$1: $passed passed, $failures failed"
    [ "$failures" -eq 0 ]
}
# big_csv ROWS ID_PREFIX: an import file of ROWS walks (ids ID_PREFIX-0000-4000-8000-N).
big_csv() {
    awk -v n="$1" -v prefix="$2" 'BEGIN {
        print "id,activity,kind,start,duration_s,pain,note"
        for (i = 1; i <= n; i++)
            printf "%s-0000-4000-8000-%012d,walk,walk,2025-%02d-%02dT07:30:00+01:00,1500,%d,row %d\n",
                prefix, i, (i % 12) + 1, (i % 28) + 1, i % 11, i
    }'
}
# with_tmpfs LABEL SIZE: a real tmpfs of SIZE mounted at $work/disk (set $work first), as
# $disk; unmounted and $work removed at exit. Where mounting is not permitted (no root),
# says SKIP and exits 77, which ctest counts as a skipped test.
with_tmpfs() {
    disk=$work/disk
    mkdir -p "$disk"
    if ! mount -t tmpfs -o "size=$2,mode=0700" "qlfit-$1" "$disk" 2>"$work/mount.err"; then
        echo "$1: SKIP: mounting a tmpfs is not permitted here: $(head -n 1 "$work/mount.err")"
        rm -rf "$work"
        exit 77
    fi
    trap 'umount "$disk"; rm -rf "$work"' EXIT
}
