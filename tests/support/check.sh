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
