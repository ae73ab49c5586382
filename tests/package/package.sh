#!/usr/bin/env bash
# Installs a release build into a temporary prefix, builds the .deb, lists it, and
# (as root) installs it, runs it and removes it again. Usage: package.sh BUILD_DIR
set -u
. "$(dirname "$0")/../support/check.sh"
build=$(readlink -f "$1")
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
expected="bin/qlfit
share/bash-completion/completions/qlfit
share/fish/vendor_completions.d/qlfit.fish
share/man/man1/qlfit.1
share/zsh/site-functions/_qlfit"

cmake --install "$build" --prefix "$work/prefix" >/dev/null
check "install puts every file in its place" "$expected" "$(cd "$work/prefix" && find . -type f | sed 's|^\./||' | sort)"
check "the man page renders without warnings" "" "$(MANWIDTH=80 man --warnings -E UTF-8 -l "$work/prefix/share/man/man1/qlfit.1" 2>&1 >/dev/null)"

(cd "$build" && cpack -G DEB >/dev/null)
deb=$(ls "$build"/qlfit_*_amd64.deb | head -n 1)
check "the .deb holds the same files" "$(echo "$expected" | sed 's|^|usr/|')" \
    "$(dpkg-deb -c "$deb" | awk '$1 !~ /^d/ {print $6}' | sed 's|^\./||' | sort)"
depends=$(dpkg-deb -f "$deb" Depends)
for library in libsqlite3-0 tzdata libsystemd0; do
    check "the .deb depends on $library" yes "$(case "$depends" in *"$library"*) echo yes ;; *) echo "no: $depends" ;; esac)"
done

if [ "$(id -u)" -eq 0 ]; then
    dpkg -i "$deb" >/dev/null 2>&1
    check "the .deb installs" "qlfit" "$(/usr/bin/qlfit --version | cut -d' ' -f1)"
    check "and logs" 0 "$(HOME=$work/home /usr/bin/qlfit log butt-walk >/dev/null; echo $?)"
    dpkg -r qlfit >/dev/null 2>&1
    check "and removes" no "$( [ -e /usr/bin/qlfit ] && echo yes || echo no)"
fi
finish "package"
