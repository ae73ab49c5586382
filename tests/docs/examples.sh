#!/usr/bin/env bash
# Every example qlfit shows runs as shown: the Examples of each command's --help, the
# README's and docs/'s command lines, the man page's EXAMPLES, and the commands suggested
# by error messages ("e.g. qlfit pause --from mon --to fri", on every day of the week).
# They run in order, each once, against one database seeded so that the ids they name
# exist. Stand-ins only for what a test cannot own: the user's crontab, a desktop
# notifier, the user's systemd manager, and ssh (another machine, here this one).
# Usage: examples.sh PATH/TO/qlfit SOURCE_DIR
set -u
qlfit=$(realpath "$1")
root=$(realpath "$2")
sandbox=$(mktemp -d)
trap 'rm -rf "$sandbox"' EXIT
mkdir -p "$sandbox/bin" "$sandbox/home/.local/share/bash-completion/completions" \
    "$sandbox/home/.zfunc" "$sandbox/home/.config/fish/completions" "$sandbox/work"
ln -s "$qlfit" "$sandbox/bin/qlfit"
ln -s "$(dirname "$(realpath "$0")")/../support/stand-ins/crontab" "$sandbox/bin/crontab"
printf '#!/bin/sh\nexit 0\n' >"$sandbox/bin/notify-send"
# The user's systemd manager: it takes what it is asked.
printf '#!/bin/sh\necho "$*" >>"$HOME/systemctl.log"\nexit 0\n' >"$sandbox/bin/systemctl"
printf '#!/bin/sh\n# ssh HOST COMMAND...: here, this machine.\nshift\nexec "$@"\n' >"$sandbox/bin/ssh"
chmod +x "$sandbox/bin/"*
export HOME="$sandbox/home" XDG_DATA_HOME="$sandbox/home/.local/share" \
    XDG_CONFIG_HOME="$sandbox/home/.config" PATH="$sandbox/bin:$PATH" \
    TZ=Europe/Berlin QLFIT_NOW=2026-11-24T07:30:00+01:00 NO_COLOR=1 \
    GIT_AUTHOR_NAME=qlfit GIT_AUTHOR_EMAIL=qlfit@localhost GIT_COMMITTER_NAME=qlfit \
    GIT_COMMITTER_EMAIL=qlfit@localhost GIT_CONFIG_NOSYSTEM=1
unset QLFIT_DB
command -v jq >/dev/null || { echo "FAIL jq is not installed (scripts/install-deps installs it)"; exit 1; }
cd "$sandbox/work" || exit 1

# The seed: 45 entries (#40-#42 exist), one whose id starts 6ed6, one pause (so the
# examples' pause is #2).
{
    echo "id,activity,kind,start,duration_s,pain,note"
    for i in $(seq 1 44); do
        printf '00000000-0000-4000-8000-%012d,walk,walk,2026-10-%02dT18:00:00+02:00,1500,,\n' \
            "$i" $(((i % 28) + 1))
    done
    echo "6ed6a1b2-0000-4000-8000-000000000000,butt-walk,session,2026-11-02T07:30:00+01:00,600,,"
} >seed.csv
qlfit import seed.csv >/dev/null && qlfit pause --from 2026-10-01 --to 2026-10-02 >/dev/null ||
    { echo "FAIL the seed could not be imported"; exit 1; }

examples=$sandbox/examples
: >"$examples"
# name<TAB>command, one per line
add() { printf '%s\t%s\n' "$1" "$2" >>"$examples"; }
commands=$(qlfit completion fish | sed -n "s/^complete -c qlfit -n '__fish_use_subcommand' -a \([a-z][a-z-]*\) -d .*/\1/p")
[ -n "$commands" ] || commands=$(qlfit completion fish | sed -n "s/^complete -c qlfit -n '[^']*' -a \([a-z][a-z-]*\) -d .*/\1/p" | awk '!seen[$0]++')
for command in "" $commands; do
    qlfit $command --help | awk '/^Examples:/{on=1; next} on && /^  qlfit /{sub(/^  /, ""); print; next} on && !/^  /{on=0}' |
        while IFS= read -r line; do add "qlfit $command --help" "$line"; done
done
sed -n 's/^\$ \(qlfit .*\)/\1/p' "$root/README.md" | while IFS= read -r line; do add README.md "$line"; done
for doc in "$root/README.md" "$root"/docs/*.md; do
    awk '/^```/{block=!block; shell=($0 ~ /^```(sh|console)?$/); next} block && shell && /^qlfit /' "$doc" |
        while IFS= read -r line; do add "${doc#"$root"/}" "$line"; done
    # Inline examples: `qlfit ...` spans with arguments and no placeholder (no CAPITALS,
    # [, |, or ...); a bare `qlfit pause` names a command.
    grep -o '`qlfit [^`]* [^`]*`' "$doc" | tr -d '`' | grep -v '[][|]\|[A-Z][A-Z]\|\.\.\.\|(' |
        while IFS= read -r line; do add "${doc#"$root"/}" "$line"; done
done
awk '/^\.SH EXAMPLES/{on=1; next} on && /^\.SH/{on=0} on && /^qlfit /' "$root/man/qlfit.1" |
    sed 's/\\-/-/g' | while IFS= read -r line; do add man/qlfit.1 "$line"; done

count=0
failed=0
declare -A seen
while IFS=$'\t' read -r where line; do
    [ -z "${seen[$line]:-}" ] || continue
    seen[$line]=1
    # What an example assumes was done before it, as its own text says.
    case "$line" in
    "qlfit stop"*) qlfit start walk >/dev/null 2>&1 ;;
    # The folder Syncthing keeps: sync makes DIR in it, never a missing parent.
    "qlfit sync ~/Sync/"*) mkdir -p "$HOME/Sync" ;;
    *" --git"*)
        # A git work tree whose remote others push to, as a user would have cloned it.
        dir=$(eval "echo ${line#qlfit sync }" | cut -d' ' -f1)
        if [ ! -d "$dir/.git" ]; then
            git init -q --bare "$sandbox/remote.git" && git clone -q "$sandbox/remote.git" "$dir" 2>/dev/null &&
                git -C "$dir" commit -q --allow-empty -m start && git -C "$dir" push -q origin HEAD 2>/dev/null
        fi
        ;;
    esac
    count=$((count + 1))
    case "$line" in
    "qlfit watch" | "qlfit watch --notify")
        # A foreground service: still running after 3 s, it ends on SIGTERM.
        output=$(timeout 3 bash -c "$line" 2>&1 </dev/null)
        status=$?
        expected=124
        ;;
    *)
        output=$(timeout 60 bash -c "$line" 2>&1 </dev/null)
        status=$?
        expected=0
        ;;
    esac
    if [ "$status" -ne "$expected" ]; then
        echo "FAIL ($where) $line: exit $status"
        printf '%s\n' "$output" | head -3 | sed 's/^/    /'
        failed=$((failed + 1))
    fi
done <"$examples"
[ "$count" -gt 50 ] || { echo "FAIL only $count examples found"; failed=$((failed + 1)); }

# Suggestions in error messages, tried on each day of a week.
for day in 23 24 25 26 27 28 29; do
    now=2026-11-${day}T12:00:00+01:00
    export QLFIT_DB="$sandbox/hint-$day.db"
    hint=$(QLFIT_NOW=$now qlfit pause --from 2026-12-01 2>&1 | sed -n 's/.*e\.g\. \(qlfit .*\)/\1/p')
    count=$((count + 1))
    if [ -z "$hint" ]; then
        echo "FAIL pause --from alone suggests nothing"; failed=$((failed + 1))
    elif ! output=$(QLFIT_NOW=$now bash -c "$hint" 2>&1); then
        echo "FAIL on 2026-11-$day the suggested '$hint': $output"; failed=$((failed + 1))
    fi
done
echo "examples: $count run, $failed failed"
[ "$failed" -eq 0 ]
