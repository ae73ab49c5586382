#!/usr/bin/env bash
# Where output goes: stdout that fails (a full disk, a closed pipe), and `export --output`
# or `backup` onto what is not a regular file (a FIFO, a device, a link to stdout).
# Usage: outputs.sh PATH/TO/qlfit
set -u
. "$(dirname "$0")/../support/check.sh"
qlfit=$1
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/tmp"
export QLFIT_DB=$work/q.db TZ=UTC QLFIT_NOW=2026-11-24T07:30:00Z TMPDIR=$work/tmp

# 3,000 entries: an export larger than a pipe holds.
awk 'BEGIN {
    print "id,activity,kind,start,duration_s,pain,note"
    for (n = 1; n <= 3000; n++)
        printf "0d0d0d0d-0000-4000-8000-%012d,break,break,%s,120,,\n", n,
            strftime("%Y-%m-%dT%H:%M:00+00:00", 946684800 + n * 3600, 1)
}' >"$work/history.csv"
"$qlfit" import "$work/history.csv" >/dev/null
"$qlfit" export >"$work/expected.csv"
lines() { wc -l <"$1" | tr -d ' '; }
no_temporaries() { find "$work" -name '*.qlfit-*' | head -1; }

# --- stdout that fails
"$qlfit" export >/dev/full 2>"$work/err"
check "export to a full disk: exit 3" 3 $?
check "export to a full disk: one line saying why" "qlfit: cannot write the output: No space left on device (the command itself was carried out)" "$(cat "$work/err")"
"$qlfit" activity list --names >/dev/full 2>"$work/err"
check "a short output to a full disk: exit 3" 3 $?
check "a short output to a full disk: one line" 1 "$(lines "$work/err")"

(trap '' PIPE; "$qlfit" export 2>"$work/err" | head -c 10 >/dev/null; echo "${PIPESTATUS[0]}" >"$work/code")
check "a reader that stops early (SIGPIPE ignored): exit 0" 0 "$(cat "$work/code")"
check "a reader that stops early (SIGPIPE ignored): nothing on stderr" "" "$(cat "$work/err")"
("$qlfit" list 2>"$work/err" | head -n 1 >/dev/null; echo "${PIPESTATUS[0]}" >"$work/code")
check "a reader that stops early (SIGPIPE default): nothing on stderr" "" "$(cat "$work/err")"

# --- targets that are not regular files
mkfifo "$work/fifo"
timeout 20 cat "$work/fifo" >"$work/from-fifo" &  # never forever, should qlfit replace the FIFO
reader=$!
"$qlfit" export --output "$work/fifo" 2>"$work/err"
check "export into a FIFO: exit 0" 0 $?
wait $reader
check "export into a FIFO: it is still a FIFO" yes "$([ -p "$work/fifo" ] && echo yes || echo no)"
check "export into a FIFO: the reader got the export" "" "$(cmp "$work/expected.csv" "$work/from-fifo" 2>&1)"
timeout 20 cat "$work/fifo" >"$work/from-fifo" &  # never forever, should qlfit replace the FIFO
reader=$!
"$qlfit" backup "$work/fifo" >/dev/null 2>"$work/err"
check "backup into a FIFO: exit 0" 0 $?
wait $reader
check "backup into a FIFO: it is still a FIFO" yes "$([ -p "$work/fifo" ] && echo yes || echo no)"
check "backup into a FIFO: the reader got a database" "SQLite format 3" "$(head -c 15 "$work/from-fifo")"
check "a FIFO target leaves no temporary file" "" "$(no_temporaries)"

# A link through /proc, as /dev/stdout is (a private one, so that a broken qlfit
# cannot replace the system's).
ln -s /proc/self/fd/1 "$work/stdout"
"$qlfit" export --output "$work/stdout" 2>"$work/err" | cat >"$work/from-pipe"
check "export into stdout, a pipe: the export arrives" "" "$(cmp "$work/expected.csv" "$work/from-pipe" 2>&1)"
check "export into stdout, a pipe: the link is kept" yes "$([ -L "$work/stdout" ] && echo yes || echo no)"
printf 'kept\n' >"$work/appended.csv"
"$qlfit" export --output "$work/stdout" >>"$work/appended.csv" 2>"$work/err"
check "export into stdout, a file opened to append: exit 0" 0 $?
check "export into stdout, a file opened to append: appended" "kept $(lines "$work/expected.csv")" \
    "$(head -n 1 "$work/appended.csv") $(($(lines "$work/appended.csv") - 1))"
check "export into stdout, a file: the link is kept" yes "$([ -L "$work/stdout" ] && echo yes || echo no)"
check "stdout targets leave no temporary file" "" "$(no_temporaries)"

# A symlink to a regular file: the file is replaced, the link kept.
printf 'old\n' >"$work/real.csv"
ln -s real.csv "$work/link.csv"
"$qlfit" export --output "$work/link.csv" 2>"$work/err"
check "export through a symlink: the link is kept" yes "$([ -L "$work/link.csv" ] && echo yes || echo no)"
check "export through a symlink: the file it names is replaced" "" "$(cmp "$work/expected.csv" "$work/real.csv" 2>&1)"

# Device nodes (root only: mknod needs it): copies of /dev/null and /dev/full.
if mknod "$work/null" c 1 3 2>/dev/null && mknod "$work/full" c 1 7 2>/dev/null; then
    "$qlfit" export --output "$work/null" 2>"$work/err"
    check "export into a null device: exit 0" 0 $?
    check "export into a null device: still a device" yes "$([ -c "$work/null" ] && echo yes || echo no)"
    "$qlfit" backup "$work/null" >/dev/null 2>"$work/err"
    check "backup into a null device: still a device" yes "$([ -c "$work/null" ] && echo yes || echo no)"
    "$qlfit" export --output "$work/full" 2>"$work/err"
    check "export into a full device: exit 3" 3 $?
    check "export into a full device: one line" "qlfit: $work/full cannot be written: No space left on device" "$(cat "$work/err")"
    check "export into a full device: still a device" yes "$([ -c "$work/full" ] && echo yes || echo no)"
    check "device targets leave no temporary file" "" "$(no_temporaries)"
else
    echo "(not root: device nodes skipped)"
fi
# Last, as it adds an entry.
"$qlfit" log break >/dev/full 2>"$work/err"
check "a logged entry whose line cannot be written: exit 3" 3 $?
finish "outputs"
