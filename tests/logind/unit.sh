#!/usr/bin/env bash
# watch --print|--install|--uninstall: the qlfit-watch.service user unit, against a
# stand-in systemctl first on PATH that records its arguments (the real user manager is
# not there in CI); the unit checked by systemd-analyze verify when it is installed.
# Usage: unit.sh PATH/TO/qlfit
set -u
. "$(dirname "$0")/../support/check.sh"
qlfit=$(realpath "$1")
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/bin" "$work/home"
export PATH="$work/bin:$PATH" HOME=$work/home XDG_CONFIG_HOME=$work/config
unset QLFIT_DB XDG_DATA_HOME
unit=$work/config/systemd/user/qlfit-watch.service
systemctl_ok() {
    printf '#!/bin/sh\necho "$*" >>"%s/calls"\nexit 0\n' "$work" >"$work/bin/systemctl"
    chmod +x "$work/bin/systemctl"
}
systemctl_failing() {
    printf '#!/bin/sh\necho "$*" >>"%s/calls"\necho "Failed to connect to bus: No medium found" >&2\nexit 1\n' \
        "$work" >"$work/bin/systemctl"
    chmod +x "$work/bin/systemctl"
}
calls() { cat "$work/calls" 2>/dev/null; rm -f "$work/calls"; }

printed=$("$qlfit" watch --print)
check "print: the absolute path runs watch" 1 "$(grep -cx "ExecStart=$qlfit watch" <<<"$printed")"
check "print: restarts on failure" 1 "$(grep -cx 'Restart=on-failure' <<<"$printed")"
check "print: part of the graphical session" 1 "$(grep -cx 'PartOf=graphical-session.target' <<<"$printed")"
check "print: wanted by the graphical session" 1 "$(grep -cx 'WantedBy=graphical-session.target' <<<"$printed")"
check "print: runs nothing" "" "$(calls)"
check "print: --db when not the default, --notify when asked" 1 \
    "$("$qlfit" --db "$work/my db.db" watch --print --notify | grep -cxF "ExecStart=$qlfit --db \"$work/my db.db\" watch --notify")"

systemctl_ok
out=$("$qlfit" watch --install 2>&1)
check "install: exit 0 and says so" "0 installed and started qlfit-watch.service" "$? $out"
check "install: reload, then enable --now" "--user daemon-reload
--user enable --now qlfit-watch.service" "$(calls)"
check "install: the unit is the printed one" "$printed" "$(cat "$unit")"
check "install: the unit is private" 600 "$(stat -c %a "$unit")"
out=$("$qlfit" watch --install 2>&1)
check "install again: idempotent" "0 qlfit-watch.service is installed and running" "$? $out"
check "install again: one unit" 1 "$(ls "$work/config/systemd/user" | wc -l)"
calls >/dev/null

if command -v systemd-analyze >/dev/null; then
    # No user manager in CI: verify reads the unit file itself (it needs a runtime folder).
    mkdir -m 700 "$work/runtime"
    verify=$(XDG_RUNTIME_DIR=$work/runtime systemd-analyze verify --user "$unit" 2>&1)
    check "systemd-analyze verify --user: exit 0, nothing wrong" "0 " "$? $verify"
else
    echo "SKIP systemd-analyze is not installed: the unit was not verified"
fi

# A changed unit (here --notify added): enable --now leaves a running watch as it was, so
# it is restarted onto the new one, as the line says.
out=$("$qlfit" watch --install --notify 2>&1)
check "install changed: says so" "0 updated and restarted qlfit-watch.service" "$? $out"
check "install changed: reload, enable --now, restart" "--user daemon-reload
--user enable --now qlfit-watch.service
--user restart qlfit-watch.service" "$(calls)"

out=$("$qlfit" watch --uninstall 2>&1)
check "uninstall: exit 0 and says so" "0 stopped and removed qlfit-watch.service" "$? $out"
check "uninstall: disable --now, then reload" "--user disable --now qlfit-watch.service
--user daemon-reload" "$(calls)"
check "uninstall: the unit is gone" no "$([ -e "$unit" ] && echo yes || echo no)"
out=$("$qlfit" watch --uninstall 2>&1)
check "uninstall again: nothing to do" "0 qlfit-watch.service is not installed" "$? $out"
check "uninstall again: runs nothing" "" "$(calls)"

# A relative XDG_CONFIG_HOME is no place (the XDG rule, as for XDG_DATA_HOME): the unit
# goes under HOME, never into the folder qlfit ran in; no HOME and no XDG_CONFIG_HOME is
# exit 3, with nothing written or run.
mkdir -p "$work/cwd"
out=$(cd "$work/cwd" && XDG_CONFIG_HOME=rel "$qlfit" watch --install 2>&1)
check "relative XDG_CONFIG_HOME: installed" "0 installed and started qlfit-watch.service" "$? $out"
check "relative XDG_CONFIG_HOME: nothing written where qlfit ran" "" "$(find "$work/cwd" -mindepth 1)"
check "relative XDG_CONFIG_HOME: the unit is under HOME" yes \
    "$([ -e "$HOME/.config/systemd/user/qlfit-watch.service" ] && echo yes || echo no)"
(cd "$work/cwd" && XDG_CONFIG_HOME=rel "$qlfit" watch --uninstall >/dev/null)
calls >/dev/null
err=$(env -u HOME -u XDG_CONFIG_HOME "$qlfit" --db "$work/q.db" watch --install 2>&1 >/dev/null)
check "no HOME: exit 3 naming it" \
    "3 qlfit: no place for the unit: HOME is not set; set XDG_CONFIG_HOME to an absolute path" "$? $err"
check "no HOME: runs nothing" "" "$(calls)"

# A restart that fails after the reload: the unit as it was, and systemd told so again.
systemctl_ok
"$qlfit" watch --install >/dev/null
before=$(cat "$unit")
calls >/dev/null
printf '#!/bin/sh\necho "$*" >>"%s/calls"\n[ "$2" = restart ] && { echo "Job failed" >&2; exit 1; }\nexit 0\n' \
    "$work" >"$work/bin/systemctl"
err=$("$qlfit" watch --install --notify 2>&1 >/dev/null)
check "a failing restart: exit 3 with its reason" \
    "3 qlfit: 'systemctl --user restart qlfit-watch.service' failed: Job failed" "$? $err"
check "a failing restart: the unit as it was" "$before" "$(cat "$unit")"
check "a failing restart: reloaded after the unit was put back" "--user daemon-reload
--user enable --now qlfit-watch.service
--user restart qlfit-watch.service
--user daemon-reload" "$(calls)"
systemctl_ok
"$qlfit" watch --uninstall >/dev/null
calls >/dev/null

systemctl_failing
err=$("$qlfit" watch --install 2>&1 >/dev/null)
code=$?
check "a failing systemctl: exit 3" 3 "$code"
check "a failing systemctl: its reason" \
    "qlfit: 'systemctl --user daemon-reload' failed: Failed to connect to bus: No medium found" "$err"
check "a failing systemctl: no unit file left behind" no "$([ -e "$unit" ] && echo yes || echo no)"
rm -f "$work/bin/systemctl"
PATH="$work/bin:/nonexistent" "$qlfit" watch --install >/dev/null 2>"$work/err"
check "no systemctl: exit 3" 3 "$?"
check "no systemctl: says so" "qlfit: cannot run systemctl: is systemd installed?" "$(cat "$work/err")"
check "no systemctl: no unit file left behind" no "$([ -e "$unit" ] && echo yes || echo no)"
finish "watch unit"
