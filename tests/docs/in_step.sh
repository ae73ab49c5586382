#!/usr/bin/env bash
# The man page and docs/cli.md name every command and long option the registry has
# (read from the generated fish completion, which lists them all).
# Usage: in_step.sh PATH/TO/qlfit SOURCE_DIR
set -u
qlfit=$1
root=$2
missing=0
found=0
fish=$("$qlfit" completion fish)
commands=$(printf '%s\n' "$fish" | sed -n "s/^complete -c qlfit -n '[^']*' -a \([a-z][a-z-]*\) -d .*/\1/p" | sort -u)
options=$(printf '%s\n' "$fish" | sed -n 's/.* -l \([a-z-]*\) .*/\1/p' | sort -u)
# The man page as it reads (groff escapes such as \fBimport\fR are not words).
rendered_man=$(mktemp)
trap 'rm -f "$rendered_man"' EXIT
MANWIDTH=200 man -l "$root/man/qlfit.1" 2>/dev/null | col -bx >"$rendered_man"
for word in $commands; do
    for doc in "$rendered_man" "$root/docs/cli.md"; do
        if grep -qw -- "$word" "$doc"; then found=$((found + 1)); else
            missing=$((missing + 1)); echo "FAIL ${doc/"$rendered_man"/man/qlfit.1} does not mention the command '$word'"; fi
    done
done
for option in $options; do
    [ "$option" == help ] && continue
    if grep -qF -- "\\-\\-${option//-/\\-}" "$root/man/qlfit.1"; then found=$((found + 1)); else
        missing=$((missing + 1)); echo "FAIL man/qlfit.1 does not mention --$option"; fi
    if grep -qF -- "--$option" "$root/docs/cli.md"; then found=$((found + 1)); else
        missing=$((missing + 1)); echo "FAIL docs/cli.md does not mention --$option"; fi
done
[ "$found" -gt 60 ] || { echo "FAIL only $found mentions checked: is the fish script empty?"; missing=$((missing + 1)); }
echo "docs in step: $found passed, $missing failed"
[ "$missing" -eq 0 ]
