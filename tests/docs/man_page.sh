#!/usr/bin/env bash
# The man page as `man qlfit` shows it on an 80-column terminal: groff has nothing to warn
# about, no line is wider than 80 columns, and no line breaks inside a bracketed option
# (a synopsis cut as `list [--since` / `WHEN] ...` runs its options into the text).
# Usage: man_page.sh SOURCE_DIR
set -u
page=$1/man/qlfit.1
command -v man >/dev/null || { echo "FAIL man is not installed (scripts/install-deps installs man-db)"; exit 1; }
export LC_ALL=C.UTF-8 MANWIDTH=80 MAN_KEEP_FORMATTING=
failed=0
warnings=$(man --warnings -l "$page" 2>&1 >/dev/null)
[ -z "$warnings" ] || { echo "FAIL groff warns:"; echo "$warnings"; failed=1; }
rendered=$(man -l "$page" 2>/dev/null | col -bx)
lines=$(printf '%s\n' "$rendered" | wc -l)
[ "$lines" -gt 150 ] || { echo "FAIL only $lines lines rendered"; failed=1; }
while IFS= read -r line; do
    width=$(printf '%s' "$line" | wc -m)
    [ "$width" -le 80 ] || { echo "FAIL $width columns: $line"; failed=1; }
    open=${line//[^\[]/}
    close=${line//[^\]]/}
    [ ${#open} -eq ${#close} ] || { echo "FAIL a line breaks inside brackets: $line"; failed=1; }
done <<<"$rendered"
synopses=$(printf '%s\n' "$rendered" | grep -c '^       [a-z][a-z]* .*\[--')
[ "$synopses" -gt 10 ] || { echo "FAIL only $synopses command synopses found"; failed=1; }
echo "man page at 80 columns: $lines lines, $synopses synopses checked"
exit "$failed"
