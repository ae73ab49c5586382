#!/usr/bin/env bash
# The README's "A short tour" is a transcript: each `$ qlfit ...` line is run, in order, on
# a new database at the tour's clock (Tue 24 Nov 2026 07:30 in Berlin), and what it prints
# must be the lines shown under it, exactly. The user's crontab is a stand-in (a file).
# Usage: tour.sh PATH/TO/qlfit SOURCE_DIR
set -u
qlfit=$(realpath "$1")
readme=$(realpath "$2")/README.md
sandbox=$(mktemp -d)
trap 'rm -rf "$sandbox"' EXIT
mkdir -p "$sandbox/bin" "$sandbox/home" "$sandbox/work"
ln -s "$qlfit" "$sandbox/bin/qlfit"
ln -s "$(dirname "$(realpath "$0")")/../support/stand-ins/crontab" "$sandbox/bin/crontab"
export HOME="$sandbox/home" XDG_DATA_HOME="$sandbox/home/.local/share" PATH="$sandbox/bin:$PATH" \
    TZ=Europe/Berlin QLFIT_NOW=2026-11-24T07:30:00+01:00 COLUMNS=80
unset QLFIT_DB NO_COLOR
cd "$sandbox/work" || exit 1

# The tour's console block: commands and the output shown for each.
awk '/^## A short tour/{on=1; next} on && /^```console/{block=1; next} block && /^```/{exit} block' \
    "$readme" >"$sandbox/tour"
commands=$(grep -c '^\$ qlfit ' "$sandbox/tour")
[ "$commands" -ge 8 ] || { echo "FAIL the tour has only $commands commands"; exit 1; }
failed=0
command=""
expected=""
check() {
    [ -n "$command" ] || return 0
    actual=$(bash -c "$command" 2>&1 </dev/null)
    if [ "$actual" != "$expected" ]; then
        echo "FAIL \$ $command"
        diff <(printf '%s\n' "$expected") <(printf '%s\n' "$actual") | sed 's/^/    /'
        failed=$((failed + 1))
    fi
}
while IFS= read -r line; do
    if [[ $line == '$ '* ]]; then
        check
        command=${line#'$ '}
        expected=""
    else
        expected+=${expected:+$'\n'}$line
    fi
done <"$sandbox/tour"
check
echo "README tour: $commands commands, $failed differ"
[ "$failed" -eq 0 ]
