#!/usr/bin/env bash
# qlfit loads libsystemd only when a bus is needed (dlopen, src/system/sd_bus_library.cpp):
# the binary does not name it among the libraries it needs, and commands that use no bus
# do not load it. (The logind tests show it is loaded when a bus is needed.)
# Usage: libraries.sh PATH/TO/qlfit
set -u
. "$(dirname "$0")/../support/check.sh"
qlfit=$1
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

needed=$(readelf -d "$qlfit" | awk '/\(NEEDED\)/ {print $NF}' | tr -d '[]')
check "readelf lists the binary's libraries" yes \
    "$(case "$needed" in *libc.so.6*) echo yes ;; *) echo "no: $needed" ;; esac)"
check "the binary does not need libsystemd" "" "$(echo "$needed" | grep libsystemd)"

export HOME=$work/home TZ=Europe/Berlin QLFIT_NOW=2026-11-24T07:30:00+01:00
unset QLFIT_DB XDG_DATA_HOME
for command in "--version" "log butt-walk" "status"; do
    # shellcheck disable=SC2086  # the words of the command
    LD_DEBUG=files "$qlfit" $command >/dev/null 2>"$work/loaded"
    check "qlfit $command runs" 0 "$?"
    check "qlfit $command does not load libsystemd" "" \
        "$(grep -o 'file=libsystemd[^ ]*' "$work/loaded" | sort -u)"
done
finish "libraries"
