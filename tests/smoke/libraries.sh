#!/usr/bin/env bash
# qlfit loads libsystemd only when a bus is needed (dlopen, src/system/sd_bus_library.cpp):
# the binary does not name it among the libraries it needs, and commands that use no bus
# do not load it, nor does `remind` where no system bus can be. (The logind tests show it is
# loaded when a bus is needed.)
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
# `remind` with a reminder due asks logind, on the system bus, whether the screen is locked:
# with no bus at the address sd-bus would use, it does not load the library for that, and
# with something there, it does (and, nobody answering, reminds all the same).
export QLFIT_NOW=2026-11-24T11:00:00+01:00
DBUS_SYSTEM_BUS_ADDRESS=unix:path=$work/no-bus LD_DEBUG=files "$qlfit" remind >"$work/said" 2>"$work/loaded"
check "remind with no system bus runs" 0 "$?"
check "remind with no system bus reminds" yes "$(grep -q . "$work/said" && echo yes)"
check "remind with no system bus does not load libsystemd" "" \
    "$(grep -o 'file=libsystemd[^ ]*' "$work/loaded" | sort -u)"
python3 -c 'import socket, sys; socket.socket(socket.AF_UNIX).bind(sys.argv[1])' "$work/bus"
DBUS_SYSTEM_BUS_ADDRESS=unix:path=$work/bus LD_DEBUG=files "$qlfit" remind >"$work/said" 2>"$work/loaded"
check "remind with a silent system bus runs" 0 "$?"
check "remind with a silent system bus reminds" yes "$(grep -q . "$work/said" && echo yes)"
check "remind with a system bus there loads libsystemd" "file=libsystemd.so.0" \
    "$(grep -o 'file=libsystemd[^ ]*' "$work/loaded" | sort -u)"
finish "libraries"
