#!/usr/bin/env bash
# One real `cron --install` / `--uninstall` round trip against Debian's crontab, for
# a throwaway user, checking `crontab -l` before and after. Needs root and the cron
# package. Usage: real_crontab.sh PATH/TO/qlfit
set -euo pipefail
. "$(dirname "$0")/../support/check.sh"
[ "$(id -u)" -eq 0 ] || { echo "real_crontab: needs root"; exit 1; }
command -v crontab >/dev/null || { echo "real_crontab: needs the cron package"; exit 1; }

user=qlfitci$$
home=$(mktemp -d)
chmod 755 "$home"
cp "$1" "$home/qlfit"
useradd --home-dir "$home/home" --create-home --shell /bin/sh "$user"
cleanup() {
    crontab -r -u "$user" 2>/dev/null || true
    userdel -r "$user" 2>/dev/null || true
    rm -rf "$home"
}
trap cleanup EXIT
as_user() { runuser -u "$user" -- env -i HOME="$home/home" LOGNAME="$user" PATH=/usr/bin:/bin "$@"; }


check "a new user has no crontab" 1 "$(as_user crontab -l >/dev/null 2>&1; echo $?)"
as_user "$home/qlfit" cron --install >/dev/null
check "install works without a crontab" 3 "$(as_user crontab -l | grep -c 'remind --for')"

printf 'MAILTO=""\n5 4 * * * /bin/true\n' | as_user crontab -
as_user "$home/qlfit" cron --install >/dev/null
as_user "$home/qlfit" cron --install >/dev/null
check "installed once, twice over" 3 "$(as_user crontab -l | grep -c 'remind --for')"
check "foreign lines kept" 'MAILTO=""' "$(as_user crontab -l | head -n 1)"
check "lines run qlfit by absolute path" 1 \
    "$(as_user crontab -l | grep -c "^0 18 \* \* \* $home/qlfit remind --for session$")"
as_user "$home/qlfit" cron --uninstall >/dev/null
check "uninstall leaves the user's own lines" 'MAILTO=""|5 4 * * * /bin/true' \
    "$(as_user crontab -l | paste -sd'|')"

finish "real crontab"
