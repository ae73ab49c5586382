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
