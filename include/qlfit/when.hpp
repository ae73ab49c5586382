#pragma once

#include "qlfit/calendar.hpp"

#include <date/date.h>

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

namespace qlfit {

// What "now" and "here" are for one run: the core never reads a clock or the
// environment itself.
struct TimeContext {
  date::sys_seconds now{};
  const Zone* zone = nullptr;
  std::chrono::minutes day_start{0};
  WeekStart week_start = WeekStart::kMonday;

  Moment now_here() const { return moment_of(now, zone); }
  date::year_month_day today() const;
};

// A parsed WHEN: a moment ("07:30", "2h ago", an ISO date-time), a whole day
// ("2026-11-24", "yesterday", "mon") or a whole period ("2026-W47", "2026-11").
struct When {
  enum class Kind { kMoment, kDay, kPeriod };
  Kind kind = Kind::kDay;
  Moment moment;               // kMoment
  date::year_month_day day{};  // kDay; for kMoment its habit day
  Period period;               // kPeriod
};

// Parses the WHEN grammar of the contract for a range or a period (--since, --until,
// --from, --to, --week, --month): "today", "yesterday", weekdays and a bare time name
// habit days, which begin at `context.day_start`. For the end of a range (--to,
// --until), `range_start` is its first day: a weekday then means the first such day
// on or after it. `what` names the option for error lines. Throws
// Error(kInvalidInput) quoting the text.
When parse_when(std::string_view text, std::string_view what, const TimeContext& context,
                std::optional<date::year_month_day> range_start = std::nullopt);

// The moment an `--at` names. Its words follow the civil clock and calendar, whatever
// day.start says: "00:40", "today 00:40" and "wed 00:40" (the most recent such moment
// not in the future) are read on today's wall calendar, "yesterday 23:00" on the
// calendar day before. A bare day means 12:00 that day (or now, when that is still
// ahead today). Refuses periods and anything more than 5 minutes in the future with
// Error(kInvalidInput).
Moment parse_at(std::string_view text, const TimeContext& context);

// The first day of a WHEN (its day, or a period's first day); for ranges.
date::year_month_day first_day(const When& when);
// The last day of a WHEN (its day, or a period's last day); for ranges.
date::year_month_day last_day(const When& when);

// The week a WHEN falls in (a week WHEN is that week itself).
Period week_of(const When& when, WeekStart start);

}  // namespace qlfit

namespace qlfit {

// Parses an instant that names its offset: "2026-11-24T07:30:00+01:00", "...Z"
// (seconds optional), as QLFIT_NOW takes it. Throws Error(kInvalidInput) naming `what`.
date::sys_seconds parse_instant(std::string_view text, std::string_view what);
// Refuses a clock whose local date leaves the years qlfit keeps (1900 to 9999), before
// anything is written: Error(kInvalidInput) naming QLFIT_NOW when it was set.
void check_clock(const Moment& now, std::string_view qlfit_now);

// The same form, keeping the offset it names (an exported entry's start).
Moment parse_offset_time(std::string_view text, std::string_view what);

// Whether a start kept as seconds since 1970 with its UTC offset in seconds is one that
// form can write and read back: an offset of at most 14 hours, a local date in the years
// 1900 to 9999. Any numbers may be asked (another device's operations): none overflows.
bool storable_start(std::int64_t start, std::int64_t offset);

}  // namespace qlfit
