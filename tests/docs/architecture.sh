#!/usr/bin/env bash
# docs/architecture.md matches the tree: every file or folder it names in `backquotes`
# exists, and every folder of src/ and every source file of src/ is named in it (a
# source's own name or, for tests, its folder's `*_test.cpp`).
# Usage: architecture.sh SOURCE_DIR
set -u
root=$1
doc="$root/docs/architecture.md"
failures=0
checked=0
fail() { echo "FAIL $*"; failures=$((failures + 1)); }
# The names in backquotes that look like paths or source files.
names=$(grep -o '`[^`]*`' "$doc" | tr -d '`' | tr ' ,' '\n\n' | grep -E '(\.(cpp|hpp|cmake|sh|md)$|/$|^(src|include|tests|bench|fuzz|docs)/)' | sort -u)
for name in $names; do
    case "$name" in _*) continue ;; esac # a fragment such as _test.cpp
    checked=$((checked + 1))
    pattern=${name%/}
    pattern=${pattern//NAME/*}
    pattern=${pattern//VERB/*}
    compgen -G "$root/$pattern" >/dev/null && continue
    [ -n "$(find -L "$root/src" "$root/include" "$root/tests" "$root/bench" "$root/fuzz" "$root/docs" \
        \( -path "*/$pattern" -o -path "*/$pattern.*" \) -print -quit 2>/dev/null)" ] ||
        fail "docs/architecture.md names $name, which matches nothing in the tree"
done
# Every folder of src/ is a room the document places.
for folder in $(cd "$root" && find -L src -mindepth 1 -type d | sort); do
    checked=$((checked + 1))
    grep -qF "\`$folder/\`" "$doc" || grep -qF "$folder/" "$doc" || fail "docs/architecture.md does not place $folder/"
done
# Every source of src/ is named (tests by their folder's *_test.cpp).
for file in $(cd "$root" && find -L src -name '*.[ch]pp' ! -name '*_test.cpp' | sort); do
    checked=$((checked + 1))
    base=$(basename "$file")
    stem=${base%.*}
    grep -qE "(\`|/|\\b)$stem(\.(cpp|hpp))?\`|\\b$base\\b|\`$stem\`" "$doc" || fail "docs/architecture.md does not name $file"
done
[ "$checked" -gt 80 ] || fail "only $checked names checked: is docs/architecture.md there?"
echo "$checked names checked, $failures wrong"
[ "$failures" -eq 0 ]
