#!/usr/bin/env bash
# The completion scripts, loaded in real bash, zsh and fish and asked to complete.
# Usage: shells.sh PATH/TO/qlfit
set -u
. "$(dirname "$0")/../support/check.sh"
qlfit=$(readlink -f "$1")
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/bin"
ln -s "$qlfit" "$work/bin/qlfit"
export PATH="$work/bin:$PATH" HOME=$work QLFIT_DB=$work/q.db TZ=UTC
qlfit activity add side-plank --kind session >/dev/null
# Names no qlfit would store, put there behind its back: completing must never run them.
hostile=('$(touch '"$work"'/pwned-1)' '`touch '"$work"'/pwned-2`' 'side $(touch '"$work"'/pwned-3)')
for name in "${hostile[@]}"; do
    sqlite3 "$QLFIT_DB" "INSERT INTO activity (name, kind, description, builtin, archived)
                         VALUES ('$name', 'session', '', 0, 0)"
done
pwned() { find "$work" -maxdepth 1 -name 'pwned-*' -print -delete | wc -l; }  # counts and clears
# A stand-in qlfit that prints such names as --names would if it did not filter them,
# so that the scripts themselves are shown to treat names as data.
mkdir -p "$work/stub"
{ printf '#!/bin/sh\ncat <<"NAMES"\n'; printf '%s\n' "${hostile[@]}" 'with space' 'side-plank'; printf 'NAMES\n'; } >"$work/stub/qlfit"
chmod +x "$work/stub/qlfit"
sorted() { tr ' ' '\n' | grep -v '^$' | sort | paste -sd' '; }
keys="break.days break.duration break.every break.hours break.natural day.start pain.warn remind.session_at remind.walk_at session.duration sessions.max sessions.min walk.max walk.min week.start"

# --- bash
qlfit completion bash >"$work/qlfit.bash"
bash_complete() {  # words..., the last one being completed
    bash -c 'source "$1"; shift; COMP_WORDS=("$@"); COMP_CWORD=$(( $# - 1 )); _qlfit; echo "${COMPREPLY[*]}"' \
        _ "$work/qlfit.bash" "$@"
}
check "bash: qlfit st" "start stats status stop" "$(bash_complete qlfit st | sorted)"
check "bash: qlfit log <activity>" "break butt-walk side-plank walk" "$(bash_complete qlfit log '' | sorted)"
check "bash: qlfit config set <key>" "$keys" "$(bash_complete qlfit config set '' | sorted)"
check "bash: qlfit config set <key> <value> offers no key" "" "$(bash_complete qlfit config set walk.min '' | sorted)"
check "bash: qlfit list --kind" "break session walk" "$(bash_complete qlfit list --kind '' | sorted)"
check "bash: qlfit --db x.db log --a" "--at" "$(bash_complete qlfit --db x.db log --a | sorted)"
check "bash: qlfit remind --for" "break session walk" "$(bash_complete qlfit remind --for '' | sorted)"
check "bash: qlfit rep" "report" "$(bash_complete qlfit rep | sorted)"
check "bash: qlfit report --w" "--weeks --with-notes" "$(bash_complete qlfit report --w | sorted)"
check "bash: qlfit config" "get list set unset" "$(bash_complete qlfit config '' | sorted)"
check "bash: qlfit list --activity s" "side-plank" "$(bash_complete qlfit list --activity s)"
check "bash: stored hostile names are not run" 0 "$(pwned)"
check "bash: activity list --names leaves them out" "break butt-walk side-plank walk" "$(qlfit activity list --names | sorted)"
check "bash: names a stand-in prints are data, one word each" "side \$(touch $work/pwned-3)|side-plank" \
    "$(PATH="$work/stub:$PATH" bash -c 'source "$1"; COMP_WORDS=(qlfit log s); COMP_CWORD=2; _qlfit; IFS="|"; echo "${COMPREPLY[*]}"' _ "$work/qlfit.bash")"
check "bash: ... with spaces kept" "with space" \
    "$(PATH="$work/stub:$PATH" bash -c 'source "$1"; COMP_WORDS=(qlfit log w); COMP_CWORD=2; _qlfit; IFS="|"; echo "${COMPREPLY[*]}"' _ "$work/qlfit.bash")"
PATH="$work/stub:$PATH" bash -c 'source "$1"; COMP_WORDS=(qlfit log ""); COMP_CWORD=2; _qlfit' _ "$work/qlfit.bash"
check "bash: ... and never run" 0 "$(pwned)"

# --- zsh, through bashcompinit (the same function, run the way zsh runs it)
if command -v zsh >/dev/null; then
    qlfit completion zsh >"$work/_qlfit"
    zsh_complete() {
        zsh -f -c 'autoload -U compinit && compinit -u -d "$HOME/.zcompdump"; source "$1"; shift
            emulate sh; setopt kshglob noshglob braceexpand
            COMP_WORDS=("$@"); COMP_CWORD=$(( $# - 1 )); COMPREPLY=(); _qlfit_bash
            print -r -- "${COMPREPLY[*]}"' _ "$work/_qlfit" "$@" |
            tr ' ' '\n' | grep -- "^${!#}"  # zsh's compadd keeps the words with the typed prefix
    }
    check "zsh: qlfit st" "start stats status stop" "$(zsh_complete qlfit st | sorted)"
    check "zsh: qlfit log <activity>" "break butt-walk side-plank walk" "$(zsh_complete qlfit log '' | sorted)"
    check "zsh: qlfit config set <key>" "$keys" "$(zsh_complete qlfit config set '' | sorted)"
    check "zsh: stored hostile names are not run" 0 "$(pwned)"
    PATH="$work/stub:$PATH" zsh_complete qlfit log '' >/dev/null
    check "zsh: names a stand-in prints are never run" 0 "$(pwned)"
    check "zsh: the script registers qlfit" 1 \
        "$(zsh -f -c 'autoload -U compinit && compinit -u -d "$HOME/.zcompdump"; source "$1"; print ${+_comps[qlfit]}' _ "$work/_qlfit")"
else
    failures=$((failures + 1)); echo "FAIL zsh is not installed (scripts/install-deps installs it)"
fi

# --- fish
if command -v fish >/dev/null; then
    qlfit completion fish >"$work/qlfit.fish"
    fish_complete() { fish --no-config -c "source $work/qlfit.fish; complete -C '$1'" | cut -f1; }
    check "fish: qlfit st" "start stats status stop" "$(fish_complete 'qlfit st' | sorted)"
    check "fish: qlfit log <activity>" "break butt-walk side-plank walk" "$(fish_complete 'qlfit log ' | sorted)"
    check "fish: qlfit config set <key>" "$keys" "$(fish_complete 'qlfit config set ' | sorted)"
    check "fish: qlfit list --kind" "break session walk" "$(fish_complete 'qlfit list --kind ' | sorted)"
    check "fish: stored hostile names are not run" 0 "$(pwned)"
    check "fish: names a stand-in prints are data, one each" "side \$(touch $work/pwned-3)|side-plank" \
        "$(PATH="$work/stub:$PATH" fish_complete 'qlfit log s' | paste -sd'|')"
    PATH="$work/stub:$PATH" fish_complete 'qlfit log ' >/dev/null
    check "fish: ... and never run" 0 "$(pwned)"
    check "fish: qlfit report --w" "--weeks --with-notes" "$(fish_complete 'qlfit report --w' | sorted)"
else
    failures=$((failures + 1)); echo "FAIL fish is not installed (scripts/install-deps installs it)"
fi

qlfit completion tcsh >/dev/null 2>"$work/err"
check "an unknown shell is exit 2" 2 $?
finish "completion"
