#pragma once

#include "qlfit/zone.hpp"

#include <date/date.h>

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

namespace qlfit {

enum class WeekStart { kMonday, kSunday };

// An inclusive span of local dates.
struct DateRange {
  date::year_month_day first;
  date::year_month_day last;

  bool contains(date::year_month_day day) const { return first <= day && day <= last; }
  // True when the two ranges share a day.
  bool overlaps(const DateRange& other) const { return first <= other.last && other.first <= last; }
  int days() const;
};

enum class PeriodKind { kWeek, kMonth, kRange };

// A named span of days that stats report on.
struct Period {
  PeriodKind kind = PeriodKind::kWeek;
  DateRange range;
  std::string
      label;  // "2026-W48", "2026-11", "2026-11-20..2026-11-24", or a Sunday week's first date
};

// "2026-11-24".
std::string iso_date(date::year_month_day day);
// The day "2026-11-24" names: exactly YYYY-MM-DD and a day that exists; nullopt
// otherwise. Reads what iso_date writes.
std::optional<date::year_month_day> parse_iso_date(std::string_view text);
// "2026-W48": the ISO 8601 week (and week-year) the day belongs to.
std::string iso_week_label(date::year_month_day day);

// The week holding `day`: Monday-start weeks are labelled with their ISO week,
// Sunday-start weeks with their first date.
Period week_containing(date::year_month_day day, WeekStart start);
// ISO week `week` of ISO year `year` (Sunday-start: the week holding its Monday).
// Throws Error(kInvalidInput) when the year has no such week (e.g. 2025-W53).
Period iso_week(int year, unsigned week, WeekStart start, std::string_view input);
Period month_of(date::year_month month);
// Throws Error(kInvalidInput) when `last` is before `first`.
Period range_of(date::year_month_day first, date::year_month_day last);

// A resolved point in time: the instant, the UTC offset in force there, and the
// local civil date. `ambiguous` marks a wall time that happened twice (fall-back).
struct Moment {
  date::sys_seconds instant{};
  std::chrono::seconds offset{0};
  date::local_seconds local{};
  bool ambiguous = false;

  date::year_month_day local_date() const {
    return date::year_month_day{date::floor<date::days>(local)};
  }
};

// The instant at which the wall clock of a place `offset` east of UTC shows `local`.
inline date::sys_seconds to_instant(date::local_seconds local, std::chrono::seconds offset) {
  return date::sys_seconds{local.time_since_epoch() - offset};
}

// The moment at `instant` in `zone`.
Moment moment_of(date::sys_seconds instant, const Zone* zone);
// The moment at an instant with a fixed UTC offset (an ISO time that named its offset).
Moment moment_with_offset(date::sys_seconds instant, std::chrono::seconds offset);
// The instant the wall time `local` names in `zone`. A doubled (fall-back) time
// means the first. Throws Error(kInvalidInput) for a time in a spring-forward gap,
// naming the zone and a valid time; `input` is what the user typed.
Moment moment_at(date::local_seconds local, const Zone* zone, std::string_view input);

// The day an entry counts for: its local date, or the day before when its local
// time is earlier than `day_start` (for night owls).
date::year_month_day habit_day(date::local_seconds local, std::chrono::minutes day_start);

// The instant habit day `day` begins in `zone`: its local `day_start`, or the DST
// jump itself when the jump skips that wall time (Havana's spring-forward midnight).
// A day the zone skipped whole (Pacific/Apia, 2011-12-30) begins where the next does.
date::sys_seconds day_begins(date::year_month_day day, const Zone* zone,
                             std::chrono::minutes day_start);

// "+01:00", "-03:30", "+00:00"; "-00:44:30" for the rare historic offset with seconds.
std::string format_offset(std::chrono::seconds offset);
// "07:30": the wall clock's hours and minutes.
std::string clock_time(date::local_seconds local);
// "2026-11-24T07:30:00+01:00": the local time with its own offset.
std::string iso_datetime(date::sys_seconds instant, std::chrono::seconds offset);

}  // namespace qlfit
