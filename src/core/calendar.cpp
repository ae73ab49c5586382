#include "qlfit/calendar.hpp"

#include "qlfit/error.hpp"
#include "qlfit/text.hpp"

#include "reading.hpp"

#include <date/iso_week.h>

#include <string>

namespace qlfit {
namespace {

using date::days;
using date::sys_days;

std::string pad(long value, int width) {
  std::string digits = std::to_string(value < 0 ? -value : value);
  if (digits.size() < static_cast<std::size_t>(width)) {
    digits.insert(0, static_cast<std::size_t>(width) - digits.size(), '0');
  }
  return value < 0 ? "-" + digits : digits;
}

}  // namespace

int DateRange::days() const {
  return static_cast<int>((sys_days{last} - sys_days{first}).count()) + 1;
}

std::string iso_date(date::year_month_day day) {
  return pad(static_cast<int>(day.year()), 4) + "-" + pad(static_cast<unsigned>(day.month()), 2) +
         "-" + pad(static_cast<unsigned>(day.day()), 2);
}

std::string iso_week_label(date::year_month_day day) {
  const iso_week::year_weeknum_weekday week{sys_days{day}};
  return pad(static_cast<int>(week.year()), 4) + "-W" +
         pad(static_cast<unsigned>(week.weeknum()), 2);
}

Period week_containing(date::year_month_day day, WeekStart start) {
  const sys_days when{day};
  const date::weekday first_weekday = start == WeekStart::kMonday ? date::Monday : date::Sunday;
  const sys_days first = when - (date::weekday{when} - first_weekday);
  const DateRange range{date::year_month_day{first}, date::year_month_day{first + days{6}}};
  const std::string label =
      start == WeekStart::kMonday ? iso_week_label(range.first) : iso_date(range.first);
  return Period{PeriodKind::kWeek, range, label};
}

Period iso_week(int year, unsigned week, WeekStart start, std::string_view input) {
  const auto monday = iso_week::year{year} / iso_week::weeknum{week} / iso_week::mon;
  if (week == 0 || !monday.ok()) {
    const auto last = iso_week::year_lastweek{iso_week::year{year}};
    throw Error(ErrorCode::kInvalidInput,
                quote(input) + " is not a week: " + std::to_string(year) + " has ISO weeks 01 to " +
                    std::to_string(static_cast<unsigned>(last.weeknum())));
  }
  const sys_days first{monday};
  return week_containing(
      date::year_month_day{start == WeekStart::kMonday ? first : first - days{1}}, start);
}

Period month_of(date::year_month month) {
  const DateRange range{month / 1, date::year_month_day{month / date::last}};
  return Period{PeriodKind::kMonth, range, iso_date(range.first).substr(0, 7)};
}

Period range_of(date::year_month_day first, date::year_month_day last) {
  if (last < first) {
    throw Error(ErrorCode::kInvalidInput, "the range ends (" + iso_date(last) +
                                              ") before it starts (" + iso_date(first) +
                                              "); give --from before --to");
  }
  return Period{PeriodKind::kRange, DateRange{first, last},
                iso_date(first) + ".." + iso_date(last)};
}

Moment moment_of(date::sys_seconds instant, const Zone* zone) {
  return moment_with_offset(instant, zone->offset_at(instant));
}

Moment moment_with_offset(date::sys_seconds instant, std::chrono::seconds offset) {
  return Moment{instant, offset, date::local_seconds{instant.time_since_epoch() + offset}, false};
}

Moment moment_at(date::local_seconds local, const Zone* zone, std::string_view input) {
  const LocalTimeInfo info = zone->at_local(local);
  if (info.kind == LocalTimeInfo::Kind::kSkipped) {
    const auto jump = info.transition;
    const auto before = date::local_seconds{jump.time_since_epoch() + info.first};
    const auto after = date::local_seconds{jump.time_since_epoch() + info.second};
    const auto valid = local + (info.second - info.first);
    throw Error(ErrorCode::kInvalidInput,
                quote(input) + " does not exist in " + zone->name() + ": clocks jumped from " +
                    clock_time(before) + " to " + clock_time(after) + " on " +
                    iso_date(date::year_month_day{date::floor<days>(local)}) + "; try " +
                    clock_time(valid));
  }
  Moment moment = moment_with_offset(to_instant(local, info.first), info.first);
  moment.ambiguous = info.kind == LocalTimeInfo::Kind::kRepeated;
  return moment;
}

date::year_month_day habit_day(date::local_seconds local, std::chrono::minutes day_start) {
  return date::year_month_day{date::floor<days>(local - day_start)};
}

date::sys_seconds day_begins(date::year_month_day day, const Zone* zone,
                             std::chrono::minutes day_start) {
  const date::local_seconds local = date::local_days{day} + day_start;
  const LocalTimeInfo info = zone->at_local(local);
  if (info.kind == LocalTimeInfo::Kind::kSkipped)
    return info.transition;
  return to_instant(local, info.first);
}

std::string format_offset(std::chrono::seconds offset) {
  const long total = offset.count() < 0 ? -offset.count() : offset.count();
  std::string text = std::string(offset.count() < 0 ? "-" : "+") + pad(total / 3600, 2) + ":" +
                     pad(total % 3600 / 60, 2);
  // Local mean time before ~1972 can have seconds; keep them so nothing is lost.
  if (total % 60 != 0)
    text += ":" + pad(total % 60, 2);
  return text;
}

std::optional<date::year_month_day> parse_iso_date(std::string_view text) {
  Reader in{text};
  const auto fields = take_date_fields(in);
  if (!fields || !in.done())
    return std::nullopt;
  const date::year_month_day day{date::year{fields->year},
                                 date::month{static_cast<unsigned>(fields->month)},
                                 date::day{static_cast<unsigned>(fields->day)}};
  return day.ok() ? std::optional(day) : std::nullopt;
}

std::string clock_time(date::local_seconds local) {
  const date::hh_mm_ss<std::chrono::seconds> time{local - date::floor<days>(local)};
  return pad(time.hours().count(), 2) + ":" + pad(time.minutes().count(), 2);
}

std::string iso_datetime(date::sys_seconds instant, std::chrono::seconds offset) {
  const date::local_seconds local{instant.time_since_epoch() + offset};
  const auto day = date::floor<days>(local);
  const date::hh_mm_ss<std::chrono::seconds> time{local - day};
  return iso_date(date::year_month_day{day}) + "T" + pad(time.hours().count(), 2) + ":" +
         pad(time.minutes().count(), 2) + ":" + pad(time.seconds().count(), 2) +
         format_offset(offset);
}

}  // namespace qlfit
