#!/usr/bin/env bash
# Writes a deterministic history of YEARS years ending 2026-11-22 (default 20, about
# 73,000 entries): a routine session on about 4 days a week, a walk on most days, about
# 12 breaks on each working day. Three forms of the same intervals, into OUT_DIR:
#   history.csv      a qlfit import file
#   floor.db         a bare indexed SQLite table, for the sqlite3 "floor"
#   timewarrior/     timewarrior data files (data/YYYY-MM.data)
# Usage: bench/generate.sh OUT_DIR [YEARS]
set -euo pipefail
out=$1
years=${2:-20}
mkdir -p "$out/timewarrior/data"
awk -v years="$years" -v out="$out" '
function two(n) { return sprintf("%02d", n) }
function stamp(day, minute) {  # day: days since 1970-01-01, minute of the day (UTC)
    return civil(day) "T" two(int(minute / 60)) ":" two(minute % 60) ":00"
}
function civil(z,    era, doe, yoe, y, doy, mp, d, m) {  # days since epoch -> Y-M-D
    z += 719468; era = int(z / 146097); doe = z - era * 146097
    yoe = int((doe - int(doe / 1460) + int(doe / 36524) - int(doe / 146096)) / 365)
    y = yoe + era * 400; doy = doe - (365 * yoe + int(yoe / 4) - int(yoe / 100))
    mp = int((5 * doy + 2) / 153); d = doy - int((153 * mp + 2) / 5) + 1
    m = mp < 10 ? mp + 3 : mp - 9
    return (m <= 2 ? y + 1 : y) "-" two(m) "-" two(d)
}
function entry(day, minute, seconds, activity, kind,    id, start, end) {
    n++
    id = sprintf("0b0b0b0b-0000-4000-8000-%012d", n)
    start = stamp(day, minute)
    print id "," activity "," kind "," start "+00:00," seconds "," (n % 11) "," > (out "/history.csv")
    print n "," activity "," kind "," (day * 86400 + minute * 60) "," seconds "," civil(day) > (out "/floor.csv")
    end = day * 86400 + minute * 60 + seconds
    file = out "/timewarrior/data/" substr(civil(day), 1, 7) ".data"
    print "inc " substr(start, 1, 4) substr(start, 6, 2) substr(start, 9, 2) "T" substr(start, 12, 2) substr(start, 15, 2) "00Z - " \
        substr(stamp(int(end / 86400), int((end % 86400) / 60)), 1, 4) substr(stamp(int(end / 86400), int((end % 86400) / 60)), 6, 2) \
        substr(stamp(int(end / 86400), int((end % 86400) / 60)), 9, 2) "T" substr(stamp(int(end / 86400), int((end % 86400) / 60)), 12, 2) \
        substr(stamp(int(end / 86400), int((end % 86400) / 60)), 15, 2) "00Z # " activity > file
}
BEGIN {
    print "id,activity,kind,start,duration_s,pain,note" > (out "/history.csv")
    last = 20779  # 2026-11-22
    first = last - int(years * 365.25)
    srand(42)
    for (day = first; day <= last; day++) {
        weekday = (day + 3) % 7  # 0 = Monday
        # In time order, never overlapping: timewarrior wants its intervals so.
        if (rand() < 4 / 7) entry(day, 360 + int(rand() * 60), 600, "butt-walk", "session")
        if (weekday < 5) for (b = 0; b < 12; b++) entry(day, 480 + b * 40 + int(rand() * 10), 120, "break", "break")
        if (rand() < 0.9) entry(day, 1080 + int(rand() * 120), 1200 + int(rand() * 900), "walk", "walk")
    }
}'
sqlite3 "$out/floor.db" <<SQL
DROP TABLE IF EXISTS entry;
CREATE TABLE entry (n INTEGER PRIMARY KEY, activity TEXT, kind TEXT, start_utc INTEGER,
                    duration_s INTEGER, local_date TEXT);
.mode csv
.import $out/floor.csv entry
CREATE INDEX entry_by_date ON entry (local_date);
CREATE INDEX entry_by_start ON entry (start_utc);
SQL
rm "$out/floor.csv"
echo "generate: $(($(wc -l <"$out/history.csv") - 1)) entries for $years years in $out"
